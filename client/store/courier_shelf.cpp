#include "client/store/courier_shelf.h"

namespace nastavnik::replica {
namespace {

using nlohmann::json;

Result<int64_t> count_where(sql::Database& db, const std::string& query, const std::string& arg) {
  auto st = db.prepare(query);
  if (!st.ok()) return st.status();
  if (!arg.empty()) st->bind(1, arg);
  NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
  return row ? st->integer(0) : 0;
}

}  // namespace

Status CourierShelf::remember_request(const CourierRequest& r) {
  auto st = db_.prepare("INSERT OR IGNORE INTO courier_requests(hash, cursor, scope, created_ms) VALUES(?,?,?,?)");
  if (!st.ok()) return st.status();
  return st->bind(1, r.hash).bind(2, static_cast<int64_t>(r.cursor)).bind(3, r.scope)
      .bind(4, static_cast<int64_t>(r.created_ms)).run();
}

Result<std::optional<CourierRequest>> CourierShelf::request(const std::string& hash) const {
  auto st = db_.prepare("SELECT hash, cursor, scope, created_ms, COALESCE(answered_ms, 0) FROM courier_requests WHERE hash = ?");
  if (!st.ok()) return st.status();
  st->bind(1, hash);
  NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
  if (!row) return std::optional<CourierRequest>();
  return std::optional<CourierRequest>(CourierRequest{st->text(0), static_cast<uint64_t>(st->integer(1)), st->text(2),
                                                      static_cast<uint64_t>(st->integer(3)),
                                                      static_cast<uint64_t>(st->integer(4))});
}

Status CourierShelf::mark_answered(const std::string& hash, uint64_t now_ms) {
  auto st = db_.prepare("UPDATE courier_requests SET answered_ms = ? WHERE hash = ? AND answered_ms IS NULL");
  if (!st.ok()) return st.status();
  return st->bind(1, static_cast<int64_t>(now_ms)).bind(2, hash).run();
}

Result<int64_t> CourierShelf::unanswered() const {
  return count_where(db_, "SELECT COUNT(*) FROM courier_requests WHERE answered_ms IS NULL", "");
}

Result<bool> CourierShelf::keep(const wire::Envelope& e, uint64_t now_ms) {
  auto st = db_.prepare(
      "INSERT OR IGNORE INTO carried_envelopes(digest, recipient, sender, envelope, received_ms) VALUES(?,?,?,?,?)");
  if (!st.ok()) return st.status();
  NASTAVNIK_RETURN_IF_ERROR(
      st->bind(1, e.digest()).bind(2, e.to).bind(3, e.from).bind(4, e.to_json().dump()).bind(5, static_cast<int64_t>(now_ms)).run());
  return db_.changes() > 0;
}

Result<std::vector<wire::Envelope>> CourierShelf::envelopes(const std::string& where, const std::string& a,
                                                           int64_t b) const {
  auto st = db_.prepare("SELECT envelope FROM carried_envelopes WHERE " + where + " ORDER BY received_ms, digest");
  if (!st.ok()) return st.status();
  st->bind(1, a);
  if (where.find("?2") != std::string::npos) st->bind(2, b);
  std::vector<wire::Envelope> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return out;
    NASTAVNIK_ASSIGN_OR_RETURN(wire::Envelope e, wire::Envelope::from_json(json::parse(st->text(0), nullptr, false)));
    out.push_back(std::move(e));
  }
}

Result<std::vector<wire::Envelope>> CourierShelf::for_server(const std::string& server_id) const {
  return envelopes("recipient = ?1 AND outcome IS NULL", server_id, 0);
}

Result<std::vector<wire::Envelope>> CourierShelf::for_devices(const std::string& server_id, uint64_t now_ms,
                                                              uint64_t keep_answers_ms) const {
  const int64_t since = now_ms > keep_answers_ms ? static_cast<int64_t>(now_ms - keep_answers_ms) : 0;
  return envelopes("recipient <> ?1 AND received_ms >= ?2", server_id, since);
}

Status CourierShelf::settle(const std::string& digest, bool delivered, const std::string& message, uint64_t now_ms) {
  auto st = db_.prepare("UPDATE carried_envelopes SET outcome = ?, message = ?, settled_ms = ? WHERE digest = ?");
  if (!st.ok()) return st.status();
  return st->bind(1, delivered ? "delivered" : "refused").bind(2, message).bind(3, static_cast<int64_t>(now_ms))
      .bind(4, digest).run();
}

Result<CarriedCount> CourierShelf::count(const std::string& server_id) const {
  CarriedCount c;
  NASTAVNIK_ASSIGN_OR_RETURN(c.for_server, count_where(db_,
      "SELECT COUNT(*) FROM carried_envelopes WHERE recipient = ? AND outcome IS NULL", server_id));
  NASTAVNIK_ASSIGN_OR_RETURN(c.for_devices, count_where(db_,
      "SELECT COUNT(*) FROM carried_envelopes WHERE recipient <> ?", server_id));
  NASTAVNIK_ASSIGN_OR_RETURN(c.refused, count_where(db_,
      "SELECT COUNT(*) FROM carried_envelopes WHERE outcome = 'refused'", ""));
  return c;
}

Result<std::vector<CarriedRefusal>> CourierShelf::refusals() const {
  auto st = db_.prepare("SELECT sender, message FROM carried_envelopes WHERE outcome = 'refused' ORDER BY settled_ms");
  if (!st.ok()) return st.status();
  std::vector<CarriedRefusal> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return out;
    out.push_back({st->text(0), st->text(1)});
  }
}

}  // namespace nastavnik::replica
