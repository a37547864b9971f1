#include "shared/protocol/sync_messages.h"
#include "shared/protocol/json_field.h"

namespace nastavnik::wire {
namespace {

using nlohmann::json;

constexpr size_t kMaxHeaderBytes = 64 * 1024;

Status bad(const std::string& what) { return Status::Corruption("sync request: " + what); }

}  // namespace

std::string encode_sync_request(const SyncRequest& r) {
  const std::string header =
      json{{"proto", r.protocol}, {"schema", r.schema}, {"cursor", r.cursor}, {"limit", r.page_limit},
           {"scope", r.scope}}.dump();
  std::string out(kSyncMagic, 4);
  const auto n = static_cast<uint32_t>(header.size());
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xff));
  out += header;
  for (const auto& cs : r.changesets) out += ChangesetCodec::frame(cs);
  return out;
}

Result<SyncRequest> decode_sync_request(std::string_view body) {
  if (body.size() < 8 || body.substr(0, 4) != kSyncMagic) return bad("the body does not start with NSY1");
  uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n = (n << 8) | static_cast<uint8_t>(body[4 + i]);
  if (n > kMaxHeaderBytes || n > body.size() - 8) return bad("the header length is wrong");
  const json header = json::parse(body.substr(8, n), nullptr, false);
  if (header.is_discarded() || !header.is_object()) return bad("the header is not a JSON object");
  SyncRequest r;
  NASTAVNIK_RETURN_IF_ERROR(read_field(header, "proto", r.protocol).with_context("sync request header"));
  NASTAVNIK_RETURN_IF_ERROR(read_field(header, "schema", r.schema).with_context("sync request header"));
  NASTAVNIK_RETURN_IF_ERROR(read_field(header, "cursor", r.cursor).with_context("sync request header"));
  NASTAVNIK_RETURN_IF_ERROR(read_field(header, "limit", r.page_limit).with_context("sync request header"));
  NASTAVNIK_RETURN_IF_ERROR(read_field(header, "scope", r.scope).with_context("sync request header"));
  if (r.page_limit == 0 || r.page_limit > kMaxPageLimit) return bad("limit must be between 1 and 10000");
  NASTAVNIK_ASSIGN_OR_RETURN(r.changesets, ChangesetCodec::unframe(body.substr(8 + n)));
  return r;
}

const char* outcome_name(ChangesetOutcome o) {
  switch (o) {
    case ChangesetOutcome::kAccepted: return "accepted";
    case ChangesetOutcome::kDuplicate: return "duplicate";
    case ChangesetOutcome::kRejected: return "rejected";
  }
  return "?";
}

json receipt_to_json(const Receipt& r) {
  json results = json::array();
  for (const auto& c : r.results) {
    json item = {{"device", c.device}, {"seq", c.seq}, {"hash", c.hash}, {"status", outcome_name(c.outcome)}};
    if (!c.code.empty()) item["code"] = c.code;
    if (!c.message.empty()) item["message"] = c.message;
    if (c.expected_seq) item["expected_seq"] = c.expected_seq;
    if (!c.rejected_ops.empty()) {
      json ops = json::array();
      for (const auto& o : c.rejected_ops) ops.push_back({{"h", o.hlc}, {"code", o.code}, {"message", o.message}});
      item["rejected_ops"] = ops;
    }
    results.push_back(item);
  }
  return {{"kind", "receipt"}, {"server", r.server}, {"requester", r.requester}, {"request", r.request},
          {"time", r.time_ms}, {"results", results}};
}

Result<Receipt> receipt_from_json(const json& j) {
  Receipt r;
  std::string kind;
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "kind", kind));
  if (kind != "receipt") return Status::Corruption("not a receipt");
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "server", r.server));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "requester", r.requester));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "request", r.request));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "time", r.time_ms));
  if (!j.contains("results") || !j["results"].is_array()) return Status::Corruption("receipt without results");
  for (const auto& item : j["results"]) {
    ChangesetResult c;
    std::string status;
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "device", c.device));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "seq", c.seq));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "hash", c.hash));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "status", status));
    if (status == "accepted") c.outcome = ChangesetOutcome::kAccepted;
    else if (status == "duplicate") c.outcome = ChangesetOutcome::kDuplicate;
    else if (status == "rejected") c.outcome = ChangesetOutcome::kRejected;
    else return Status::Corruption("unknown changeset status '" + status + "'");
    c.code = item.value("code", "");
    c.message = item.value("message", "");
    c.expected_seq = item.value("expected_seq", uint64_t{0});
    for (const auto& o : item.value("rejected_ops", json::array()))
      c.rejected_ops.push_back(RejectedOp{o.value("h", ""), o.value("code", ""), o.value("message", "")});
    r.results.push_back(std::move(c));
  }
  return r;
}

json page_to_json(const PullPage& p) {
  json ops = json::array();
  for (const auto& op : p.ops) ops.push_back(op_to_json(op));
  return {{"kind", "page"}, {"server", p.server}, {"requester", p.requester}, {"request", p.request},
          {"from", p.from}, {"cursor", p.cursor}, {"more", p.more}, {"reset", p.reset}, {"scope", p.scope},
          {"scope_sets", {{"all_pairs", p.all_pairs}, {"pairs", p.pairs}, {"schools", p.schools}}},
          {"time", p.time_ms}, {"ops", ops}};
}

namespace {

Status read_id_list(const json& j, const char* key, std::vector<std::string>& out) {
  if (!j.contains(key) || !j[key].is_array()) return Status::Corruption(std::string("scope_sets without ") + key);
  for (const auto& e : j[key]) {
    if (!e.is_string()) return Status::Corruption(std::string("scope_sets.") + key + " holds a non-string");
    out.push_back(e.get<std::string>());
  }
  return Status::Ok();
}

}  // namespace

Result<PullPage> page_from_json(const json& j) {
  PullPage p;
  std::string kind;
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "kind", kind));
  if (kind != "page") return Status::Corruption("not a pull page");
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "server", p.server));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "requester", p.requester));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "request", p.request));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "from", p.from));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "cursor", p.cursor));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "more", p.more));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "reset", p.reset));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "scope", p.scope));
  if (j.contains("scope_sets")) {
    const json& sets = j["scope_sets"];
    if (!sets.is_object()) return Status::Corruption("scope_sets is not an object");
    NASTAVNIK_RETURN_IF_ERROR(read_field(sets, "all_pairs", p.all_pairs));
    NASTAVNIK_RETURN_IF_ERROR(read_id_list(sets, "pairs", p.pairs));
    NASTAVNIK_RETURN_IF_ERROR(read_id_list(sets, "schools", p.schools));
    p.has_scope_sets = true;
  }
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "time", p.time_ms));
  if (!j.contains("ops") || !j["ops"].is_array()) return Status::Corruption("pull page without ops");
  for (const auto& o : j["ops"]) {
    NASTAVNIK_ASSIGN_OR_RETURN(Op op, op_from_json(o));
    p.ops.push_back(std::move(op));
  }
  return p;
}

}  // namespace nastavnik::wire
