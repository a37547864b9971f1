#include "shared/sqlite/record_reader.h"

#include <map>

#include "shared/domain/schema.h"
#include "shared/records/record_merge.h"

namespace nastavnik::replica {
namespace {

using nlohmann::json;

// WHERE clause and its bound values for a query.
struct Filter {
  std::string where;
  std::vector<std::string> args;
};

Filter build_filter(const RecordQuery& q) {
  Filter f{"r.entity = ?", {q.entity}};
  if (!q.include_deleted) f.where += " AND r.deleted = 0";
  if (!q.pair_id.empty()) { f.where += " AND r.pair_id = ?"; f.args.push_back(q.pair_id); }
  if (!q.school_id.empty()) { f.where += " AND r.school_id = ?"; f.args.push_back(q.school_id); }
  if (!q.date_from.empty()) { f.where += " AND r.date_key >= ?"; f.args.push_back(q.date_from); }
  if (!q.date_to.empty()) { f.where += " AND r.date_key <= ?"; f.args.push_back(q.date_to); }
  if (!q.person_id.empty()) {
    f.where += " AND r.id IN (SELECT record_id FROM record_people WHERE person_id = ?)";
    f.args.push_back(q.person_id);
  }
  return f;
}

Result<Record> read_row(sql::Statement& st) {
  Record r;
  r.id = st.text(0);
  r.entity = st.text(1);
  r.deleted = st.integer(2) != 0;
  r.data = json::parse(st.text(3), nullptr, false);
  r.updated_hlc = st.text(4);
  if (r.data.is_discarded()) return Status::Corruption("record " + r.id + " holds damaged data");
  return r;
}

}  // namespace

Result<Record> ReplicaReader::get(const std::string& id) const {
  auto st = db_.prepare("SELECT id, entity, deleted, data, updated_hlc FROM records WHERE id = ?");
  if (!st.ok()) return st.status();
  st->bind(1, id);
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  if (!found) return Status::NotFound("no record with id " + id);
  return read_row(*st);
}

Result<std::vector<Record>> ReplicaReader::list(const RecordQuery& q) const {
  const Filter f = build_filter(q);
  std::string sql = "SELECT r.id, r.entity, r.deleted, r.data, r.updated_hlc FROM records r WHERE " +
                    f.where + " ORDER BY r.date_key DESC, r.id";
  if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit) + " OFFSET " + std::to_string(std::max<int64_t>(0, q.offset));
  auto st = db_.prepare(sql);
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < f.args.size(); ++i) st->bind(static_cast<int>(i + 1), f.args[i]);
  std::vector<Record> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    NASTAVNIK_ASSIGN_OR_RETURN(Record r, read_row(*st));
    out.push_back(std::move(r));
  }
  return out;
}

Result<int64_t> ReplicaReader::count(const RecordQuery& q) const {
  const Filter f = build_filter(q);
  auto st = db_.prepare("SELECT COUNT(*) FROM records r WHERE " + f.where);
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < f.args.size(); ++i) st->bind(static_cast<int>(i + 1), f.args[i]);
  NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
  return row ? st->integer(0) : 0;
}

Result<std::vector<ConflictRecord>> ReplicaReader::conflicts(bool include_acknowledged) const {
  std::string sql =
      "SELECT c.record_id, COALESCE(r.entity, ''), c.field, c.kind, c.loser_hlc, c.winner_hlc, c.loser_value, "
      "c.winner_value, c.loser_author, c.winner_author, c.acknowledged FROM conflicts c "
      "LEFT JOIN records r ON r.id = c.record_id";
  if (!include_acknowledged) sql += " WHERE c.acknowledged = 0";
  sql += " ORDER BY c.winner_hlc, c.record_id, c.field, c.loser_hlc";
  auto st = db_.prepare(sql);
  if (!st.ok()) return st.status();
  std::vector<ConflictRecord> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    ConflictRecord c;
    c.record_id = st->text(0);
    c.entity = st->text(1);
    c.field = st->text(2);
    c.kind = st->text(3);
    c.loser_hlc = st->text(4);
    c.winner_hlc = st->text(5);
    c.loser_value = json::parse(st->text(6), nullptr, false);
    c.winner_value = json::parse(st->text(7), nullptr, false);
    c.loser_author = st->text(8);
    c.winner_author = st->text(9);
    c.acknowledged = st->integer(10) != 0;
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::map<std::string, Hlc>> ReplicaReader::field_stamps(const std::string& id) const {
  auto st = db_.prepare("SELECT entity, data, stamps FROM records WHERE id = ?");
  if (!st.ok()) return st.status();
  st->bind(1, id);
  NASTAVNIK_ASSIGN_OR_RETURN(bool found, st->step());
  if (!found) return std::map<std::string, Hlc>();
  return current_field_stamps(id, StoredRecordText{st->text(0), false, st->text(1), st->text(2), ""});
}

}  // namespace nastavnik::replica
