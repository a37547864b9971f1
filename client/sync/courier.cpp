#include "client/sync/courier.h"

#include "client/sync/server_reply.h"
#include "client/sync/signed_post.h"
#include "client/sync/sync_state.h"
#include "shared/domain/schema.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/sync_messages.h"

namespace nastavnik {
namespace {

using nlohmann::json;

Result<SyncState> enrolled_state(const LocalStore& store) {
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(store));
  if (!state.enrolled()) return Status::FailedPrecondition("this device is not enrolled: enroll it before sending work by courier");
  if (!state.revoked_message.empty())
    return Status::PermissionDenied("this device was revoked (" + state.revoked_message +
                                    "): export its work with `export --unsynced` and bring it in on another device");
  return state;
}

void add(SyncSummary& total, const SyncSummary& s) {
  total.changesets_sent += s.changesets_sent;
  total.ops_sent += s.ops_sent;
  total.ops_received += s.ops_received;
  total.new_conflicts += s.new_conflicts;
  total.flagged_future += s.flagged_future;
  total.restamped += s.restamped;
  total.rejected.insert(total.rejected.end(), s.rejected.begin(), s.rejected.end());
  total.refused_changesets.insert(total.refused_changesets.end(), s.refused_changesets.begin(),
                                  s.refused_changesets.end());
  total.more_to_pull = total.more_to_pull || s.more_to_pull;
  total.left_pairs.insert(total.left_pairs.end(), s.left_pairs.begin(), s.left_pairs.end());
  total.removed_out_of_scope += s.removed_out_of_scope;
}

// Answers by courier come from a file, never from the network: a transport that says so.
class NoNetwork final : public SyncTransport {
 public:
  Result<HttpReply> post(const std::string&, const std::string&, const std::string&, const HttpHeaders&) override {
    return Status::Unavailable("a courier answer is taken from a file, without the network");
  }
  Result<HttpReply> get(const std::string&) override { return post("", "", "", {}); }
  uint64_t bytes_sent() const override { return 0; }
  uint64_t bytes_received() const override { return 0; }
};

}  // namespace

Result<BundleContents> Courier::make_bundle(bool carried_only) {
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, enrolled_state(store_));
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey server_key, state.server_key());
  const uint64_t now = system_wall_clock_ms();
  BundleContents out;
  out.bundle.written_by = key_.id();
  out.bundle.created_ms = now;
  if (!carried_only) {
    for (;;) {
      NASTAVNIK_ASSIGN_OR_RETURN(auto sealed, store_.seal_pending(key_, SyncSettings{}.max_ops_per_changeset));
      if (!sealed) break;
    }
    wire::SyncRequest request;
    request.schema = kDomainSchemaVersion;
    request.cursor = state.cursor;
    request.scope = state.scope;
    request.page_limit = wire::kMaxPageLimit;
    NASTAVNIK_ASSIGN_OR_RETURN(auto unacked, store_.outbox().unacked());
    for (const auto& entry : unacked) {
      NASTAVNIK_ASSIGN_OR_RETURN(auto frames, ChangesetCodec::unframe(entry.frame));
      for (auto& f : frames) request.changesets.push_back(std::move(f));
      ++out.own_changesets;
      out.own_ops += entry.op_count;
    }
    const std::string body = wire::encode_sync_request(request);
    const json document = wire::sign_document(
        wire::kCourierRequestContext,
        {{"device", key_.id()}, {"created_ms", now}, {"request", crypto::to_base64(body)}}, key_);
    NASTAVNIK_ASSIGN_OR_RETURN(wire::Envelope envelope, wire::seal_envelope(key_.id(), server_key, document));
    NASTAVNIK_RETURN_IF_ERROR(
        store_.courier().remember_request({crypto::hash_hex(body), state.cursor, state.scope, now, 0}));
    out.bundle.envelopes.push_back(std::move(envelope));
    out.own_request = true;
  }
  const std::string server_id = crypto::key_id(server_key);
  NASTAVNIK_ASSIGN_OR_RETURN(auto to_server, store_.courier().for_server(server_id));
  NASTAVNIK_ASSIGN_OR_RETURN(auto to_devices, store_.courier().for_devices(server_id, now, kKeepCarriedAnswersMs));
  for (auto* list : {&to_server, &to_devices})
    for (auto& e : *list) {
      out.bundle.envelopes.push_back(std::move(e));
      ++out.carried;
    }
  return out;
}

Status Courier::take_envelope(const wire::Envelope& envelope, const crypto::PublicKey& server_key,
                              BundleIntake& intake) {
  const std::string server_id = crypto::key_id(server_key);
  if (envelope.from == key_.id() && envelope.to == server_id) {
    ++intake.own_envelopes;
    return Status::Ok();
  }
  if (envelope.to != key_.id()) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool fresh, store_.courier().keep(envelope, system_wall_clock_ms()));
    ++(fresh ? intake.kept_to_carry : intake.already_carried);
    return Status::Ok();
  }
  auto refuse = [&](const std::string& why) {
    intake.refused.push_back(why);
    return Status::Ok();
  };
  auto document = wire::open_envelope(envelope, key_);
  if (!document.ok()) return refuse("an envelope for this device is damaged or was altered on the way; nothing from it was taken");
  auto body = wire::open_document(wire::kCourierAnswerContext, *document, server_key);
  if (!body.ok()) return refuse("an envelope for this device is not signed by its server; nothing from it was taken");
  if (body->value("device", "") != key_.id()) return refuse("an answer is for another device; nothing from it was taken");
  NASTAVNIK_ASSIGN_OR_RETURN(auto request, store_.courier().request(body->value("request", "")));
  if (!request) return refuse("an answer is not for a request this device sent; nothing from it was taken");
  NoNetwork no_network;
  SyncEngine engine(store_, key_, no_network);
  NASTAVNIK_ASSIGN_OR_RETURN(SyncSummary summary, engine.take_courier_answer(body->value("answer", json()), *request));
  if (request->answered_ms != 0) ++intake.repeated_answers;
  else ++intake.answers;
  NASTAVNIK_RETURN_IF_ERROR(store_.courier().mark_answered(request->hash, system_wall_clock_ms()));
  add(intake.summary, summary);
  return Status::Ok();
}

Result<BundleIntake> Courier::take_bundle(std::string_view text) {
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, enrolled_state(store_));
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey server_key, state.server_key());
  NASTAVNIK_ASSIGN_OR_RETURN(wire::Bundle bundle, wire::decode_bundle(text));
  BundleIntake intake;
  for (const auto& envelope : bundle.envelopes) NASTAVNIK_RETURN_IF_ERROR(take_envelope(envelope, server_key, intake));
  return intake;
}

Result<CarryReport> Courier::deliver_carried(SyncTransport& transport) {
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, enrolled_state(store_));
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey server_key, state.server_key());
  NASTAVNIK_ASSIGN_OR_RETURN(auto waiting, store_.courier().for_server(crypto::key_id(server_key)));
  CarryReport report;
  for (size_t at = 0; at < waiting.size(); at += wire::kMaxEnvelopesPerPost) {
    json envelopes = json::array();
    for (size_t i = at; i < std::min(waiting.size(), at + wire::kMaxEnvelopesPerPost); ++i)
      envelopes.push_back(waiting[i].to_json());
    NASTAVNIK_ASSIGN_OR_RETURN(HttpReply reply, post_signed(transport, key_, store_, wire::kCourierPath, "application/json",
                                                             json{{"envelopes", envelopes}}.dump()));
    if (reply.status != 200)
      return Status::Unavailable("the server did not take the carried work (HTTP " + std::to_string(reply.status) +
                                 ": " + server_error_text(reply) + "); it stays on this laptop for the next sync");
    const json answer = json::parse(reply.body, nullptr, false);
    if (!answer.is_object() || !answer.value("deliveries", json()).is_array())
      return Status::Corruption("the server's answer to the carried work arrived damaged; it stays on this laptop");
    const uint64_t now = system_wall_clock_ms();
    for (const auto& d : answer["deliveries"]) {
      const std::string digest = d.value("envelope", "");
      if (digest.empty()) continue;
      const bool delivered = d.value("outcome", "") == "delivered";
      if (delivered && d.contains("answer")) {
        NASTAVNIK_ASSIGN_OR_RETURN(wire::Envelope back, wire::Envelope::from_json(d["answer"]));
        NASTAVNIK_RETURN_IF_ERROR(store_.courier().keep(back, now).status());
      }
      NASTAVNIK_RETURN_IF_ERROR(store_.courier().settle(digest, delivered, d.value("message", ""), now));
      if (delivered) {
        ++report.delivered;
      } else {
        ++report.refused;
        report.refusals.push_back(d.value("from", "").substr(0, 8) + "…: " + d.value("message", ""));
      }
    }
  }
  return report;
}

}  // namespace nastavnik
