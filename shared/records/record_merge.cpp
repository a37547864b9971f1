#include "shared/records/record_merge.h"

#include <algorithm>
#include <set>

#include "shared/domain/schema.h"
#include "shared/ops/merge_rules.h"

namespace nastavnik::replica {
namespace {

using nlohmann::json;

std::optional<Hlc> base_of(const Op& op, const std::string& field) {
  auto it = op.bases.find(field);
  return it == op.bases.end() ? std::nullopt : std::optional<Hlc>(it->second);
}

// Adds or removes `value` in the sorted set `data[field]`; an emptied set leaves the record.
void set_presence(json& data, const std::string& field, const std::string& value, bool present) {
  std::vector<std::string> values;
  if (data.contains(field) && data[field].is_array())
    for (const auto& e : data[field])
      if (e.is_string()) values.push_back(e.get<std::string>());
  auto at = std::lower_bound(values.begin(), values.end(), value);
  const bool there = at != values.end() && *at == value;
  if (present && !there) values.insert(at, value);
  if (!present && there) values.erase(at);
  if (values.empty()) data.erase(field);
  else data[field] = values;
}

bool merge_element(const std::string& hlc, const std::string& field, const std::string& value, bool present,
                   json& data, RecordStamps& stamps) {
  auto current = stamps.element(field, value, data);
  if (current && hlc <= current->hlc) return false;
  set_presence(data, field, value, present);
  stamps.set_element(field, value, RecordStamps::Element{hlc, present});
  return true;
}

// A record's row as it is before the op (exists = false for a record not seen yet).
struct RecordRow {
  bool exists = false;
  bool deleted = false;
  json data = json::object();
  RecordStamps stamps;
  std::string updated;
};

Result<RecordRow> load_row(RecordEngineStorage& storage, const Op& op) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto stored, storage.load_record(op.id));
  RecordRow row;
  if (!stored) return row;
  if (stored->entity != op.entity)
    return Status::Conflict("record " + op.id + " is a " + stored->entity + ", not a " + op.entity);
  row.exists = true;
  row.deleted = stored->deleted;
  row.data = json::parse(stored->data, nullptr, false);
  if (!row.data.is_object()) return Status::Corruption("record " + op.id + " holds damaged data");
  auto stamps = RecordStamps::parse(stored->stamps);
  if (!stamps.ok()) return stamps.status().with_context("record " + op.id);
  row.stamps = std::move(stamps).value();
  row.updated = stored->updated_hlc;
  return row;
}

Result<std::vector<Op>> earlier_ops(RecordEngineStorage& storage, const std::string& record_id) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto bodies, storage.record_op_bodies(record_id));
  std::vector<Op> out;
  out.reserve(bodies.size());
  for (const auto& body : bodies) {
    NASTAVNIK_ASSIGN_OR_RETURN(Op op, op_from_json(json::parse(body, nullptr, false)));
    out.push_back(std::move(op));
  }
  return out;
}

Result<int> record_upsert_conflicts(RecordEngineStorage& storage, const Op& op, const std::vector<Op>& earlier) {
  int n = 0;
  for (const Op& other : earlier) {
    if (other.kind != OpKind::kDelete) continue;
    if (!edit_conflicts_with_delete(op.hlc, other.hlc, base_of(other, kRecordBase))) continue;
    NASTAVNIK_RETURN_IF_ERROR(storage.insert_conflict(
        {op.id, "*", conflict_kind_name(ConflictKind::kEditOfDeleted), op.hlc.str(), other.hlc.str(),
         op_changes_json(op).dump(), "null", op.author, other.author}));
    ++n;
  }
  for (const auto& [field, value] : op.fields.items()) {
    const FieldWrite incoming{op.hlc, base_of(op, field), value, op.author};
    for (const Op& other : earlier) {
      if (other.kind == OpKind::kDelete || !other.fields.contains(field)) continue;
      const FieldWrite earlier_write{other.hlc, base_of(other, field), other.fields[field], other.author};
      auto verdict = field_conflict(incoming, earlier_write);
      if (!verdict) continue;
      const FieldWrite& loser = verdict->first_loses ? incoming : earlier_write;
      const FieldWrite& winner = verdict->first_loses ? earlier_write : incoming;
      NASTAVNIK_RETURN_IF_ERROR(storage.insert_conflict(
          {op.id, field, conflict_kind_name(verdict->kind), loser.hlc.str(), winner.hlc.str(), loser.value.dump(),
           winner.value.dump(), loser.author, winner.author}));
      ++n;
    }
  }
  return n;
}

Result<int> record_delete_conflicts(RecordEngineStorage& storage, const Op& op, const std::vector<Op>& earlier) {
  const std::optional<Hlc> base = base_of(op, kRecordBase);
  int n = 0;
  for (const Op& edit : earlier) {
    if (edit.kind == OpKind::kDelete || !edit_conflicts_with_delete(edit.hlc, op.hlc, base)) continue;
    NASTAVNIK_RETURN_IF_ERROR(storage.insert_conflict(
        {op.id, "*", conflict_kind_name(ConflictKind::kEditOfDeleted), edit.hlc.str(), op.hlc.str(),
         op_changes_json(edit).dump(), "null", edit.author, op.author}));
    ++n;
  }
  return n;
}

Result<RecordRowWrite> row_to_write(const std::string& entity_name, const std::string& record_id, const RecordRow& row) {
  const EntitySchema* entity = DomainSchema::instance().entity(entity_name);
  if (!entity) return Status::InvalidArgument("unknown entity " + entity_name);
  const json& data = row.data;
  auto text_of = [&](const std::string& field) -> std::optional<std::string> {
    if (field.empty() || !data.contains(field) || !data[field].is_string()) return std::nullopt;
    return data[field].get<std::string>();
  };
  RecordRowWrite w;
  w.id = record_id;
  w.entity = entity_name;
  w.deleted = row.deleted;
  w.data = data.dump();
  w.stamps = row.stamps.dump();
  w.updated_hlc = row.updated;
  w.date_key = text_of(entity->date_field);
  w.pair_id = text_of(entity->pair_field);
  w.school_id = text_of(entity->school_field);
  w.created_by = text_of(kCreatedByField);
  w.existed = row.exists;
  for (const auto& field : entity->person_fields) {
    if (!data.contains(field)) continue;
    const json values = data[field].is_array() ? data[field] : json::array({data[field]});
    for (const auto& p : values)
      if (p.is_string()) w.people.push_back(p.get<std::string>());
  }
  std::sort(w.people.begin(), w.people.end());
  w.people.erase(std::unique(w.people.begin(), w.people.end()), w.people.end());
  return w;
}

}  // namespace

json op_changes_json(const Op& op) {
  json j = json::object();
  if (!op.fields.empty()) j["fields"] = op.fields;
  if (!op.added.empty()) j["added"] = op.added;
  if (!op.removed.empty()) j["removed"] = op.removed;
  return j;
}

bool merge_into_record(const Op& op, json& data, RecordStamps& stamps, bool& deleted) {
  const std::string hlc = op.hlc.str();
  if (op.kind == OpKind::kDelete) {
    deleted = true;
    auto tombstone = stamps.field(kTombstoneField, data);
    if (!tombstone || hlc > *tombstone) stamps.set_field(kTombstoneField, hlc, false);
    return true;
  }
  bool won = false;
  for (const auto& [field, value] : op.fields.items()) {
    auto current = stamps.field(field, data);
    if (current && hlc <= *current) continue;
    if (value.is_null()) data.erase(field);
    else data[field] = value;
    stamps.set_field(field, hlc, !value.is_null());
    won = true;
  }
  for (const auto& [field, values] : op.added)
    for (const auto& v : values) won |= merge_element(hlc, field, v, true, data, stamps);
  for (const auto& [field, values] : op.removed)
    for (const auto& v : values) won |= merge_element(hlc, field, v, false, data, stamps);
  return won;
}

Result<ApplyOutcome> merge_op(RecordEngineStorage& storage, const Op& op, OpOrigin origin, const std::string& flag,
                              uint64_t now_ms) {
  const std::string body = op_to_json(op).dump();
  NASTAVNIK_ASSIGN_OR_RETURN(auto stored, storage.op_body(op.hlc.str()));
  if (stored) {
    if (*stored != body) return Status::Corruption("two different ops carry the same clock stamp " + op.hlc.str());
    return ApplyOutcome{true, 0, {}};
  }
  NASTAVNIK_ASSIGN_OR_RETURN(RecordRow row, load_row(storage, op));
  std::vector<Op> earlier;
  if (row.exists) {
    NASTAVNIK_ASSIGN_OR_RETURN(earlier, earlier_ops(storage, op.id));
  }
  NASTAVNIK_RETURN_IF_ERROR(storage.log_op(op, body, origin, flag, now_ms));
  NASTAVNIK_ASSIGN_OR_RETURN(int conflicts, op.kind == OpKind::kDelete ? record_delete_conflicts(storage, op, earlier)
                                                                        : record_upsert_conflicts(storage, op, earlier));
  if (!row.exists) row.stamps = RecordStamps(op.hlc.str());
  if (merge_into_record(op, row.data, row.stamps, row.deleted)) row.updated = std::max(row.updated, op.hlc.str());
  NASTAVNIK_ASSIGN_OR_RETURN(auto write, row_to_write(op.entity, op.id, row));
  NASTAVNIK_RETURN_IF_ERROR(storage.write_record(write));
  return ApplyOutcome{false, conflicts, Record{op.id, op.entity, row.deleted, std::move(row.data), row.updated}};
}

Result<std::map<std::string, Hlc>> current_field_stamps(const std::string& id, const StoredRecordText& record) {
  const EntitySchema* entity = DomainSchema::instance().entity(record.entity);
  const json data = json::parse(record.data, nullptr, false);
  if (!data.is_object()) return Status::Corruption("record " + id + " holds damaged data");
  auto stamps = RecordStamps::parse(record.stamps);
  if (!stamps.ok()) return stamps.status().with_context("record " + id);
  const auto is_set = [&](const std::string& name) {
    const FieldSchema* f = entity ? entity->field(name) : nullptr;
    return f && f->is_set();
  };
  std::map<std::string, Hlc> out;
  for (const auto& [field, hlc] : stamps->fields(data, is_set)) {
    NASTAVNIK_ASSIGN_OR_RETURN(out[field], Hlc::parse(hlc));
  }
  return out;
}

Result<std::vector<std::string>> superseded_among(const std::vector<LoggedOp>& ops) {
  std::vector<std::string> out;
  const std::string* record = nullptr;
  std::set<std::string> kept;
  for (const auto& op : ops) {
    if (!record || op.record_id != *record) {
      record = &op.record_id;
      auto stamps = RecordStamps::parse(op.record_stamps);
      if (!stamps.ok()) return stamps.status().with_context("record " + op.record_id);
      kept = stamps->referenced();
    }
    if (!kept.count(op.hlc)) out.push_back(op.hlc);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace nastavnik::replica
