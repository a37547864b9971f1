#pragma once
// RecordCache: the replica's live records, per entity, held in memory by the model between
// snapshots. Reading and parsing every record again for each snapshot would make a large
// replica (tens of thousands of sessions) slow after every save, so the model reads each
// entity once and then patches single records after its own writes; a sync, which may
// change anything, drops the cache. Only the model thread uses it.
//
// Memory: roughly 1.7 kB per cached record (a 50,000-session replica holds ~90 MB).

#include <map>
#include <string>
#include <vector>

#include "shared/sqlite/record_reader.h"

namespace nastavnik::model {

class RecordCache {
 public:
  explicit RecordCache(const replica::ReplicaReader& reader) : reader_(reader) {}

  // Live (not deleted) records of `entity` in the reader's order: newest date first (records
  // without a date last), then by id. Read from the replica on first use.
  Result<const std::vector<Record>*> all(const std::string& entity);
  // Reads one record again after it was written here: inserted, replaced or (when deleted)
  // removed, keeping the order. Entities not read yet are left alone.
  Status refresh(const std::string& id);
  // Forgets everything; the next all() reads again.
  void clear() { by_entity_.clear(); }

 private:
  const replica::ReplicaReader& reader_;
  std::map<std::string, std::vector<Record>> by_entity_;
};

// The reader's list order, for records of one entity.
bool list_order(const Record& a, const Record& b);

}  // namespace nastavnik::model
