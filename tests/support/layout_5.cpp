#include "tests/support/layout_5.h"

namespace nastavnik::testing {

static constexpr const char* kRecordPeopleWithRowids = R"sql(
DROP INDEX record_people_by_record;
ALTER TABLE record_people RENAME TO record_people_clustered;
CREATE TABLE record_people(person_id TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY(person_id, record_id));
INSERT INTO record_people SELECT person_id, record_id FROM record_people_clustered;
DROP TABLE record_people_clustered;
CREATE INDEX record_people_by_record ON record_people(record_id);
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

Status rebuild_replica_layout_5(sql::Database& db) { return db.exec(kRecordPeopleWithRowids); }

Status rebuild_central_layout_5(sql::Database& db) {
  NASTAVNIK_RETURN_IF_ERROR(db.exec(kFeedTable));
  return db.exec(kRecordPeopleWithRowids);
}

}  // namespace nastavnik::testing
