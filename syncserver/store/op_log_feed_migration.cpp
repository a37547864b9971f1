#include "syncserver/store/op_log_feed_migration.h"

#include <string>

#include "shared/sqlite/record_engine_schema.h"

namespace nastavnik::server {

Status move_feed_into_op_log(sql::Database& db) {
  NASTAVNIK_RETURN_IF_ERROR(db.exec("DROP INDEX IF EXISTS ops_by_record; DROP INDEX IF EXISTS ops_unsealed; "
                                    "ALTER TABLE ops RENAME TO ops_keyed_by_stamp"));
  NASTAVNIK_RETURN_IF_ERROR(db.exec(sql::kFeedOpLogTable));
  constexpr const char* kCopy =
      "INSERT INTO ops(position, hlc, kind, entity, record_id, body, origin, changeset_seq, flagged, received_ms) "
      "SELECT f.last, o.hlc, o.kind, o.entity, o.record_id, o.body, o.origin, o.changeset_seq, o.flagged, "
      "o.received_ms FROM ops_keyed_by_stamp o LEFT JOIN (SELECT hlc, MAX(seq) AS last FROM feed GROUP BY hlc) f "
      "ON f.hlc = o.hlc ";
  NASTAVNIK_RETURN_IF_ERROR(db.exec(std::string(kCopy) + "WHERE f.last IS NOT NULL ORDER BY f.last"));
  NASTAVNIK_RETURN_IF_ERROR(db.exec(R"sql(
DELETE FROM feed_tags WHERE seq NOT IN (SELECT position FROM ops);
INSERT INTO sqlite_sequence(name, seq) SELECT 'ops', 0
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'ops');
UPDATE sqlite_sequence
  SET seq = MAX(seq, COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'feed'), 0)) WHERE name = 'ops';
)sql"));
  // Ops the old feed never held (none are expected) come after every position given out.
  NASTAVNIK_RETURN_IF_ERROR(db.exec(std::string(kCopy) + "WHERE f.last IS NULL ORDER BY o.hlc"));
  return db.exec("DROP TABLE ops_keyed_by_stamp; DROP TABLE feed");
}

}  // namespace nastavnik::server
