#pragma once
// Applies one op to the record engine's tables, local or remote alike: keeps it in the op
// log, records conflicts with the earlier ops of its record (merge_rules.h), and merges it
// into the record's row, whose stamps (record_stamps.h) say which write each current value
// came from. Idempotent: an op already seen is a no-op. The caller owns the transaction.

#include <string>
#include <vector>

#include "shared/core/status.h"
#include "shared/ops/op.h"
#include "shared/records/record.h"
#include "shared/records/record_stamps.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::replica {

enum class OpOrigin { kLocal, kRemote };

struct ApplyOutcome {
  bool duplicate = false;  // the op was already in the log
  int new_conflicts = 0;
  Record after;            // the record as the op left it (empty for a duplicate)
};

class OpApplier {
 public:
  explicit OpApplier(sql::Database& db) : db_(db) {}

  // `flag` is empty for trusted ops, or why the op is flagged (e.g. "future_stamp").
  Result<ApplyOutcome> apply(const Op& op, OpOrigin origin, const std::string& flag, uint64_t now_ms);

 private:
  // A record's row as it is before the op (exists = false for a record not seen yet).
  struct RecordRow {
    bool exists = false;
    bool deleted = false;
    nlohmann::json data = nlohmann::json::object();
    RecordStamps stamps;
    std::string updated;
  };

  Result<bool> already_applied(const Op& op, const std::string& body);
  Result<RecordRow> load_record(const Op& op);
  Result<std::vector<Op>> earlier_ops(const std::string& record_id);
  Status log_op(const Op& op, const std::string& body, OpOrigin origin, const std::string& flag, uint64_t now_ms);
  Result<int> record_upsert_conflicts(const Op& op, const std::vector<Op>& earlier);
  Result<int> record_delete_conflicts(const Op& op, const std::vector<Op>& earlier);
  Status insert_conflict(const std::string& record_id, const std::string& field, const char* kind,
                         const Hlc& loser, const Hlc& winner, const std::string& loser_value,
                         const std::string& winner_value, const std::string& loser_author,
                         const std::string& winner_author);
  Status write_record(const std::string& entity, const std::string& record_id, const RecordRow& row);

  sql::Database& db_;
};

// The JSON of an op's changes, as kept in a conflict record for re-applying.
nlohmann::json op_changes_json(const Op& op);

// Merges `op` into a record's data and stamps: each value it writes replaces the current
// one when its stamp is greater. True when it replaced anything (or is a delete).
bool merge_into_record(const Op& op, nlohmann::json& data, RecordStamps& stamps, bool& deleted);

}  // namespace nastavnik::replica
