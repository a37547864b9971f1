#include "client/store/replica_migrations.h"

#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/domain/schema.h"
#include "shared/sqlite/record_people_layout.h"
#include "shared/sqlite/record_stamps_migration.h"

namespace nastavnik::replica {
namespace {

// Version 1: the op log, materialised records, field history, set elements, conflicts and
// the changeset outbox.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE ops(
  hlc TEXT PRIMARY KEY,
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
CREATE INDEX ops_unsealed ON ops(origin, changeset_seq);
CREATE TABLE records(
  id TEXT PRIMARY KEY,
  entity TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL,
  date_key TEXT,
  pair_id TEXT,
  school_id TEXT,
  created_by TEXT,
  updated_hlc TEXT NOT NULL
);
CREATE INDEX records_by_entity_date ON records(entity, date_key);
CREATE TABLE field_writes(
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hlc TEXT NOT NULL,
  base TEXT,
  value TEXT NOT NULL,
  author TEXT,
  PRIMARY KEY(record_id, field, hlc)
);
CREATE TABLE set_elements(
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  element TEXT NOT NULL,
  present INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY(record_id, field, element)
);
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
  PRIMARY KEY(record_id, field, loser_hlc, winner_hlc)
);
CREATE TABLE changesets(
  seq INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  frame BLOB NOT NULL,
  op_count INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  acked_ms INTEGER
);
)sql";

// Version 2: people index for "records of a person" (mentees, participants), faster pair
// and school lists, and acknowledgement of conflicts by the user.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE record_people(
  person_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY(person_id, record_id)
);
CREATE INDEX records_by_entity_pair ON records(entity, pair_id);
CREATE INDEX records_by_entity_school ON records(entity, school_id);
ALTER TABLE conflicts ADD COLUMN acknowledged INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 3: ops the server refused, with its reason, so the person sees what did not
// reach the municipality and why.
constexpr const char* kVersion3 = R"sql(
CREATE TABLE rejections(
  hlc TEXT PRIMARY KEY,
  record_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  acknowledged INTEGER NOT NULL DEFAULT 0
);
)sql";

// Version 4: record_people by record. Every applied op refreshes its record's people
// (DELETE ... WHERE record_id = ?); without this index that was a scan of the whole table
// per op, which made a pull of 100,000 sessions quadratic.
constexpr const char* kVersion4 = R"sql(
CREATE INDEX IF NOT EXISTS record_people_by_record ON record_people(record_id);
)sql";

// Version 7: courier bundles (client/store/courier_shelf.h). The requests this device sent
// by courier, so that only answers to them are taken; and the envelopes it carries for
// others, each once, until delivered. And scope_check: while a pull starts over because the
// device's scope changed, the records it has not yet received again (scope_transition.cpp).
constexpr const char* kVersion7 = R"sql(
CREATE TABLE courier_requests(
  hash TEXT PRIMARY KEY,
  cursor INTEGER NOT NULL,
  scope TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  answered_ms INTEGER
);
CREATE TABLE scope_check(
  record_id TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE carried_envelopes(
  digest TEXT PRIMARY KEY,
  recipient TEXT NOT NULL,
  sender TEXT NOT NULL,
  envelope TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  outcome TEXT,
  message TEXT,
  settled_ms INTEGER
);
)sql";

// Fills record_people for records written before version 2.
Status backfill_record_people(sql::Database& db) {
  auto read = db.prepare("SELECT id, entity, data FROM records");
  if (!read.ok()) return read.status();
  auto insert = db.prepare("INSERT OR IGNORE INTO record_people(person_id, record_id) VALUES(?, ?)");
  if (!insert.ok()) return insert.status();
  for (;;) {
    auto row = read->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const EntitySchema* entity = DomainSchema::instance().entity(read->text(1));
    if (!entity) continue;
    const auto data = nlohmann::json::parse(read->text(2), nullptr, false);
    if (!data.is_object()) return Status::Corruption("record " + read->text(0) + " holds damaged data");
    for (const auto& field : entity->person_fields) {
      if (!data.contains(field)) continue;
      const auto& v = data[field];
      std::vector<std::string> people;
      if (v.is_string()) people.push_back(v.get<std::string>());
      if (v.is_array())
        for (const auto& e : v)
          if (e.is_string()) people.push_back(e.get<std::string>());
      for (const auto& p : people) {
        insert->reset();
        NASTAVNIK_RETURN_IF_ERROR(insert->bind(1, p).bind(2, read->text(0)).run());
      }
    }
  }
  return Status::Ok();
}

struct Step {
  int version;
  std::function<Status(sql::Database&)> apply;
};

const std::vector<Step>& steps() {
  static const std::vector<Step> kSteps = {
      {1, [](sql::Database& db) { return db.exec(kVersion1); }},
      {2, [](sql::Database& db) {
         NASTAVNIK_RETURN_IF_ERROR(db.exec(kVersion2));
         return backfill_record_people(db);
       }},
      {3, [](sql::Database& db) { return db.exec(kVersion3); }},
      {4, [](sql::Database& db) { return db.exec(kVersion4); }},
      // Version 5: each record's row carries its fields' stamps; field_writes and
      // set_elements, which repeated what the op log holds, are gone (about half the file).
      {5, [](sql::Database& db) { return sql::move_field_writes_into_records(db); }},
      // Version 6: record_people clustered on its key, no longer stored twice.
      {6, [](sql::Database& db) { return sql::cluster_record_people(db); }},
      {7, [](sql::Database& db) { return db.exec(kVersion7); }},
  };
  return kSteps;
}

}  // namespace

Result<int> replica_version(sql::Database& db) {
  NASTAVNIK_RETURN_IF_ERROR(
      db.exec("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL, applied_ms INTEGER NOT NULL)"));
  auto st = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!st.ok()) return st.status();
  auto row = st->step();
  if (!row.ok()) return row.status();
  return static_cast<int>(st->integer(0));
}

Status migrate_replica_to(sql::Database& db, int target) {
  NASTAVNIK_ASSIGN_OR_RETURN(int current, replica_version(db));
  if (current > kLatestReplicaVersion)
    return Status::FailedPrecondition("the replica was written by a newer Nastavnik (schema " +
                                      std::to_string(current) + "); please update the program");
  for (const auto& step : steps()) {
    if (step.version <= current || step.version > target) continue;
    sql::Transaction tx(db);
    NASTAVNIK_RETURN_IF_ERROR(tx.begin());
    NASTAVNIK_RETURN_IF_ERROR(step.apply(db).with_context("migration to replica schema " + std::to_string(step.version)));
    auto ins = db.prepare("INSERT INTO schema_version(version, applied_ms) VALUES(?, CAST(strftime('%s','now') AS INTEGER) * 1000)");
    if (!ins.ok()) return ins.status();
    NASTAVNIK_RETURN_IF_ERROR(ins->bind(1, int64_t{step.version}).run());
    NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  }
  return Status::Ok();
}

Status migrate_replica(sql::Database& db) { return migrate_replica_to(db, kLatestReplicaVersion); }

}  // namespace nastavnik::replica
