#pragma once
// Read-only queries over the replica, the ones the views and the CLI need: one record,
// lists by entity, person, pair, school and date range with paging, and conflicts.

#include <map>

#include "shared/records/record.h"
#include "shared/core/hlc.h"
#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::replica {

class ReplicaReader {
 public:
  explicit ReplicaReader(sql::Database& db) : db_(db) {}

  // NotFound when no record has this id (deleted records are returned, marked deleted).
  Result<Record> get(const std::string& id) const;
  // Records matching the query, newest date first, then by id.
  Result<std::vector<Record>> list(const RecordQuery& query) const;
  Result<int64_t> count(const RecordQuery& query) const;
  Result<std::vector<ConflictRecord>> conflicts(bool include_acknowledged) const;
  // The stamp of the current value of each LWW field of a record, for edit bases.
  Result<std::map<std::string, Hlc>> field_stamps(const std::string& id) const;

 private:
  sql::Database& db_;
};

}  // namespace nastavnik::replica
