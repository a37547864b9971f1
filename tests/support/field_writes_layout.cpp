#include "tests/support/field_writes_layout.h"

namespace nastavnik::testing {

// Column by column as record engine 4 wrote them: a field write per field of an upsert, a
// "_deleted" write per delete (base: its "_record" base), and per set element the latest
// add or remove.
static constexpr const char* kRebuild = R"sql(
CREATE TABLE field_writes(
  record_id TEXT NOT NULL, field TEXT NOT NULL, hlc TEXT NOT NULL, base TEXT, value TEXT NOT NULL, author TEXT,
  PRIMARY KEY(record_id, field, hlc));
CREATE TABLE set_elements(
  record_id TEXT NOT NULL, field TEXT NOT NULL, element TEXT NOT NULL, present INTEGER NOT NULL, hlc TEXT NOT NULL,
  PRIMARY KEY(record_id, field, element));
INSERT INTO field_writes
  SELECT o.record_id, f.key, o.hlc, json_extract(o.body, '$.b."' || f.key || '"'),
         CASE f.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null'
                     WHEN 'object' THEN f.value WHEN 'array' THEN f.value ELSE json_quote(f.value) END,
         json_extract(o.body, '$.a')
  FROM ops o, json_each(o.body, '$.f') f WHERE o.kind = 'u';
INSERT INTO field_writes
  SELECT record_id, '_deleted', hlc, json_extract(body, '$.b._record'), 'true', json_extract(body, '$.a')
  FROM ops WHERE kind = 'd';
INSERT INTO set_elements(record_id, field, element, present, hlc)
  SELECT o.record_id, s.key, e.value, c.present, o.hlc
  FROM ops o, (SELECT '$."+"' AS path, 1 AS present UNION ALL SELECT '$."-"', 0) c,
       json_each(o.body, c.path) s, json_each(s.value) e
  WHERE json_type(o.body, c.path) = 'object'
  ORDER BY o.hlc
  ON CONFLICT(record_id, field, element) DO UPDATE SET present = excluded.present, hlc = excluded.hlc
  WHERE excluded.hlc > set_elements.hlc;
ALTER TABLE records DROP COLUMN stamps;
)sql";

Status rebuild_field_writes_layout(sql::Database& db) { return db.exec(kRebuild); }

}  // namespace nastavnik::testing
