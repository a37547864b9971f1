#include "client/model/record_cache.h"

#include <algorithm>

#include "shared/domain/schema.h"

namespace nastavnik::model {
namespace {

// The record's date key as the replica indexes it; empty when it has none (SQL NULL).
std::string date_key(const Record& r) {
  const EntitySchema* entity = DomainSchema::instance().entity(r.entity);
  if (!entity || entity->date_field.empty()) return "";
  auto it = r.data.find(entity->date_field);
  return it != r.data.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

bool list_order(const Record& a, const Record& b) {
  // ORDER BY date_key DESC, id: NULL sorts lowest in SQLite, so undated records come last.
  const std::string da = date_key(a), db = date_key(b);
  if (da != db) return da > db;
  return a.id < b.id;
}

Result<const std::vector<Record>*> RecordCache::all(const std::string& entity) {
  auto it = by_entity_.find(entity);
  if (it == by_entity_.end()) {
    RecordQuery q;
    q.entity = entity;
    q.limit = 0;
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, reader_.list(q));
    it = by_entity_.emplace(entity, std::move(rows)).first;
  }
  return &it->second;
}

Status RecordCache::refresh(const std::string& id) {
  NASTAVNIK_ASSIGN_OR_RETURN(Record fresh, reader_.get(id));
  auto it = by_entity_.find(fresh.entity);
  if (it == by_entity_.end()) return Status::Ok();
  auto& rows = it->second;
  rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const Record& r) { return r.id == id; }), rows.end());
  if (!fresh.deleted) rows.insert(std::upper_bound(rows.begin(), rows.end(), fresh, list_order), std::move(fresh));
  return Status::Ok();
}

}  // namespace nastavnik::model
