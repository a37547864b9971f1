#pragma once
// Applies one op to the replica's tables, local or remote alike: records it in the op log,
// keeps every field write, updates set elements, records conflicts (merge_rules.h) and
// re-materialises the record. Idempotent: an op already seen is a no-op. The caller owns
// the transaction.

#include <string>

#include "shared/core/status.h"
#include "shared/ops/op.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::replica {

enum class OpOrigin { kLocal, kRemote };

struct ApplyOutcome {
  bool duplicate = false;  // the op was already in the log
  int new_conflicts = 0;
};

class OpApplier {
 public:
  explicit OpApplier(sql::Database& db) : db_(db) {}

  // `flag` is empty for trusted ops, or why the op is flagged (e.g. "future_stamp").
  Result<ApplyOutcome> apply(const Op& op, OpOrigin origin, const std::string& flag, uint64_t now_ms);

 private:
  Result<bool> already_applied(const Op& op, const std::string& body);
  Status check_record_entity(const Op& op);
  Result<int> apply_upsert(const Op& op);
  Result<int> apply_delete(const Op& op);
  Result<int> apply_field(const Op& op, const std::string& field, const nlohmann::json& value);
  Status apply_set_change(const Op& op, const std::string& field, const std::string& element, bool present);
  Result<int> conflicts_with_deletes(const Op& op);
  Status insert_conflict(const std::string& record_id, const std::string& field, const char* kind,
                         const Hlc& loser, const Hlc& winner, const std::string& loser_value,
                         const std::string& winner_value, const std::string& loser_author,
                         const std::string& winner_author);
  Status materialise(const std::string& entity, const std::string& record_id);

  sql::Database& db_;
};

// The JSON of an op's changes, as kept in a conflict record for re-applying.
nlohmann::json op_changes_json(const Op& op);

}  // namespace nastavnik::replica
