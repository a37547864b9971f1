#pragma once
// SyncEngine: one sync of a replica with its server. The lifecycle of a run:
//   seal pending ops into signed changesets -> push unacknowledged changesets and pull a
//   page in one request -> verify the signed receipt and page with the pinned key -> mark
//   acknowledged changesets, remember refused ops, merge pulled ops, advance the cursor ->
//   repeat while changesets remain or the server has more.
// A run with nothing to do is one request. Every step is durable before the next, so a run
// cut at any point resumes without resending what the server acknowledged. The engine may
// be used for many runs; it keeps no state between them beyond the replica.
// It does no UI work: progress goes to a callback, and it runs on any thread.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "client/store/local_store.h"
#include "client/sync/sync_transport.h"
#include "shared/protocol/sync_messages.h"
#include "shared/crypto/key_pair.h"

namespace nastavnik {

struct SyncSettings {
  size_t max_ops_per_changeset = 1000;
  size_t max_request_bytes = 1 << 20;  // changesets per request are batched up to this size
  uint32_t page_limit = 2000;
  int max_attempts = 4;                // per request, on network failures and 5xx answers
  uint64_t first_backoff_ms = 500;     // doubled after each failed attempt, at least the
                                       // server's Retry-After, stretched by up to 50 % at random
  int max_rounds = 10000;              // bounds a run even against a misbehaving server
  uint64_t clock_warning_ms = 5 * 60 * 1000;
  // Superseded ops the server has are trimmed from the replica once they are this old
  // (LocalStore::trim_acknowledged_ops): as long as the compaction window of the server.
  uint64_t keep_op_history_ms = 180ULL * 24 * 3600 * 1000;
};

struct SyncProgress {
  int64_t changesets_sent = 0;
  int64_t changesets_total = 0;
  int64_t ops_received = 0;
  int requests = 0;
  bool more_to_pull = false;
  // The request on its way: how many changesets it carries and how much of its body has
  // been handed to the network (compressed bytes), so a slow upload shows it moves.
  int64_t changesets_in_request = 0;
  uint64_t request_bytes_sent = 0, request_bytes = 0;
};

struct SyncSummary {
  int requests = 0;
  int64_t changesets_sent = 0;
  int64_t ops_sent = 0;
  int64_t ops_received = 0;      // new ops merged into the replica
  int64_t ops_trimmed = 0;       // superseded ops the server has, removed from the op log
  int64_t new_conflicts = 0;
  int64_t flagged_future = 0;
  std::vector<Rejection> rejected;        // ops the server refused in this run
  std::vector<std::string> refused_changesets;  // whole changesets refused (with reasons)
  int64_t restamped = 0;         // own ops refused for a clock that ran ahead, stamped again and resent
  int64_t clock_offset_ms = 0;   // server time minus device time
  bool clock_warning = false;
  bool more_to_pull = false;     // a courier answer's page was not the last: send another bundle
  // The person's scope shrank (scope_transition.h): the pairs that left it, and how many
  // records that left with them were removed from this device (after its pending work went).
  std::vector<std::string> left_pairs;
  int64_t removed_out_of_scope = 0;
};

using SyncProgressFn = std::function<void(const SyncProgress&)>;
using SleepFn = std::function<void(uint64_t ms)>;

class SyncEngine {
 public:
  SyncEngine(LocalStore& store, const crypto::KeyPair& key, SyncTransport& transport, SyncSettings settings = {},
             SleepFn sleep = nullptr);

  // Unavailable when the server cannot be reached and ServerFault when it answered that it
  // failed or is busy (HTTP 5xx, after the retries; everything is kept: run again later),
  // PermissionDenied when the device was revoked, Unauthenticated when an answer fails
  // verification (a forged receipt or page: nothing from it is applied).
  Result<SyncSummary> run(const SyncProgressFn& progress = nullptr);
  // A sync answer that came back by courier (client/sync/courier.h) for `request`, taken as
  // the answer of a sync: receipts mark changesets delivered, the page is merged. Nothing
  // is sent. Unauthenticated for an answer not signed by the pinned server or not for it.
  Result<SyncSummary> take_courier_answer(const nlohmann::json& answer, const replica::CourierRequest& request);

 private:
  struct Exchange;
  Result<SyncSummary> run_rounds(const SyncProgressFn& progress);
  Result<int64_t> seal_one_request();
  Result<HttpReply> post_with_retry(const std::string& body, const std::function<void()>& meanwhile);
  Status handle_error_reply(const HttpReply& reply);
  Status apply_receipt(const Exchange& exchange, SyncSummary& summary, bool& resend);
  Status apply_page(const Exchange& exchange, SyncSummary& summary, bool& more, bool moves_cursor);
  Status open_answer(const nlohmann::json& answer, const crypto::PublicKey& server_key, Exchange& exchange);
  Status take_exchange(const Exchange& exchange, SyncSummary& summary, bool& resend, bool& more, bool moves_cursor,
                       bool live);
  Status trim_history(SyncSummary& summary);
  Status forget_resent_rejections(SyncSummary& summary);
  Status take_scope_sets(const wire::PullPage& page, SyncSummary& summary);

  LocalStore& store_;
  const crypto::KeyPair& key_;
  SyncTransport& transport_;
  SyncSettings settings_;
  SleepFn sleep_;
};

}  // namespace nastavnik
