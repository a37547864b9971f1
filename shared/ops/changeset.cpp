#include "shared/ops/changeset.h"

#include <cstring>
#include <set>

namespace nastavnik {
namespace {

using nlohmann::json;

constexpr size_t kFrameHeader = 4 + 4;

Status bad(const std::string& what) { return Status::Corruption("changeset: " + what); }

bool is_hex(const std::string& s, size_t size) {
  return s.size() == size && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::string ChangesetCodec::encode_payload(const Changeset& cs) {
  json ops = json::array();
  for (const auto& op : cs.ops) ops.push_back(op_to_json(op));
  json j;
  j["fmt"] = cs.header.format;
  j["schema"] = cs.header.schema;
  j["proto"] = cs.header.protocol;
  j["device"] = cs.header.device;
  j["seq"] = cs.header.seq;
  j["prev"] = cs.header.prev;
  j["created"] = cs.header.created_ms;
  j["ops"] = std::move(ops);
  return j.dump();
}

Result<Changeset> ChangesetCodec::decode_payload(std::string_view payload) {
  if (payload.size() > kMaxChangesetPayloadBytes) return bad("payload larger than the limit");
  json j = json::parse(payload.begin(), payload.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("payload is not a JSON object");
  static const std::set<std::string> kKeys = {"fmt", "schema", "proto", "device", "seq",
                                              "prev", "created", "ops"};
  for (const auto& [key, value] : j.items())
    if (!kKeys.count(key)) return bad("unknown key '" + key + "'");
  for (const char* key : {"fmt", "schema", "proto", "seq", "created"})
    if (!j.contains(key) || !j[key].is_number_unsigned())
      return bad(std::string("'") + key + "' must be a non-negative integer");
  for (const char* key : {"device", "prev"})
    if (!j.contains(key) || !j[key].is_string()) return bad(std::string("'") + key + "' must be a string");
  if (!j.contains("ops") || !j["ops"].is_array()) return bad("'ops' must be a list");
  Changeset cs;
  cs.header.format = j["fmt"].get<int>();
  cs.header.schema = j["schema"].get<int>();
  cs.header.protocol = j["proto"].get<int>();
  cs.header.device = j["device"].get<std::string>();
  cs.header.seq = j["seq"].get<uint64_t>();
  cs.header.prev = j["prev"].get<std::string>();
  cs.header.created_ms = j["created"].get<uint64_t>();
  if (!is_hex(cs.header.device, 32)) return bad("device id must be 32 hex digits");
  if (!is_hex(cs.header.prev, 64)) return bad("prev must be 64 hex digits");
  if (cs.header.seq == 0) return bad("seq starts at 1");
  for (auto& o : j["ops"]) {
    auto op = op_from_json(std::move(o));
    if (!op.ok()) return bad(op.status().message());
    if (op->hlc.device != cs.header.device) return bad("an op is stamped by another device");
    cs.ops.push_back(std::move(op).value());
  }
  return cs;
}

SealedChangeset ChangesetCodec::seal(const Changeset& cs, const crypto::SecretKey& key) {
  SealedChangeset s;
  s.payload = encode_payload(cs);
  s.signature = crypto::sign(kChangesetSignContext, s.payload, key);
  return s;
}

Status ChangesetCodec::verify(const SealedChangeset& s, const crypto::PublicKey& key) {
  if (!crypto::verify(kChangesetSignContext, s.payload, s.signature, key))
    return Status::Unauthenticated(
        "changeset signature does not match the device key: it was altered or signed by another key");
  return Status::Ok();
}

std::string ChangesetCodec::frame(const SealedChangeset& s) {
  std::string out;
  out.reserve(kFrameHeader + s.payload.size() + s.signature.size());
  out.append(kChangesetMagic, 4);
  const uint32_t n = static_cast<uint32_t>(s.payload.size());
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xff));
  out.append(s.payload);
  out.append(reinterpret_cast<const char*>(s.signature.data()), s.signature.size());
  return out;
}

Result<std::vector<SealedChangeset>> ChangesetCodec::unframe(std::string_view bytes) {
  std::vector<SealedChangeset> out;
  size_t pos = 0;
  while (pos < bytes.size()) {
    const std::string at = " at byte " + std::to_string(pos);
    if (bytes.size() - pos < kFrameHeader || bytes.substr(pos, 4) != kChangesetMagic)
      return bad("no changeset frame" + at);
    uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n = (n << 8) | static_cast<uint8_t>(bytes[pos + 4 + i]);
    if (n > kMaxChangesetPayloadBytes) return bad("frame larger than the limit" + at);
    if (bytes.size() - pos - kFrameHeader < static_cast<size_t>(n) + crypto::kSignatureBytes)
      return bad("frame is truncated" + at);
    SealedChangeset s;
    s.payload = std::string(bytes.substr(pos + kFrameHeader, n));
    std::memcpy(s.signature.data(), bytes.data() + pos + kFrameHeader + n, s.signature.size());
    out.push_back(std::move(s));
    pos += kFrameHeader + n + crypto::kSignatureBytes;
  }
  return out;
}

Status ChangesetCodec::check_chain(const ChangesetHeader& h, uint64_t last_seq,
                                   const std::string& last_hash) {
  if (h.seq <= last_seq)
    return Status::Conflict("changeset " + std::to_string(h.seq) + " was already received (replay)");
  if (h.seq != last_seq + 1)
    return Status::Conflict("changeset sequence gap: expected " + std::to_string(last_seq + 1) +
                            ", got " + std::to_string(h.seq));
  const std::string& expected = last_seq == 0 ? kGenesisHash : last_hash;
  if (h.prev != expected)
    return Status::Corruption("changeset " + std::to_string(h.seq) +
                              " does not continue the device's chain (previous hash differs)");
  return Status::Ok();
}

}  // namespace nastavnik
