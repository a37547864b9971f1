#include "shared/sqlite/superseded_ops.h"

#include "shared/records/record_merge.h"

namespace nastavnik::sql {

Result<std::vector<std::string>> superseded_ops(Database& db) {
  auto st = db.prepare(
      "SELECT o.record_id, r.stamps, o.hlc FROM ops o JOIN records r ON r.id = o.record_id "
      "WHERE o.record_id IN (SELECT record_id FROM ops GROUP BY record_id HAVING COUNT(*) > 1) "
      "ORDER BY o.record_id");
  if (!st.ok()) return st.status();
  std::vector<replica::LoggedOp> ops;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    ops.push_back({st->text(0), st->text(1), st->text(2)});
  }
  return replica::superseded_among(ops);
}

Status delete_ops(Database& db, const std::vector<std::string>& stamps) {
  auto del = db.prepare("DELETE FROM ops WHERE hlc = ?");
  if (!del.ok()) return del.status();
  for (const auto& hlc : stamps) {
    del->reset();
    NASTAVNIK_RETURN_IF_ERROR(del->bind(1, hlc).run());
  }
  return Status::Ok();
}

}  // namespace nastavnik::sql
