#include "tests/support/layout_5.h"

#include <utility>
#include <vector>

#include "shared/sqlite/stored_op_body.h"

namespace nastavnik::testing {

static constexpr const char* kRecordPeopleWithRowids = R"sql(
DROP INDEX record_people_by_record;
ALTER TABLE record_people RENAME TO record_people_clustered;
CREATE TABLE record_people(person_id TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY(person_id, record_id));
INSERT INTO record_people SELECT person_id, record_id FROM record_people_clustered;
DROP TABLE record_people_clustered;
CREATE INDEX record_people_by_record ON record_people(record_id);
DROP TABLE IF EXISTS courier_requests;
DROP TABLE IF EXISTS carried_envelopes;
DROP TABLE IF EXISTS scope_check;
DELETE FROM schema_version WHERE version > 5 AND EXISTS (SELECT 1 FROM schema_version WHERE version = 5);
UPDATE schema_version SET version = 5 WHERE version > 5;
)sql";

static constexpr const char* kFeedTable = R"sql(
DROP INDEX ops_by_record;
ALTER TABLE ops RENAME TO ops_by_position;
CREATE TABLE ops(
  hlc TEXT PRIMARY KEY, kind TEXT NOT NULL, entity TEXT NOT NULL, record_id TEXT NOT NULL, body TEXT NOT NULL,
  origin TEXT NOT NULL, changeset_seq INTEGER, flagged TEXT, received_ms INTEGER NOT NULL);
CREATE INDEX ops_by_record ON ops(record_id);
CREATE INDEX ops_unsealed ON ops(origin, changeset_seq);
CREATE TABLE feed(seq INTEGER PRIMARY KEY AUTOINCREMENT, hlc TEXT NOT NULL);
INSERT INTO ops SELECT hlc, kind, entity, record_id, body, origin, changeset_seq, flagged, received_ms
  FROM ops_by_position;
INSERT INTO feed(seq, hlc) SELECT position, hlc FROM ops_by_position ORDER BY position;
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'ops_by_position')
  WHERE name = 'feed';
DROP TABLE ops_by_position;
)sql";

static Status op_bodies_as_text(sql::Database& db) {
  auto read = db.prepare("SELECT hlc, body FROM ops");
  if (!read.ok()) return read.status();
  std::vector<std::pair<std::string, std::string>> bodies;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, read->step());
    if (!row) break;
    NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(read->blob(1)));
    bodies.emplace_back(read->text(0), std::move(body));
  }
  read->reset();
  auto write = db.prepare("UPDATE ops SET body = ? WHERE hlc = ?");
  if (!write.ok()) return write.status();
  for (const auto& [hlc, body] : bodies) {
    write->reset();
    NASTAVNIK_RETURN_IF_ERROR(write->bind(1, body).bind(2, hlc).run());
  }
  return Status::Ok();
}

Status rebuild_replica_layout_5(sql::Database& db) {
  NASTAVNIK_RETURN_IF_ERROR(op_bodies_as_text(db));
  return db.exec(kRecordPeopleWithRowids);
}

Status rebuild_central_layout_5(sql::Database& db) {
  NASTAVNIK_RETURN_IF_ERROR(op_bodies_as_text(db));
  NASTAVNIK_RETURN_IF_ERROR(db.exec(kFeedTable));
  return db.exec(kRecordPeopleWithRowids);
}

}  // namespace nastavnik::testing
