#pragma once
// Applies one op to the record engine's SQLite tables, local or remote alike (the merge
// itself is record_merge.h; this is its SQLite storage). Idempotent: an op already seen is a
// no-op. The caller owns the transaction.

#include <string>

#include "shared/core/status.h"
#include "shared/ops/op.h"
#include "shared/records/record_merge.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::replica {

class OpApplier : private RecordEngineStorage {
 public:
  explicit OpApplier(sql::Database& db) : db_(db) {}

  // `flag` is empty for trusted ops, or why the op is flagged (e.g. "future_stamp").
  Result<ApplyOutcome> apply(const Op& op, OpOrigin origin, const std::string& flag, uint64_t now_ms) {
    return merge_op(*this, op, origin, flag, now_ms);
  }

 private:
  Result<std::optional<std::string>> op_body(const std::string& hlc) override;
  Result<std::optional<StoredRecordText>> load_record(const std::string& id) override;
  Result<std::vector<std::string>> record_op_bodies(const std::string& record_id) override;
  Status log_op(const Op& op, const std::string& body, OpOrigin origin, const std::string& flag,
                uint64_t now_ms) override;
  Status insert_conflict(const ConflictRow& conflict) override;
  Status write_record(const RecordRowWrite& row) override;

  sql::Database& db_;
};

}  // namespace nastavnik::replica
