#include "shared/sqlite/op_applier.h"

#include "shared/sqlite/stored_op_body.h"

namespace nastavnik::replica {

Result<std::optional<std::string>> OpApplier::op_body(const std::string& hlc) {
  auto st = db_.prepare("SELECT body FROM ops WHERE hlc = ?");
  if (!st.ok()) return st.status();
  st->bind(1, hlc);
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  if (!found) return std::optional<std::string>();
  NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(st->blob(0)));
  return std::optional<std::string>(std::move(body));
}

Result<std::optional<StoredRecordText>> OpApplier::load_record(const std::string& id) {
  auto st = db_.prepare("SELECT entity, deleted, data, stamps, updated_hlc FROM records WHERE id = ?");
  if (!st.ok()) return st.status();
  st->bind(1, id);
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  if (!found) return std::optional<StoredRecordText>();
  return std::optional<StoredRecordText>(
      StoredRecordText{st->text(0), st->integer(1) != 0, st->text(2), st->text(3), st->text(4)});
}

Result<std::vector<std::string>> OpApplier::record_op_bodies(const std::string& record_id) {
  auto st = db_.prepare("SELECT body FROM ops WHERE record_id = ? ORDER BY hlc");
  if (!st.ok()) return st.status();
  st->bind(1, record_id);
  std::vector<std::string> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return out;
    NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(st->blob(0)));
    out.push_back(std::move(body));
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

Status OpApplier::insert_conflict(const ConflictRow& c) {
  auto st = db_.prepare(
      "INSERT OR IGNORE INTO conflicts(record_id, field, kind, loser_hlc, winner_hlc, loser_value, "
      "winner_value, loser_author, winner_author) VALUES(?,?,?,?,?,?,?,?,?)");
  if (!st.ok()) return st.status();
  st->bind(1, c.record_id).bind(2, c.field).bind(3, c.kind).bind(4, c.loser_hlc).bind(5, c.winner_hlc)
      .bind(6, c.loser_value).bind(7, c.winner_value).bind(8, c.loser_author).bind(9, c.winner_author);
  return st->run();
}

Status OpApplier::write_record(const RecordRowWrite& w) {
  auto up = db_.prepare(
      "INSERT INTO records(id, entity, deleted, data, date_key, pair_id, school_id, created_by, updated_hlc, stamps) "
      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) ON CONFLICT(id) DO UPDATE SET deleted=?3, data=?4, date_key=?5, "
      "pair_id=?6, school_id=?7, created_by=?8, updated_hlc=?9, stamps=?10");
  if (!up.ok()) return up.status();
  up->bind(1, w.id).bind(2, w.entity).bind(3, int64_t{w.deleted ? 1 : 0}).bind(4, w.data).bind_opt(5, w.date_key)
      .bind_opt(6, w.pair_id).bind_opt(7, w.school_id).bind_opt(8, w.created_by).bind(9, w.updated_hlc)
      .bind(10, w.stamps);
  NASTAVNIK_RETURN_IF_ERROR(up->run());
  if (w.existed) {
    auto clear = db_.prepare("DELETE FROM record_people WHERE record_id = ?");
    if (!clear.ok()) return clear.status();
    NASTAVNIK_RETURN_IF_ERROR(clear->bind(1, w.id).run());
  }
  auto person = db_.prepare("INSERT OR IGNORE INTO record_people(person_id, record_id) VALUES(?, ?)");
  if (!person.ok()) return person.status();
  for (const auto& p : w.people) {
    person->reset();
    NASTAVNIK_RETURN_IF_ERROR(person->bind(1, p).bind(2, w.id).run());
  }
  return Status::Ok();
}

}  // namespace nastavnik::replica
