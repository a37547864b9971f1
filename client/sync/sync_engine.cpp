#include "client/sync/sync_engine.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include <sodium.h>

#include "client/sync/server_reply.h"
#include "client/sync/signed_post.h"
#include "client/sync/sync_budget.h"
#include "client/sync/sync_state.h"
#include "shared/domain/schema.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/sync_messages.h"

namespace nastavnik {
namespace {

using nlohmann::json;
constexpr const char* kSyncPath = "/v1/sync";

// A pair that left the person's scope, named once in the summary.
void note_left_pair(SyncSummary& summary, const std::string& pair) {
  if (std::find(summary.left_pairs.begin(), summary.left_pairs.end(), pair) == summary.left_pairs.end())
    summary.left_pairs.push_back(pair);
}

// A wait stretched by up to a half at random, so that many devices refused together do not
// all come back in the same second.
uint64_t with_jitter(uint64_t ms) { return ms + (ms > 1 ? randombytes_uniform(static_cast<uint32_t>(ms / 2 + 1)) : 0); }

}  // namespace

// One request and its verified answer.
struct SyncEngine::Exchange {
  std::string request_hash;
  std::vector<OutboxEntry> sent;
  wire::Receipt receipt;
  wire::PullPage page;
  uint64_t server_time = 0;
};

SyncEngine::SyncEngine(LocalStore& store, const crypto::KeyPair& key, SyncTransport& transport, SyncSettings settings,
                       SleepFn sleep)
    : store_(store), key_(key), transport_(transport), settings_(settings), sleep_(std::move(sleep)) {
  if (!sleep_) sleep_ = [](uint64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
}

// Seals pending ops into changesets that together fill about one request; how many.
Result<int64_t> SyncEngine::seal_one_request() {
  size_t bytes = 0;
  int64_t sealed = 0;
  while (bytes < settings_.max_request_bytes) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto entry, store_.seal_pending(key_, settings_.max_ops_per_changeset));
    if (!entry) break;
    bytes += entry->frame.size();
    ++sealed;
  }
  return sealed;
}

Result<HttpReply> SyncEngine::post_with_retry(const std::string& body, const std::function<void()>& meanwhile) {
  uint64_t backoff = settings_.first_backoff_ms;
  Status last;
  for (int attempt = 1; attempt <= settings_.max_attempts; ++attempt) {
    auto reply = post_signed(transport_, key_, store_, kSyncPath, wire::kSyncContentType, body,
                             attempt == 1 ? meanwhile : nullptr);
    if (reply.ok() && reply->status < 500 && reply->status != 429) return reply;
    uint64_t wait = backoff;
    if (reply.ok()) {
      // 503 or 429: busy (the server or the front asks to come back later); any other 5xx:
      // a fault on the server's side. Never this device's: everything stays here.
      last = Status::ServerFault(server_error_text(*reply));
      wait = std::max(wait, retry_after_ms(*reply));
    } else {
      last = reply.status();
    }
    if (attempt < settings_.max_attempts) {
      sleep_(with_jitter(wait));
      backoff *= 2;
    }
  }
  const std::string kept = "; nothing was lost: everything stays on this device and the next sync resumes";
  if (last.code() == StatusCode::kServerFault)
    return Status::ServerFault("the server could not take the sync: " + last.message() + kept);
  return Status::Unavailable("the server cannot be reached: " + last.message() + kept);
}

Status SyncEngine::handle_error_reply(const HttpReply& reply) {
  // Every refusal of a Nastavnik server (and of its nginx front) carries an error body; an
  // answer without a readable one was damaged on the way and decides nothing.
  if (server_error_code(reply).empty())
    return Status::Corruption("the server's answer (HTTP " + std::to_string(reply.status) +
                              ") arrived damaged; nothing from it was applied: sync again");
  const std::string text = server_error_text(reply);
  if (reply.status == 403) {
    NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(store_));
    state.revoked_message = text;
    NASTAVNIK_RETURN_IF_ERROR(state.save(store_));
    return Status::PermissionDenied("this device was revoked and can no longer sync: " + text +
                                    ". Your records stay here and can still be listed and exported");
  }
  if (reply.status == 401) return Status::Unauthenticated("the server refused this device: " + text);
  if (reply.status == 426) return Status::FailedPrecondition("update Nastavnik: " + text);
  return Status::InvalidArgument("the server refused the sync: " + text);
}

Status SyncEngine::apply_receipt(const Exchange& ex, SyncSummary& summary, bool& resend) {
  std::vector<Rejection> rejected;
  for (const auto& r : ex.receipt.results) {
    if (r.device != key_.id()) continue;  // relayed changesets of other devices
    using wire::ChangesetOutcome;
    if (r.outcome == ChangesetOutcome::kRejected) {
      if (r.code == "sequence_gap" && r.expected_seq > 0 && r.expected_seq < r.seq) {
        // The server lacks earlier changesets it once acknowledged (restored from a
        // backup): send them again.
        NASTAVNIK_RETURN_IF_ERROR(store_.mark_unacked_from(r.expected_seq));
        resend = true;
        continue;
      }
      summary.refused_changesets.push_back("changeset " + std::to_string(r.seq) + ": " + r.message);
      continue;
    }
    NASTAVNIK_RETURN_IF_ERROR(store_.mark_acked(r.seq));
    if (r.outcome == ChangesetOutcome::kAccepted) ++summary.changesets_sent;
    for (const auto& op : r.rejected_ops) rejected.push_back(Rejection{op.hlc, "", "", op.code, op.message, 0, false});
  }
  for (const auto& sent : ex.sent) summary.ops_sent += sent.op_count;
  if (!rejected.empty()) NASTAVNIK_RETURN_IF_ERROR(store_.record_rejections(rejected));
  summary.rejected.insert(summary.rejected.end(), rejected.begin(), rejected.end());
  return Status::Ok();
}

// `moves_cursor`: the page continues from where this replica is (always, for an answer to
// the request just sent; for one that came by courier, only when the device has not pulled
// otherwise since it wrote the request — its ops are merged either way).
Status SyncEngine::apply_page(const Exchange& ex, SyncSummary& summary, bool& more, bool moves_cursor) {
  // A pull that starts over because the scope changed (never the first pull): every record
  // is unconfirmed until it comes again; what does not come has left the scope.
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(store_));
  if (moves_cursor && ex.page.reset && (state.cursor > 0 || !state.scope.empty()))
    NASTAVNIK_RETURN_IF_ERROR(store_.begin_scope_check());
  NASTAVNIK_ASSIGN_OR_RETURN(auto report, store_.merge_remote(ex.page.ops));
  summary.ops_received += report.applied;
  summary.new_conflicts += report.new_conflicts;
  summary.flagged_future += report.flagged_future;
  if (moves_cursor) {
    state.cursor = ex.page.cursor;
    state.scope = ex.page.scope;
  }
  state.last_sync_ms = system_wall_clock_ms();
  state.revoked_message.clear();
  NASTAVNIK_RETURN_IF_ERROR(state.save(store_));
  more = ex.page.more;
  if (moves_cursor && ex.page.has_scope_sets) NASTAVNIK_RETURN_IF_ERROR(take_scope_sets(ex.page, summary));
  if (moves_cursor && !more && store_.scope_check_active()) {
    NASTAVNIK_ASSIGN_OR_RETURN(const ScopeRemoval removal, store_.finish_scope_check());
    summary.removed_out_of_scope += removal.records;
    for (const auto& pair : removal.pair_ids)
      if (!store_.write_scope().pairs.count(pair)) note_left_pair(summary, pair);
  }
  return Status::Ok();
}

// The pairs the device may now write for; those it could before and no longer can left.
Status SyncEngine::take_scope_sets(const wire::PullPage& page, SyncSummary& summary) {
  const WriteScope before = store_.write_scope();
  WriteScope now;
  now.known = true;
  now.all_pairs = page.all_pairs;
  now.pairs.insert(page.pairs.begin(), page.pairs.end());
  if (before.known && !before.all_pairs && !now.all_pairs)
    for (const auto& pair : before.pairs)
      if (!now.pairs.count(pair)) note_left_pair(summary, pair);
  return store_.set_write_scope(now);
}

// The receipt and the page of an answer, verified with the pinned server key and bound to
// the request they answer.
Status SyncEngine::open_answer(const json& answer, const crypto::PublicKey& server_key, Exchange& ex) {
  if (!answer.is_object()) return Status::Corruption("the server's answer is not JSON; nothing from it was applied");
  NASTAVNIK_ASSIGN_OR_RETURN(auto receipt_json, wire::open_document(wire::kReceiptContext, answer.value("receipt", json()), server_key));
  NASTAVNIK_ASSIGN_OR_RETURN(auto page_json, wire::open_document(wire::kPageContext, answer.value("page", json()), server_key));
  NASTAVNIK_ASSIGN_OR_RETURN(ex.receipt, wire::receipt_from_json(receipt_json));
  NASTAVNIK_ASSIGN_OR_RETURN(ex.page, wire::page_from_json(page_json));
  if (ex.receipt.requester != key_.id() || ex.page.requester != key_.id() ||
      ex.receipt.request != ex.request_hash || ex.page.request != ex.request_hash)
    return Status::Unauthenticated("the server's answer belongs to another request (a replayed answer); nothing from it was applied");
  ex.server_time = answer.value("server_time", uint64_t{0});
  return Status::Ok();
}

// `live`: the answer came over the network just now, so its server time is the server's
// clock now (an answer carried by courier is days old: it says nothing of this clock).
Status SyncEngine::take_exchange(const Exchange& ex, SyncSummary& summary, bool& resend, bool& more, bool moves_cursor,
                                 bool live) {
  NASTAVNIK_RETURN_IF_ERROR(apply_receipt(ex, summary, resend));
  NASTAVNIK_RETURN_IF_ERROR(apply_page(ex, summary, more, moves_cursor));
  if (!live) return Status::Ok();
  summary.clock_offset_ms = static_cast<int64_t>(ex.server_time) - static_cast<int64_t>(system_wall_clock_ms());
  summary.clock_warning = static_cast<uint64_t>(std::llabs(summary.clock_offset_ms)) > settings_.clock_warning_ms;
  // A clock found running ahead of the server's is corrected here, and what it refused goes
  // again in this same sync.
  NASTAVNIK_ASSIGN_OR_RETURN(const int64_t restamped, store_.observe_server_time(ex.server_time));
  summary.restamped += restamped;
  if (restamped > 0) {
    resend = true;
    NASTAVNIK_RETURN_IF_ERROR(forget_resent_rejections(summary));
  }
  return Status::Ok();
}

Result<SyncSummary> SyncEngine::take_courier_answer(const json& answer, const replica::CourierRequest& request) {
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(store_));
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey server_key, state.server_key());
  Exchange ex;
  ex.request_hash = request.hash;
  NASTAVNIK_RETURN_IF_ERROR(open_answer(answer, server_key, ex));
  SyncSummary summary;
  bool resend = false, more = false;
  const bool in_place = state.cursor == request.cursor && state.scope == request.scope;
  NASTAVNIK_RETURN_IF_ERROR(take_exchange(ex, summary, resend, more, in_place, false));
  summary.more_to_pull = more && in_place;
  return summary;
}

// Refusals whose ops were stamped again and resent are no longer this sync's news.
Status SyncEngine::forget_resent_rejections(SyncSummary& summary) {
  NASTAVNIK_ASSIGN_OR_RETURN(const auto open, store_.rejections(false));
  std::set<std::string> still_refused;
  for (const auto& r : open) still_refused.insert(r.hlc);
  std::erase_if(summary.rejected, [&](const Rejection& r) { return !still_refused.count(r.hlc); });
  return Status::Ok();
}

// What the server now holds need not be kept twice: superseded ops past the history window
// leave the log. The search reads the whole op log, so it runs at most once a day.
Status SyncEngine::trim_history(SyncSummary& summary) {
  constexpr const char* kLastTrimKey = "history_trimmed_ms";
  constexpr uint64_t kDayMs = 24ULL * 3600 * 1000;
  const uint64_t now = system_wall_clock_ms();
  NASTAVNIK_ASSIGN_OR_RETURN(auto last, store_.meta(kLastTrimKey));
  if (last && now < std::stoull(*last) + kDayMs) return Status::Ok();
  const uint64_t horizon = now > settings_.keep_op_history_ms ? now - settings_.keep_op_history_ms : 0;
  NASTAVNIK_ASSIGN_OR_RETURN(summary.ops_trimmed, store_.trim_acknowledged_ops(horizon));
  return store_.set_meta(kLastTrimKey, std::to_string(now));
}

Result<SyncSummary> SyncEngine::run(const SyncProgressFn& progress) {
  const uint64_t started_ms = system_wall_clock_ms();
  const uint64_t sent_before = transport_.bytes_sent(), received_before = transport_.bytes_received();
  auto result = run_rounds(progress);
  if (result.ok()) {
    // What this link did, for the next sync's budget (sync_budget.h).
    LinkMeasure measure;
    measure.at_ms = system_wall_clock_ms();
    measure.elapsed_ms = measure.at_ms > started_ms ? measure.at_ms - started_ms : 0;
    measure.bytes_sent = transport_.bytes_sent() - sent_before;
    measure.bytes_received = transport_.bytes_received() - received_before;
    measure.requests = result->requests;
    measure.ops_received = result->ops_received;
    NASTAVNIK_RETURN_IF_ERROR(save_link_measure(store_, measure));
  }
  return result;
}

Result<SyncSummary> SyncEngine::run_rounds(const SyncProgressFn& progress) {
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(store_));
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey server_key, state.server_key());
  NASTAVNIK_ASSIGN_OR_RETURN(const replica::OutboxBacklog backlog, store_.outbox().backlog());
  SyncSummary summary;
  SyncProgress shown;
  // What is to be sent is known before the first byte goes: the sealed changesets and those
  // the ops still unsealed will make.
  const auto per_changeset = static_cast<int64_t>(std::max<size_t>(settings_.max_ops_per_changeset, 1));
  shown.changesets_total = backlog.unacked_changesets + (backlog.unsealed_ops + per_changeset - 1) / per_changeset;
  if (progress) progress(shown);
  for (int round = 0; round < settings_.max_rounds; ++round) {
    NASTAVNIK_ASSIGN_OR_RETURN(state, SyncState::load(store_));
    NASTAVNIK_ASSIGN_OR_RETURN(replica::OutboxBacklog before, store_.outbox().backlog());
    if (before.unacked_changesets == 0 && before.unsealed_ops > 0) {
      NASTAVNIK_RETURN_IF_ERROR(seal_one_request().status());
      NASTAVNIK_ASSIGN_OR_RETURN(before, store_.outbox().backlog());
    }
    NASTAVNIK_ASSIGN_OR_RETURN(auto batch, store_.outbox().unacked_up_to(settings_.max_request_bytes));
    wire::SyncRequest request;
    request.schema = kDomainSchemaVersion;
    request.cursor = state.cursor;
    request.scope = state.scope;
    request.page_limit = settings_.page_limit;
    Exchange ex;
    for (const auto& entry : batch) {
      NASTAVNIK_ASSIGN_OR_RETURN(auto frames, ChangesetCodec::unframe(entry.frame));
      for (auto& f : frames) request.changesets.push_back(std::move(f));
      ex.sent.push_back(entry);
    }
    const std::string body = wire::encode_sync_request(request);
    ex.request_hash = crypto::hash_hex(body);
    shown.changesets_in_request = static_cast<int64_t>(ex.sent.size());
    shown.request_bytes_sent = shown.request_bytes = 0;
    if (progress)
      transport_.set_upload_progress([&](uint64_t sent, uint64_t total) {
        shown.request_bytes_sent = sent;
        shown.request_bytes = total;
        progress(shown);
      });
    // While the server takes this request, the next one is sealed (when this one empties
    // the outbox): the device's work and the server's overlap.
    Result<int64_t> sealed_meanwhile = int64_t{0};
    const bool outbox_emptied = static_cast<int64_t>(batch.size()) >= before.unacked_changesets;
    const auto seal_next = [&] { sealed_meanwhile = seal_one_request(); };
    auto posted = post_with_retry(body, outbox_emptied && before.unsealed_ops > 0 ? seal_next : std::function<void()>());
    transport_.set_upload_progress(nullptr);
    shown.changesets_in_request = 0;
    NASTAVNIK_ASSIGN_OR_RETURN(HttpReply reply, std::move(posted));
    ++summary.requests;
    if (reply.status != 200) return handle_error_reply(reply);
    // A sealing that failed (a full disk) kept the ops pending; this answer is still applied.
    const Status seal_status = sealed_meanwhile.ok() ? Status::Ok() : sealed_meanwhile.status();

    const json answer = json::parse(reply.body, nullptr, false);
    NASTAVNIK_RETURN_IF_ERROR(open_answer(answer, server_key, ex));
    bool resend = false, more = false;
    NASTAVNIK_RETURN_IF_ERROR(take_exchange(ex, summary, resend, more, true, true));
    shown.changesets_sent = summary.changesets_sent;
    shown.ops_received = summary.ops_received;
    shown.requests = summary.requests;
    shown.more_to_pull = more;
    if (progress) progress(shown);
    NASTAVNIK_RETURN_IF_ERROR(seal_status);
    NASTAVNIK_ASSIGN_OR_RETURN(const replica::OutboxBacklog after, store_.outbox().backlog());
    // Stop when everything is pushed and pulled, or when what is left was refused (the
    // summary says why) and another request would change nothing.
    const int64_t sealed_now = *sealed_meanwhile;
    const bool pushed_more = after.unacked_changesets < before.unacked_changesets + sealed_now || resend;
    const bool nothing_left = after.unacked_changesets == 0 && after.unsealed_ops == 0;
    if (!more && (nothing_left || !pushed_more)) {
      if (summary.ops_received > 0 || summary.changesets_sent > 0)
        NASTAVNIK_RETURN_IF_ERROR(trim_history(summary));
      return summary;
    }
  }
  return Status::Unavailable("the sync did not finish within " + std::to_string(settings_.max_rounds) +
                             " requests; run it again to continue");
}

}  // namespace nastavnik
