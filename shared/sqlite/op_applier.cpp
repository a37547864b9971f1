#include "shared/sqlite/op_applier.h"

#include <algorithm>
#include <optional>

#include "shared/domain/schema.h"
#include "shared/ops/merge_rules.h"
#include "shared/sqlite/stored_op_body.h"

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

Result<ApplyOutcome> OpApplier::apply(const Op& op, OpOrigin origin, const std::string& flag, uint64_t now_ms) {
  const std::string body = op_to_json(op).dump();
  NASTAVNIK_ASSIGN_OR_RETURN(bool seen, already_applied(op, body));
  if (seen) return ApplyOutcome{true, 0, {}};
  NASTAVNIK_ASSIGN_OR_RETURN(RecordRow row, load_record(op));
  std::vector<Op> earlier;
  if (row.exists) {
    NASTAVNIK_ASSIGN_OR_RETURN(earlier, earlier_ops(op.id));
  }
  NASTAVNIK_RETURN_IF_ERROR(log_op(op, body, origin, flag, now_ms));
  NASTAVNIK_ASSIGN_OR_RETURN(int conflicts, op.kind == OpKind::kDelete ? record_delete_conflicts(op, earlier)
                                                                        : record_upsert_conflicts(op, earlier));
  if (!row.exists) row.stamps = RecordStamps(op.hlc.str());
  if (merge_into_record(op, row.data, row.stamps, row.deleted)) row.updated = std::max(row.updated, op.hlc.str());
  NASTAVNIK_RETURN_IF_ERROR(write_record(op.entity, op.id, row));
  return ApplyOutcome{false, conflicts, Record{op.id, op.entity, row.deleted, std::move(row.data), row.updated}};
}

Result<bool> OpApplier::already_applied(const Op& op, const std::string& body) {
  auto st = db_.prepare("SELECT body FROM ops WHERE hlc = ?");
  if (!st.ok()) return st.status();
  st->bind(1, op.hlc.str());
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  if (!found) return false;
  NASTAVNIK_ASSIGN_OR_RETURN(std::string stored, unpack_op_body(st->blob(0)));
  if (stored != body) return Status::Corruption("two different ops carry the same clock stamp " + op.hlc.str());
  return true;
}

Result<OpApplier::RecordRow> OpApplier::load_record(const Op& op) {
  auto st = db_.prepare("SELECT entity, deleted, data, stamps, updated_hlc FROM records WHERE id = ?");
  if (!st.ok()) return st.status();
  st->bind(1, op.id);
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  RecordRow row;
  if (!found) return row;
  if (st->text(0) != op.entity)
    return Status::Conflict("record " + op.id + " is a " + st->text(0) + ", not a " + op.entity);
  row.exists = true;
  row.deleted = st->integer(1) != 0;
  row.data = json::parse(st->text(2), nullptr, false);
  if (!row.data.is_object()) return Status::Corruption("record " + op.id + " holds damaged data");
  auto stamps = RecordStamps::parse(st->text(3));
  if (!stamps.ok()) return stamps.status().with_context("record " + op.id);
  row.stamps = std::move(stamps).value();
  row.updated = st->text(4);
  return row;
}

Result<std::vector<Op>> OpApplier::earlier_ops(const std::string& record_id) {
  auto st = db_.prepare("SELECT body FROM ops WHERE record_id = ? ORDER BY hlc");
  if (!st.ok()) return st.status();
  st->bind(1, record_id);
  std::vector<Op> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return out;
    NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(st->blob(0)));
    NASTAVNIK_ASSIGN_OR_RETURN(Op op, op_from_json(json::parse(body, nullptr, false)));
    out.push_back(std::move(op));
  }
}

Status OpApplier::log_op(const Op& op, const std::string& body, OpOrigin origin, const std::string& flag,
                         uint64_t now_ms) {
  NASTAVNIK_ASSIGN_OR_RETURN(std::string stored, pack_op_body(body));
  auto ins = db_.prepare(
      "INSERT INTO ops(hlc, kind, entity, record_id, body, origin, flagged, received_ms) VALUES(?,?,?,?,?,?,?,?)");
  if (!ins.ok()) return ins.status();
  ins->bind(1, op.hlc.str())
      .bind(2, op.kind == OpKind::kDelete ? "d" : "u")
      .bind(3, op.entity)
      .bind(4, op.id)
      .bind_blob(5, stored)
      .bind(6, origin == OpOrigin::kLocal ? "local" : "remote")
      .bind_opt(7, flag.empty() ? std::nullopt : std::optional<std::string>(flag))
      .bind(8, static_cast<int64_t>(now_ms));
  return ins->run();
}

Result<int> OpApplier::record_upsert_conflicts(const Op& op, const std::vector<Op>& earlier) {
  int n = 0;
  for (const Op& other : earlier) {
    if (other.kind != OpKind::kDelete) continue;
    if (!edit_conflicts_with_delete(op.hlc, other.hlc, base_of(other, kRecordBase))) continue;
    NASTAVNIK_RETURN_IF_ERROR(insert_conflict(op.id, "*", conflict_kind_name(ConflictKind::kEditOfDeleted), op.hlc,
                                              other.hlc, op_changes_json(op).dump(), "null", op.author, other.author));
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
      NASTAVNIK_RETURN_IF_ERROR(insert_conflict(op.id, field, conflict_kind_name(verdict->kind), loser.hlc,
                                                winner.hlc, loser.value.dump(), winner.value.dump(), loser.author,
                                                winner.author));
      ++n;
    }
  }
  return n;
}

Result<int> OpApplier::record_delete_conflicts(const Op& op, const std::vector<Op>& earlier) {
  const std::optional<Hlc> base = base_of(op, kRecordBase);
  int n = 0;
  for (const Op& edit : earlier) {
    if (edit.kind == OpKind::kDelete || !edit_conflicts_with_delete(edit.hlc, op.hlc, base)) continue;
    NASTAVNIK_RETURN_IF_ERROR(insert_conflict(op.id, "*", conflict_kind_name(ConflictKind::kEditOfDeleted), edit.hlc,
                                              op.hlc, op_changes_json(edit).dump(), "null", edit.author, op.author));
    ++n;
  }
  return n;
}

Status OpApplier::insert_conflict(const std::string& record_id, const std::string& field, const char* kind,
                                  const Hlc& loser, const Hlc& winner, const std::string& loser_value,
                                  const std::string& winner_value, const std::string& loser_author,
                                  const std::string& winner_author) {
  auto st = db_.prepare(
      "INSERT OR IGNORE INTO conflicts(record_id, field, kind, loser_hlc, winner_hlc, loser_value, "
      "winner_value, loser_author, winner_author) VALUES(?,?,?,?,?,?,?,?,?)");
  if (!st.ok()) return st.status();
  st->bind(1, record_id).bind(2, field).bind(3, kind).bind(4, loser.str()).bind(5, winner.str())
      .bind(6, loser_value).bind(7, winner_value).bind(8, loser_author).bind(9, winner_author);
  return st->run();
}

Status OpApplier::write_record(const std::string& entity_name, const std::string& record_id, const RecordRow& row) {
  const EntitySchema* entity = DomainSchema::instance().entity(entity_name);
  if (!entity) return Status::InvalidArgument("unknown entity " + entity_name);
  const json& data = row.data;
  auto text_of = [&](const std::string& field) -> std::optional<std::string> {
    if (field.empty() || !data.contains(field) || !data[field].is_string()) return std::nullopt;
    return data[field].get<std::string>();
  };
  auto up = db_.prepare(
      "INSERT INTO records(id, entity, deleted, data, date_key, pair_id, school_id, created_by, updated_hlc, stamps) "
      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) ON CONFLICT(id) DO UPDATE SET deleted=?3, data=?4, date_key=?5, "
      "pair_id=?6, school_id=?7, created_by=?8, updated_hlc=?9, stamps=?10");
  if (!up.ok()) return up.status();
  up->bind(1, record_id).bind(2, entity_name).bind(3, int64_t{row.deleted ? 1 : 0}).bind(4, data.dump())
      .bind_opt(5, text_of(entity->date_field)).bind_opt(6, text_of(entity->pair_field))
      .bind_opt(7, text_of(entity->school_field)).bind_opt(8, text_of(kCreatedByField)).bind(9, row.updated)
      .bind(10, row.stamps.dump());
  NASTAVNIK_RETURN_IF_ERROR(up->run());
  if (row.exists) {
    auto clear = db_.prepare("DELETE FROM record_people WHERE record_id = ?");
    if (!clear.ok()) return clear.status();
    NASTAVNIK_RETURN_IF_ERROR(clear->bind(1, record_id).run());
  }
  auto person = db_.prepare("INSERT OR IGNORE INTO record_people(person_id, record_id) VALUES(?, ?)");
  if (!person.ok()) return person.status();
  for (const auto& field : entity->person_fields) {
    if (!data.contains(field)) continue;
    const json values = data[field].is_array() ? data[field] : json::array({data[field]});
    for (const auto& p : values) {
      if (!p.is_string()) continue;
      person->reset();
      NASTAVNIK_RETURN_IF_ERROR(person->bind(1, p.get<std::string>()).bind(2, record_id).run());
    }
  }
  return Status::Ok();
}

}  // namespace nastavnik::replica
