#include "shared/sqlite/op_applier.h"

#include <optional>

#include "shared/domain/schema.h"
#include "shared/ops/merge_rules.h"

namespace nastavnik::replica {
namespace {

using nlohmann::json;
constexpr const char* kDeletedField = "_deleted";

std::optional<Hlc> parse_opt(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto h = Hlc::parse(*text);
  return h.ok() ? std::optional<Hlc>(h.value()) : std::nullopt;
}

std::optional<std::string> base_text(const Op& op, const std::string& field) {
  auto it = op.bases.find(field);
  return it == op.bases.end() ? std::nullopt : std::optional<std::string>(it->second.str());
}

}  // namespace

json op_changes_json(const Op& op) {
  json j = json::object();
  if (!op.fields.empty()) j["fields"] = op.fields;
  if (!op.added.empty()) j["added"] = op.added;
  if (!op.removed.empty()) j["removed"] = op.removed;
  return j;
}

Result<ApplyOutcome> OpApplier::apply(const Op& op, OpOrigin origin, const std::string& flag,
                                      uint64_t now_ms) {
  const std::string body = op_to_json(op).dump();
  NASTAVNIK_ASSIGN_OR_RETURN(bool seen, already_applied(op, body));
  if (seen) return ApplyOutcome{true, 0};
  NASTAVNIK_RETURN_IF_ERROR(check_record_entity(op));
  auto ins = db_.prepare(
      "INSERT INTO ops(hlc, kind, entity, record_id, body, origin, flagged, received_ms) "
      "VALUES(?,?,?,?,?,?,?,?)");
  if (!ins.ok()) return ins.status();
  ins->bind(1, op.hlc.str())
      .bind(2, op.kind == OpKind::kDelete ? "d" : "u")
      .bind(3, op.entity)
      .bind(4, op.id)
      .bind(5, body)
      .bind(6, origin == OpOrigin::kLocal ? "local" : "remote")
      .bind_opt(7, flag.empty() ? std::nullopt : std::optional<std::string>(flag))
      .bind(8, static_cast<int64_t>(now_ms));
  NASTAVNIK_RETURN_IF_ERROR(ins->run());
  NASTAVNIK_ASSIGN_OR_RETURN(int conflicts, op.kind == OpKind::kDelete ? apply_delete(op) : apply_upsert(op));
  NASTAVNIK_RETURN_IF_ERROR(materialise(op.entity, op.id));
  return ApplyOutcome{false, conflicts};
}

Result<bool> OpApplier::already_applied(const Op& op, const std::string& body) {
  auto st = db_.prepare("SELECT body FROM ops WHERE hlc = ?");
  if (!st.ok()) return st.status();
  st->bind(1, op.hlc.str());
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  if (found && st->text(0) != body)
    return Status::Corruption("two different ops carry the same clock stamp " + op.hlc.str());
  return found;
}

Status OpApplier::check_record_entity(const Op& op) {
  auto st = db_.prepare("SELECT entity FROM records WHERE id = ?");
  if (!st.ok()) return st.status();
  st->bind(1, op.id);
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  if (found && st->text(0) != op.entity)
    return Status::Conflict("record " + op.id + " is a " + st->text(0) + ", not a " + op.entity);
  return Status::Ok();
}

Result<int> OpApplier::apply_upsert(const Op& op) {
  NASTAVNIK_ASSIGN_OR_RETURN(int conflicts, conflicts_with_deletes(op));
  for (const auto& [field, value] : op.fields.items()) {
    NASTAVNIK_ASSIGN_OR_RETURN(int n, apply_field(op, field, value));
    conflicts += n;
  }
  for (const auto& [field, elems] : op.added)
    for (const auto& e : elems) NASTAVNIK_RETURN_IF_ERROR(apply_set_change(op, field, e, true));
  for (const auto& [field, elems] : op.removed)
    for (const auto& e : elems) NASTAVNIK_RETURN_IF_ERROR(apply_set_change(op, field, e, false));
  return conflicts;
}

Result<int> OpApplier::conflicts_with_deletes(const Op& op) {
  auto st = db_.prepare("SELECT hlc, base, author FROM field_writes WHERE record_id = ? AND field = ?");
  if (!st.ok()) return st.status();
  st->bind(1, op.id).bind(2, kDeletedField);
  int n = 0;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    NASTAVNIK_ASSIGN_OR_RETURN(Hlc deleted_at, Hlc::parse(st->text(0)));
    if (!edit_conflicts_with_delete(op.hlc, deleted_at, parse_opt(st->opt_text(1)))) continue;
    NASTAVNIK_RETURN_IF_ERROR(insert_conflict(op.id, "*", conflict_kind_name(ConflictKind::kEditOfDeleted),
                                              op.hlc, deleted_at, op_changes_json(op).dump(), "null",
                                              op.author, st->text(2)));
    ++n;
  }
  return n;
}

Result<int> OpApplier::apply_field(const Op& op, const std::string& field, const json& value) {
  const FieldWrite incoming{op.hlc, op.bases.count(field) ? std::optional<Hlc>(op.bases.at(field)) : std::nullopt,
                            value, op.author};
  auto st = db_.prepare("SELECT hlc, base, value, author FROM field_writes WHERE record_id = ? AND field = ?");
  if (!st.ok()) return st.status();
  st->bind(1, op.id).bind(2, field);
  int n = 0;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    NASTAVNIK_ASSIGN_OR_RETURN(Hlc other_hlc, Hlc::parse(st->text(0)));
    const FieldWrite other{other_hlc, parse_opt(st->opt_text(1)), json::parse(st->text(2), nullptr, false),
                           st->text(3)};
    auto verdict = field_conflict(incoming, other);
    if (!verdict) continue;
    const FieldWrite& loser = verdict->first_loses ? incoming : other;
    const FieldWrite& winner = verdict->first_loses ? other : incoming;
    NASTAVNIK_RETURN_IF_ERROR(insert_conflict(op.id, field, conflict_kind_name(verdict->kind), loser.hlc,
                                              winner.hlc, loser.value.dump(), winner.value.dump(),
                                              loser.author, winner.author));
    ++n;
  }
  auto ins = db_.prepare("INSERT INTO field_writes(record_id, field, hlc, base, value, author) VALUES(?,?,?,?,?,?)");
  if (!ins.ok()) return ins.status();
  ins->bind(1, op.id).bind(2, field).bind(3, op.hlc.str()).bind_opt(4, base_text(op, field)).bind(5, value.dump()).bind(6, op.author);
  NASTAVNIK_RETURN_IF_ERROR(ins->run());
  return n;
}

Status OpApplier::apply_set_change(const Op& op, const std::string& field, const std::string& element,
                                   bool present) {
  // Last writer wins per element: a newer add or remove replaces an older one.
  auto st = db_.prepare(
      "INSERT INTO set_elements(record_id, field, element, present, hlc) VALUES(?,?,?,?,?) "
      "ON CONFLICT(record_id, field, element) DO UPDATE SET present = excluded.present, hlc = excluded.hlc "
      "WHERE excluded.hlc > set_elements.hlc");
  if (!st.ok()) return st.status();
  st->bind(1, op.id).bind(2, field).bind(3, element).bind(4, int64_t{present ? 1 : 0}).bind(5, op.hlc.str());
  return st->run();
}

Result<int> OpApplier::apply_delete(const Op& op) {
  auto ins = db_.prepare("INSERT INTO field_writes(record_id, field, hlc, base, value, author) VALUES(?,?,?,?,'true',?)");
  if (!ins.ok()) return ins.status();
  ins->bind(1, op.id).bind(2, kDeletedField).bind(3, op.hlc.str()).bind_opt(4, base_text(op, kRecordBase)).bind(5, op.author);
  NASTAVNIK_RETURN_IF_ERROR(ins->run());
  const std::optional<Hlc> base = op.bases.count(kRecordBase) ? std::optional<Hlc>(op.bases.at(kRecordBase)) : std::nullopt;
  auto edits = db_.prepare("SELECT hlc, body FROM ops WHERE record_id = ? AND kind = 'u'");
  if (!edits.ok()) return edits.status();
  edits->bind(1, op.id);
  int n = 0;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, edits->step());
    if (!row) break;
    NASTAVNIK_ASSIGN_OR_RETURN(Hlc edit_hlc, Hlc::parse(edits->text(0)));
    if (!edit_conflicts_with_delete(edit_hlc, op.hlc, base)) continue;
    NASTAVNIK_ASSIGN_OR_RETURN(Op edit, op_from_json(json::parse(edits->text(1), nullptr, false)));
    NASTAVNIK_RETURN_IF_ERROR(insert_conflict(op.id, "*", conflict_kind_name(ConflictKind::kEditOfDeleted),
                                              edit_hlc, op.hlc, op_changes_json(edit).dump(), "null",
                                              edit.author, op.author));
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

Status OpApplier::materialise(const std::string& entity_name, const std::string& record_id) {
  const EntitySchema* entity = DomainSchema::instance().entity(entity_name);
  if (!entity) return Status::InvalidArgument("unknown entity " + entity_name);
  json data = json::object();
  bool deleted = false;
  std::string updated;
  auto fields = db_.prepare(
      "SELECT field, value, hlc FROM field_writes w WHERE record_id = ?1 AND hlc = "
      "(SELECT MAX(hlc) FROM field_writes WHERE record_id = ?1 AND field = w.field)");
  if (!fields.ok()) return fields.status();
  fields->bind(1, record_id);
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, fields->step());
    if (!row) break;
    updated = std::max(updated, fields->text(2));
    if (fields->text(0) == kDeletedField) {
      deleted = true;
      continue;
    }
    json v = json::parse(fields->text(1), nullptr, false);
    if (!v.is_null() && !v.is_discarded()) data[fields->text(0)] = std::move(v);
  }
  auto elems = db_.prepare("SELECT field, element, present, hlc FROM set_elements WHERE record_id = ? ORDER BY field, element");
  if (!elems.ok()) return elems.status();
  elems->bind(1, record_id);
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, elems->step());
    if (!row) break;
    updated = std::max(updated, elems->text(3));
    if (elems->integer(2)) data[elems->text(0)].push_back(elems->text(1));
  }
  auto text_of = [&](const std::string& field) -> std::optional<std::string> {
    if (field.empty() || !data.contains(field) || !data[field].is_string()) return std::nullopt;
    return data[field].get<std::string>();
  };
  auto up = db_.prepare(
      "INSERT INTO records(id, entity, deleted, data, date_key, pair_id, school_id, created_by, updated_hlc) "
      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) ON CONFLICT(id) DO UPDATE SET deleted=?3, data=?4, date_key=?5, "
      "pair_id=?6, school_id=?7, created_by=?8, updated_hlc=?9");
  if (!up.ok()) return up.status();
  up->bind(1, record_id).bind(2, entity_name).bind(3, int64_t{deleted ? 1 : 0}).bind(4, data.dump())
      .bind_opt(5, text_of(entity->date_field)).bind_opt(6, text_of(entity->pair_field))
      .bind_opt(7, text_of(entity->school_field)).bind_opt(8, text_of(kCreatedByField)).bind(9, updated);
  NASTAVNIK_RETURN_IF_ERROR(up->run());
  auto clear = db_.prepare("DELETE FROM record_people WHERE record_id = ?");
  if (!clear.ok()) return clear.status();
  NASTAVNIK_RETURN_IF_ERROR(clear->bind(1, record_id).run());
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
