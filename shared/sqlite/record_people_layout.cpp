#include "shared/sqlite/record_people_layout.h"

namespace nastavnik::sql {

Status cluster_record_people(Database& db) {
  return db.exec(R"sql(
DROP INDEX IF EXISTS record_people_by_record;
ALTER TABLE record_people RENAME TO record_people_with_rowids;
CREATE TABLE record_people(
  person_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY(person_id, record_id)
) WITHOUT ROWID;
INSERT INTO record_people(person_id, record_id)
  SELECT person_id, record_id FROM record_people_with_rowids ORDER BY person_id, record_id;
DROP TABLE record_people_with_rowids;
CREATE INDEX record_people_by_record ON record_people(record_id);
)sql");
}

}  // namespace nastavnik::sql
