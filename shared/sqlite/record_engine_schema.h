#pragma once
// Tables of the record engine (OpApplier, RecordReader) in their current layout. The
// central store creates them from this text; the client replica reached the same layout
// through its own numbered migrations (client/store/replica_migrations.cpp), which stay
// frozen as they were released.
//
// The op log differs between the two. What the engine reads and writes is the same in
// both: hlc (unique), kind, entity, record_id, body, origin, changeset_seq, flagged,
// received_ms. The replica keys it by stamp and indexes what is still to be sealed; the
// central store keys it by its place in the pull feed (kFeedOpLogTable), so the op log
// is the feed.

namespace nastavnik::sql {

inline constexpr const char* kFeedOpLogTable = R"sql(
CREATE TABLE ops(
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  hlc TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  body TEXT NOT NULL,
  origin TEXT NOT NULL,
  changeset_seq INTEGER,
  flagged TEXT,
  received_ms INTEGER NOT NULL
);
CREATE INDEX ops_by_record ON ops(record_id);
)sql";

inline constexpr const char* kRecordTables = R"sql(
CREATE TABLE records(
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  date_key TEXT,
  pair_id TEXT,
  school_id TEXT,
  created_by TEXT,
  updated_hlc TEXT NOT NULL,
  stamps TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX records_by_entity_date ON records(entity, date_key);
CREATE INDEX records_by_entity_pair ON records(entity, pair_id);
CREATE INDEX records_by_entity_school ON records(entity, school_id);
CREATE TABLE conflicts(
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  kind TEXT NOT NULL,
  loser_hlc TEXT NOT NULL,
  winner_hlc TEXT NOT NULL,
  loser_value TEXT,
  winner_value TEXT,
  loser_author TEXT,
  winner_author TEXT,
  acknowledged INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(record_id, field, loser_hlc, winner_hlc)
);
CREATE TABLE record_people(
  person_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY(person_id, record_id)
) WITHOUT ROWID;
CREATE INDEX record_people_by_record ON record_people(record_id);
)sql";

}  // namespace nastavnik::sql
