#pragma once
// What a replica keeps for courier bundles (shared/protocol/courier_bundle.h): the requests
// this device sent by courier — only answers to those are taken, and the cursor moves only
// when the device has not pulled otherwise meanwhile — and the envelopes it carries for
// others, each kept once, until the server has taken them (or refused them, with why).

#include <optional>
#include <string>
#include <vector>

#include "shared/core/status.h"
#include "shared/protocol/courier_bundle.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::replica {

struct CourierRequest {
  std::string hash;  // BLAKE2b of the sync request body the envelope carried
  uint64_t cursor = 0;
  std::string scope;
  uint64_t created_ms = 0;
  uint64_t answered_ms = 0;  // 0: no answer taken yet
};

struct CarriedCount {
  int64_t for_server = 0;      // to deliver at this device's next sync
  int64_t for_devices = 0;     // answers to take back to the laptops they are for
  int64_t refused = 0;         // the server refused them (why is kept)
};

struct CarriedRefusal {
  std::string sender, message;
};

class CourierShelf {
 public:
  explicit CourierShelf(sql::Database& db) : db_(db) {}

  Status remember_request(const CourierRequest& request);
  Result<std::optional<CourierRequest>> request(const std::string& hash) const;
  Status mark_answered(const std::string& hash, uint64_t now_ms);
  // Requests sent and not yet answered.
  Result<int64_t> unanswered() const;

  // Keeps an envelope to carry; false when it is kept already (or was delivered).
  Result<bool> keep(const wire::Envelope& envelope, uint64_t now_ms);
  // Envelopes still to hand on: to `server_id` (not yet taken by it), or to any device
  // (answers are kept for `keep_answers_ms`, since a laptop may miss a visit).
  Result<std::vector<wire::Envelope>> for_server(const std::string& server_id) const;
  Result<std::vector<wire::Envelope>> for_devices(const std::string& server_id, uint64_t now_ms,
                                                  uint64_t keep_answers_ms) const;
  // The server's word on a carried envelope.
  Status settle(const std::string& digest, bool delivered, const std::string& message, uint64_t now_ms);
  Result<CarriedCount> count(const std::string& server_id) const;
  Result<std::vector<CarriedRefusal>> refusals() const;

 private:
  Result<std::vector<wire::Envelope>> envelopes(const std::string& where, const std::string& a, int64_t b) const;
  sql::Database& db_;
};

}  // namespace nastavnik::replica
