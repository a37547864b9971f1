#pragma once
// The sync backlog of a replica: local ops not yet sealed, and sealed changesets (signed,
// hash-chained) waiting for the server's acknowledgement. Sealed bytes are kept (gzipped,
// restored byte for byte) as they will be sent, so a retry resends the very same changeset.

#include <optional>
#include <vector>

#include "shared/records/record.h"
#include "shared/core/status.h"
#include "shared/crypto/key_pair.h"
#include "shared/ops/changeset.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::replica {

// What a sync has left to send: two counts, cheap to ask for every request.
struct OutboxBacklog {
  int64_t unsealed_ops = 0;
  int64_t unacked_changesets = 0;
};

class Outbox {
 public:
  explicit Outbox(sql::Database& db) : db_(db) {}

  Result<PendingSummary> pending() const;
  Result<OutboxBacklog> backlog() const;
  // Local ops not yet in a changeset, oldest first.
  Result<std::vector<Op>> unsealed_ops(int64_t limit) const;
  // Seals up to `max_ops` unsealed ops into the next changeset of the chain and stores it.
  // Nothing to seal gives std::nullopt. The caller holds the transaction.
  Result<std::optional<OutboxEntry>> seal_next(const crypto::KeyPair& key, size_t max_ops, uint64_t now_ms);
  // Sealed changesets the server has not acknowledged, by sequence.
  Result<std::vector<OutboxEntry>> unacked() const;
  // The records holding this device's own work that no server accepted — not yet sealed,
  // sealed and not acknowledged, or refused — by id: what a handover carries.
  Result<std::vector<std::string>> records_with_unaccepted_work() const;
  // The first of them whose frames together fit in `max_bytes` (always at least one, when
  // there is one): what the next request carries, without reading the rest.
  Result<std::vector<OutboxEntry>> unacked_up_to(size_t max_bytes) const;
  // Marks a changeset acknowledged; NotFound for an unknown sequence number.
  Status mark_acked(uint64_t seq, uint64_t now_ms);

 private:
  Result<std::pair<uint64_t, std::string>> chain_head() const;
  sql::Database& db_;
};

}  // namespace nastavnik::replica
