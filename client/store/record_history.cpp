#include "client/store/record_history.h"

#include "shared/sqlite/stored_op_body.h"

namespace nastavnik::replica {

Result<std::vector<HistoryEntry>> record_history(sql::Database& db, const std::string& record_id) {
  auto st = db.prepare(
      "SELECT o.body, o.origin, COALESCE(o.flagged, ''), c.acked_ms IS NOT NULL, COALESCE(r.message, '') "
      "FROM ops o LEFT JOIN changesets c ON c.seq = o.changeset_seq LEFT JOIN rejections r ON r.hlc = o.hlc "
      "WHERE o.record_id = ? ORDER BY o.hlc");
  if (!st.ok()) return st.status();
  st->bind(1, record_id);
  std::vector<HistoryEntry> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return out;
    NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(st->blob(0)));
    NASTAVNIK_ASSIGN_OR_RETURN(Op op, op_from_json(nlohmann::json::parse(body, nullptr, false)));
    HistoryEntry e;
    e.op = std::move(op);
    e.written_here = st->text(1) == "local";
    e.delivered = !e.written_here || st->integer(3) != 0;
    e.flag = st->text(2);
    e.refusal = st->text(4);
    out.push_back(std::move(e));
  }
}

}  // namespace nastavnik::replica
