#pragma once
// Merging one op into the record engine, whatever engine holds it: the op is kept in the op
// log, conflicts with the earlier ops of its record are recorded (merge_rules.h), and the op
// is merged into the record's row, whose stamps (record_stamps.h) say which write each
// current value came from. Idempotent: an op already seen is a no-op. An engine supplies
// the few reads and writes below (RecordEngineStorage) inside its own transaction; the
// SQLite replica and central store (shared/sqlite/op_applier.h) and the PostgreSQL central
// store (syncserver/store/postgres_central_store.cpp) do.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/ops/op.h"
#include "shared/records/record.h"
#include "shared/records/record_stamps.h"

namespace nastavnik::replica {

enum class OpOrigin { kLocal, kRemote };

struct ApplyOutcome {
  bool duplicate = false;  // the op was already in the log
  int new_conflicts = 0;
  Record after;            // the record as the op left it (empty for a duplicate)
};

// A record's row as an engine keeps it, its JSON still text.
struct StoredRecordText {
  std::string entity;
  bool deleted = false;
  std::string data;
  std::string stamps;
  std::string updated_hlc;
};

// A record's row to write: its data and stamps, and the columns the schema derives from
// them (queries and scopes read those, not the JSON).
struct RecordRowWrite {
  std::string id, entity;
  bool deleted = false;
  std::string data, stamps, updated_hlc;
  std::optional<std::string> date_key, pair_id, school_id, created_by;
  std::vector<std::string> people;  // every person a person field names
  bool existed = false;             // a row was there before (its people are replaced)
};

struct ConflictRow {
  std::string record_id, field, kind, loser_hlc, winner_hlc, loser_value, winner_value, loser_author, winner_author;
};

class RecordEngineStorage {
 public:
  virtual ~RecordEngineStorage() = default;
  // The body of the op stamped `hlc`, as text, if the log holds it.
  virtual Result<std::optional<std::string>> op_body(const std::string& hlc) = 0;
  virtual Result<std::optional<StoredRecordText>> load_record(const std::string& id) = 0;
  // The bodies of a record's ops in the log, oldest first.
  virtual Result<std::vector<std::string>> record_op_bodies(const std::string& record_id) = 0;
  // `flag` is empty for trusted ops, or why the op is flagged (e.g. "future_stamp").
  virtual Status log_op(const Op& op, const std::string& body, OpOrigin origin, const std::string& flag,
                        uint64_t now_ms) = 0;
  // A conflict already recorded is left as it is.
  virtual Status insert_conflict(const ConflictRow& conflict) = 0;
  virtual Status write_record(const RecordRowWrite& row) = 0;
};

Result<ApplyOutcome> merge_op(RecordEngineStorage& storage, const Op& op, OpOrigin origin, const std::string& flag,
                              uint64_t now_ms);

// The JSON of an op's changes, as kept in a conflict record for re-applying.
nlohmann::json op_changes_json(const Op& op);

// Merges `op` into a record's data and stamps: each value it writes replaces the current
// one when its stamp is greater. True when it replaced anything (or is a delete).
bool merge_into_record(const Op& op, nlohmann::json& data, RecordStamps& stamps, bool& deleted);

// The stamp of the current value of each last-writer-wins field of a stored record (the
// bases of an edit).
Result<std::map<std::string, Hlc>> current_field_stamps(const std::string& id, const StoredRecordText& record);

// One op of the log with its record's stamps, as compaction reads them.
struct LoggedOp {
  std::string record_id, record_stamps, hlc;
};
// The stamps of the ops no current value of their record comes from any more (every field,
// set element or tombstone they wrote has since been written by a newer op), oldest first.
// `ops` are grouped by record.
Result<std::vector<std::string>> superseded_among(const std::vector<LoggedOp>& ops);

}  // namespace nastavnik::replica
