#include "syncserver/store/sqlite_central_store.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "shared/domain/schema.h"
#include "shared/sqlite/op_applier.h"
#include "shared/sqlite/record_engine_schema.h"
#include "shared/sqlite/record_people_layout.h"
#include "shared/sqlite/record_stamps_migration.h"
#include "shared/sqlite/superseded_ops.h"
#include "shared/sqlite/record_reader.h"
#include "shared/sqlite/stored_frame.h"
#include "shared/sqlite/stored_op_body.h"
#include "syncserver/store/changeset_batches.h"
#include "syncserver/store/op_log_feed_migration.h"
#include "syncserver/store/store_rows.h"
#include "syncserver/store/store_tables.h"

namespace nastavnik::server {
namespace fs = std::filesystem;
namespace {

using nlohmann::json;

constexpr const char* kServerTables = R"sql(
CREATE TABLE server_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE devices(
  device_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  person_id TEXT NOT NULL,
  roles TEXT NOT NULL,
  school_id TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  enrolled_ms INTEGER NOT NULL,
  revoked_ms INTEGER NOT NULL DEFAULT 0,
  last_seen_ms INTEGER NOT NULL DEFAULT 0,
  last_seq INTEGER NOT NULL DEFAULT 0,
  last_hash TEXT NOT NULL DEFAULT '',
  scope_fingerprint TEXT NOT NULL DEFAULT '',
  cursor INTEGER NOT NULL DEFAULT 0,
  snapshot_due INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE enrollment_codes(
  code_hash TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  role TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_ms INTEGER,
  device_id TEXT,
  answer TEXT
);
CREATE TABLE changesets(
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  frame BLOB NOT NULL,
  result TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  PRIMARY KEY(device_id, seq)
);
)sql";

constexpr const char* kRequestSignaturesTable = R"sql(
CREATE TABLE request_signatures(
  device_id TEXT NOT NULL,
  digest TEXT NOT NULL,
  signed_ms INTEGER NOT NULL,
  PRIMARY KEY(device_id, digest)
) WITHOUT ROWID;
CREATE INDEX request_signatures_by_time ON request_signatures(signed_ms);
)sql";

// Below this much free space on the store's disk the health check fails: a changeset may
// not fit, and the operator should know before devices are refused.
constexpr uint64_t kMinFreeDiskBytes = 1024 * 1024;

constexpr const char* kFeedTagsTable =
    "CREATE TABLE feed_tags(tag TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(tag, seq)) WITHOUT ROWID";


Device read_device(sql::Statement& st) {
  return device_from_row([&](int i) { return st.text(i); }, [&](int i) { return st.integer(i); });
}

// The highest place handed out, not the highest held: compaction may remove the newest op
// (one fed again after a newer op had superseded it), and a device that had pulled it must
// not look as if it were beyond the feed.
Result<int64_t> max_feed_seq(sql::Database& db) {
  auto st = db.prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'ops'), 0)");
  if (!st.ok()) return st.status();
  NASTAVNIK_RETURN_IF_ERROR(st->step().status());
  return st->integer(0);
}

Status increment_meta_in(sql::Database& db, const std::string& key) {
  auto st = db.prepare("INSERT INTO server_meta(key, value) VALUES(?, '1') "
                       "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
  if (!st.ok()) return st.status();
  return st->bind(1, key).run();
}

Status insert_tags(sql::Database& db, int64_t seq, const std::vector<std::string>& tags) {
  auto st = db.prepare("INSERT OR IGNORE INTO feed_tags(tag, seq) VALUES(?, ?)");
  if (!st.ok()) return st.status();
  for (const auto& tag : tags) {
    st->reset();
    NASTAVNIK_RETURN_IF_ERROR(st->bind(1, tag).bind(2, seq).run());
  }
  return Status::Ok();
}

class SqliteIngestUnit : public IngestUnit {
 public:
  SqliteIngestUnit(sql::Database& db, std::recursive_mutex& mu) : db_(db), lock_(mu), tx_(db) {}
  Status begin() { return tx_.begin(); }

  Result<std::optional<std::string>> stored_hash(const std::string& device, uint64_t seq) override {
    auto st = db_.prepare("SELECT hash FROM changesets WHERE device_id = ? AND seq = ?");
    if (!st.ok()) return st.status();
    st->bind(1, device).bind(2, static_cast<int64_t>(seq));
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    return row ? std::optional<std::string>(st->text(0)) : std::nullopt;
  }

  Result<std::optional<json>> stored_result(const std::string& device, uint64_t seq) override {
    auto st = db_.prepare("SELECT result FROM changesets WHERE device_id = ? AND seq = ?");
    if (!st.ok()) return st.status();
    st->bind(1, device).bind(2, static_cast<int64_t>(seq));
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return std::optional<json>();
    return std::optional<json>(json::parse(st->text(0), nullptr, false));
  }

  Result<std::pair<uint64_t, std::string>> chain_head(const std::string& device) override {
    auto st = db_.prepare("SELECT last_seq, last_hash FROM devices WHERE device_id = ?");
    if (!st.ok()) return st.status();
    st->bind(1, device);
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return Status::NotFound("device " + device + " is not enrolled");
    return std::make_pair(static_cast<uint64_t>(st->integer(0)), st->text(1));
  }

  Result<std::optional<Record>> record(const std::string& id) override {
    auto r = replica::ReplicaReader(db_).get(id);
    if (r.ok()) return std::optional<Record>(std::move(r).value());
    if (r.status().code() == StatusCode::kNotFound) return std::optional<Record>();
    return r.status();
  }

  Result<std::map<std::string, Hlc>> field_stamps(const std::string& id) override {
    return replica::ReplicaReader(db_).field_stamps(id);
  }

  Result<bool> has_op(const Hlc& hlc) override {
    auto st = db_.prepare("SELECT 1 FROM ops WHERE hlc = ?");
    if (!st.ok()) return st.status();
    st->bind(1, hlc.str());
    return st->step();
  }

  Result<std::optional<Record>> merge(const Op& op, uint64_t now_ms) override {
    replica::OpApplier applier(db_);
    NASTAVNIK_ASSIGN_OR_RETURN(auto outcome, applier.apply(op, replica::OpOrigin::kRemote, "", now_ms));
    if (outcome.duplicate) return std::optional<Record>();
    return std::optional<Record>(std::move(outcome.after));
  }

  Result<std::vector<std::string>> op_stamps(const std::string& record_id) override {
    auto st = db_.prepare("SELECT hlc FROM ops WHERE record_id = ? ORDER BY hlc");
    if (!st.ok()) return st.status();
    st->bind(1, record_id);
    std::vector<std::string> out;
    for (;;) {
      NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
      if (!row) return out;
      out.push_back(st->text(0));
    }
  }

  // An op merged in this unit is at the head of the feed already; one fed again moves there.
  Status append_feed(const std::string& hlc, const std::vector<std::string>& tags) override {
    auto place = db_.prepare("SELECT position FROM ops WHERE hlc = ?");
    if (!place.ok()) return place.status();
    place->bind(1, hlc);
    NASTAVNIK_ASSIGN_OR_RETURN(bool found, place->step());
    if (!found) return Status::Internal("op " + hlc + " was fed but is not in the op log");
    int64_t position = place->integer(0);
    place->reset();
    NASTAVNIK_ASSIGN_OR_RETURN(const int64_t head, max_feed_seq(db_));
    if (position != head) {
      auto drop_tags = db_.prepare("DELETE FROM feed_tags WHERE seq = ?");
      if (!drop_tags.ok()) return drop_tags.status();
      NASTAVNIK_RETURN_IF_ERROR(drop_tags->bind(1, position).run());
      position = head + 1;
      auto move = db_.prepare("UPDATE ops SET position = ? WHERE hlc = ?");
      if (!move.ok()) return move.status();
      NASTAVNIK_RETURN_IF_ERROR(move->bind(1, position).bind(2, hlc).run());
      // SQLite advances the AUTOINCREMENT counter on inserts only: without this, the place
      // could be handed out again once compaction removed the op.
      auto advance = db_.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'ops'");
      if (!advance.ok()) return advance.status();
      NASTAVNIK_RETURN_IF_ERROR(advance->bind(1, position).run());
    }
    return insert_tags(db_, position, tags);
  }

  Status increment_meta(const std::string& key) override { return increment_meta_in(db_, key); }

  Status record_changeset(const std::string& device, uint64_t seq, const std::string& hash, const std::string& frame,
                          const json& result, uint64_t now_ms) override {
    NASTAVNIK_ASSIGN_OR_RETURN(std::string stored, pack_stored_frame(frame));
    auto ins = db_.prepare("INSERT INTO changesets(device_id, seq, hash, frame, result, received_ms) VALUES(?,?,?,?,?,?)");
    if (!ins.ok()) return ins.status();
    ins->bind(1, device).bind(2, static_cast<int64_t>(seq)).bind(3, hash).bind_blob(4, stored).bind(5, result.dump())
        .bind(6, static_cast<int64_t>(now_ms));
    NASTAVNIK_RETURN_IF_ERROR(ins->run());
    auto up = db_.prepare("UPDATE devices SET last_seq = ?, last_hash = ? WHERE device_id = ?");
    if (!up.ok()) return up.status();
    return up->bind(1, static_cast<int64_t>(seq)).bind(2, hash).bind(3, device).run();
  }

  Status commit() override { return tx_.commit(); }

 private:
  sql::Database& db_;
  std::unique_lock<std::recursive_mutex> lock_;
  sql::Transaction tx_;
};

}  // namespace

Result<std::unique_ptr<SqliteCentralStore>> SqliteCentralStore::create(const fs::path& path) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto db, sql::Database::open(path, sql::Database::Mode::kCreateNew));
  std::unique_ptr<SqliteCentralStore> store(new SqliteCentralStore(std::move(db)));
  NASTAVNIK_RETURN_IF_ERROR(store->migrate());
  store->db_->track_clean_close();
  return store;
}

// A SQLite file that holds tables, but not a central store's (a device's replica, another
// program's database), is refused before anything is written to it. A file with no tables
// or only schema_version is a store whose creation was cut short: it is completed.
static Status check_is_central_store(sql::Database& db, const fs::path& path) {
  auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
  if (!st.ok()) return st.status();
  std::set<std::string> tables;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    tables.insert(st->text(0));
  }
  tables.erase("schema_version");
  if (tables.empty() || tables.count("server_meta")) return Status::Ok();
  const bool replica = tables.count("meta") && tables.count("ops");
  return Status::FailedPrecondition(path.string() + " is not a Nastavnik central store" +
                                    (replica ? " (it is a device's replica)" : "") + "; it was left untouched");
}

Result<std::unique_ptr<SqliteCentralStore>> SqliteCentralStore::open(const fs::path& path) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto db, sql::Database::open(path, sql::Database::Mode::kOpenExisting));
  NASTAVNIK_RETURN_IF_ERROR(check_is_central_store(*db, path));
  std::unique_ptr<SqliteCentralStore> store(new SqliteCentralStore(std::move(db)));
  NASTAVNIK_RETURN_IF_ERROR(store->migrate().with_context(path.string()));
  store->db_->track_clean_close();
  return store;
}

Status SqliteCentralStore::migrate() {
  NASTAVNIK_RETURN_IF_ERROR(db_->exec("PRAGMA journal_mode=WAL"));
  NASTAVNIK_RETURN_IF_ERROR(db_->exec("PRAGMA synchronous=FULL"));
  NASTAVNIK_RETURN_IF_ERROR(
      db_->exec("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL, applied_ms INTEGER NOT NULL)"));
  auto st = db_->prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!st.ok()) return st.status();
  NASTAVNIK_RETURN_IF_ERROR(st->step().status());
  const int version = static_cast<int>(st->integer(0));
  st->reset();  // a statement left running would keep the migration from dropping tables
  if (version > kCentralStoreVersion)
    return Status::FailedPrecondition("the store was written by a newer nastavnik-server; please update");
  if (version == kCentralStoreVersion) return Status::Ok();
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  if (version == 0) {  // a new store: the current layout at once
    NASTAVNIK_RETURN_IF_ERROR(db_->exec(sql::kRecordTables));
    NASTAVNIK_RETURN_IF_ERROR(db_->exec(sql::kFeedOpLogTable));
    NASTAVNIK_RETURN_IF_ERROR(db_->exec(kServerTables));
    NASTAVNIK_RETURN_IF_ERROR(db_->exec(kFeedTagsTable));
    NASTAVNIK_RETURN_IF_ERROR(db_->exec(kRequestSignaturesTable));
  } else {
    if (version < 2)
      NASTAVNIK_RETURN_IF_ERROR(
          db_->exec("CREATE INDEX IF NOT EXISTS record_people_by_record ON record_people(record_id)"));
    // The feed is tagged at open by the ingest side (FeedWriter::retag_if_policy_changed):
    // a store of version 2 has no tags yet, and its registry version starts moving.
    if (version < 3) {
      NASTAVNIK_RETURN_IF_ERROR(db_->exec(kFeedTagsTable));
      NASTAVNIK_RETURN_IF_ERROR(db_->exec("DELETE FROM server_meta WHERE key = 'feed_tag_policy'"));
      NASTAVNIK_RETURN_IF_ERROR(increment_meta_in(*db_, "registry_version"));
    }
    if (version < 4) {
      NASTAVNIK_RETURN_IF_ERROR(db_->exec("ALTER TABLE enrollment_codes ADD COLUMN answer TEXT"));
      NASTAVNIK_RETURN_IF_ERROR(db_->exec(kRequestSignaturesTable));
    }
    if (version < 5) {
      NASTAVNIK_RETURN_IF_ERROR(sql::move_field_writes_into_records(*db_));
      NASTAVNIK_RETURN_IF_ERROR(db_->exec("ALTER TABLE devices ADD COLUMN cursor INTEGER NOT NULL DEFAULT 0; "
                                          "ALTER TABLE devices ADD COLUMN snapshot_due INTEGER NOT NULL DEFAULT 0"));
    }
    if (version < 6) {
      NASTAVNIK_RETURN_IF_ERROR(move_feed_into_op_log(*db_));
      NASTAVNIK_RETURN_IF_ERROR(sql::cluster_record_people(*db_));
    }
  }
  NASTAVNIK_RETURN_IF_ERROR(db_->exec("INSERT INTO schema_version VALUES(" + std::to_string(kCentralStoreVersion) +
                                      ", CAST(strftime('%s','now') AS INTEGER) * 1000)"));
  return tx.commit();
}

Result<std::optional<Device>> SqliteCentralStore::find_device(const std::string& id) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto reader, readers_.acquire());
  auto st = reader.db().prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices WHERE device_id = ?");
  if (!st.ok()) return st.status();
  st->bind(1, id);
  NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
  if (!row) return std::optional<Device>();
  return std::optional<Device>(read_device(*st));
}

Result<std::vector<Device>> SqliteCentralStore::list_devices() {
  std::lock_guard<std::recursive_mutex> g(mu_);
  auto st = db_->prepare(std::string("SELECT ") + kDeviceColumns + " FROM devices ORDER BY enrolled_ms, device_id");
  if (!st.ok()) return st.status();
  std::vector<Device> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    out.push_back(read_device(*st));
  }
  return out;
}

Status SqliteCentralStore::save_code(const EnrollmentCode& c) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  auto st = db_->prepare("INSERT INTO enrollment_codes(code_hash, person_id, role, created_ms, expires_ms) VALUES(?,?,?,?,?)");
  if (!st.ok()) return st.status();
  return st->bind(1, c.code_hash).bind(2, c.person_id).bind(3, c.role).bind(4, static_cast<int64_t>(c.created_ms))
      .bind(5, static_cast<int64_t>(c.expires_ms)).run();
}

Result<std::optional<EnrollmentCode>> SqliteCentralStore::find_code(const std::string& code_hash) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  auto st = db_->prepare(
      "SELECT person_id, role, created_ms, expires_ms, COALESCE(device_id, '') FROM enrollment_codes "
      "WHERE code_hash = ?");
  if (!st.ok()) return st.status();
  st->bind(1, code_hash);
  NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
  if (!row) return std::optional<EnrollmentCode>();
  return std::optional<EnrollmentCode>(EnrollmentCode{code_hash, st->text(0), st->text(1),
                                                      static_cast<uint64_t>(st->integer(2)),
                                                      static_cast<uint64_t>(st->integer(3)), st->text(4)});
}

Result<json> SqliteCentralStore::redeem_code(const std::string& code_hash, const Device& d, const json& answer,
                                             uint64_t now_ms) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  auto st = db_->prepare(
      "SELECT expires_ms, used_ms, COALESCE(device_id, ''), answer, person_id FROM enrollment_codes WHERE code_hash = ?");
  if (!st.ok()) return st.status();
  st->bind(1, code_hash);
  NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
  if (!row) return Status::FailedPrecondition("the enrollment code is not known: check it or ask for a new one");
  if (!st->is_null(1)) {
    if (st->text(2) == d.id && !st->is_null(3)) {
      const json stored = json::parse(st->text(3), nullptr, false);
      if (stored.is_object()) return stored;
    }
    return Status::FailedPrecondition("the enrollment code was already used: ask the methodologist for a new one");
  }
  if (static_cast<uint64_t>(st->integer(0)) < now_ms)
    return Status::FailedPrecondition("the enrollment code has expired: ask the methodologist for a new one");
  const std::string code_person = st->text(4);
  auto known = db_->prepare("SELECT person_id FROM devices WHERE device_id = ?");
  if (!known.ok()) return known.status();
  known->bind(1, d.id);
  NASTAVNIK_ASSIGN_OR_RETURN(bool exists, known->step());
  if (exists && known->text(0) != code_person)
    return Status::FailedPrecondition(
        "this device is enrolled for another person; a laptop acts for one person: set up a new data directory "
        "for this code (the code was not used)");
  auto use = db_->prepare("UPDATE enrollment_codes SET used_ms = ?, device_id = ?, answer = ? WHERE code_hash = ?");
  if (!use.ok()) return use.status();
  NASTAVNIK_RETURN_IF_ERROR(
      use->bind(1, static_cast<int64_t>(now_ms)).bind(2, d.id).bind(3, answer.dump()).bind(4, code_hash).run());
  // A device enrolled before keeps its chain (last_seq, last_hash): its earlier changesets
  // stay accepted and it continues from there.
  auto upsert = db_->prepare(
      "INSERT INTO devices(device_id, public_key, person_id, roles, school_id, name, enrolled_ms, last_seen_ms) "
      "VALUES(?1,?2,?3,?4,?5,?6,?7,?7) ON CONFLICT(device_id) DO UPDATE SET person_id = excluded.person_id, "
      "roles = excluded.roles, school_id = excluded.school_id, name = excluded.name, "
      "enrolled_ms = excluded.enrolled_ms, revoked_ms = 0");
  if (!upsert.ok()) return upsert.status();
  NASTAVNIK_RETURN_IF_ERROR(upsert->bind(1, d.id).bind(2, d.public_key).bind(3, d.person_id)
                                .bind(4, json(d.roles).dump()).bind(5, d.school_id).bind(6, d.name)
                                .bind(7, static_cast<int64_t>(now_ms)).run());
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return answer;
}

Status SqliteCentralStore::revoke_device(const std::string& id, uint64_t now_ms) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  auto st = db_->prepare("UPDATE devices SET revoked_ms = ? WHERE device_id = ? AND revoked_ms = 0");
  if (!st.ok()) return st.status();
  NASTAVNIK_RETURN_IF_ERROR(st->bind(1, static_cast<int64_t>(now_ms)).bind(2, id).run());
  if (db_->changes() == 1) return Status::Ok();
  NASTAVNIK_ASSIGN_OR_RETURN(auto d, find_device(id));
  if (!d) return Status::NotFound("no device " + id);
  return Status::FailedPrecondition("device " + id + " is already revoked");
}

// Bookkeeping whose loss in a power cut harms nothing — a device's last-seen time and
// cursor, the digests of recent requests (a replayed request changes nothing anyway) — is
// committed without waiting for the disk: in WAL mode the next durable commit (a
// changeset's) writes it out too. Two of the three commits of a sync then cost no fsync.
class WithoutWaitingForDisk {
 public:
  explicit WithoutWaitingForDisk(sql::Database& db) : db_(db) { (void)db_.exec("PRAGMA synchronous=NORMAL"); }
  ~WithoutWaitingForDisk() { (void)db_.exec("PRAGMA synchronous=FULL"); }
  WithoutWaitingForDisk(const WithoutWaitingForDisk&) = delete;
  WithoutWaitingForDisk& operator=(const WithoutWaitingForDisk&) = delete;

 private:
  sql::Database& db_;
};

Status SqliteCentralStore::touch_device(const std::string& id, uint64_t now_ms, const std::string& fingerprint,
                                        uint64_t cursor, bool started_over) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  WithoutWaitingForDisk bookkeeping(*db_);
  auto st = db_->prepare(
      "UPDATE devices SET last_seen_ms = ?, scope_fingerprint = ?, cursor = ?, "
      "snapshot_due = CASE WHEN ? THEN 0 ELSE snapshot_due END WHERE device_id = ?");
  if (!st.ok()) return st.status();
  return st->bind(1, static_cast<int64_t>(now_ms)).bind(2, fingerprint).bind(3, static_cast<int64_t>(cursor))
      .bind(4, int64_t{started_over ? 1 : 0}).bind(5, id).run();
}

Result<bool> SqliteCentralStore::remember_request(const std::string& device, const std::string& digest,
                                                  uint64_t signed_ms, uint64_t now_ms, uint64_t window_ms) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  WithoutWaitingForDisk bookkeeping(*db_);
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  auto forget = db_->prepare("DELETE FROM request_signatures WHERE signed_ms < ?");
  if (!forget.ok()) return forget.status();
  const uint64_t horizon = now_ms > 2 * window_ms ? now_ms - 2 * window_ms : 0;
  NASTAVNIK_RETURN_IF_ERROR(forget->bind(1, static_cast<int64_t>(horizon)).run());
  auto ins = db_->prepare("INSERT OR IGNORE INTO request_signatures(device_id, digest, signed_ms) VALUES(?,?,?)");
  if (!ins.ok()) return ins.status();
  NASTAVNIK_RETURN_IF_ERROR(ins->bind(1, device).bind(2, digest).bind(3, static_cast<int64_t>(signed_ms)).run());
  const bool first_time = db_->changes() == 1;
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return first_time;
}

Status SqliteCentralStore::probe_write(uint64_t now_ms) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  struct statvfs disk {};
  const fs::path dir = db_->path().has_parent_path() ? db_->path().parent_path() : fs::path(".");
  if (::statvfs(dir.c_str(), &disk) == 0) {
    const uint64_t free_bytes = static_cast<uint64_t>(disk.f_bavail) * disk.f_frsize;
    if (free_bytes < kMinFreeDiskBytes)
      return Status::IoError("the disk holding " + db_->path().string() + " is full (" +
                             std::to_string(free_bytes / 1024) + " KiB free)");
  }
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin().with_context(db_->path().string()));
  auto st = db_->prepare(
      "INSERT INTO server_meta(key, value) VALUES('health_probe', ?) ON CONFLICT(key) DO UPDATE SET value = "
      "excluded.value");
  if (!st.ok()) return st.status().with_context(db_->path().string());
  NASTAVNIK_RETURN_IF_ERROR(st->bind(1, std::to_string(now_ms)).run().with_context(db_->path().string()));
  return tx.commit().with_context(db_->path().string());
}

Result<std::vector<Record>> SqliteCentralStore::live_records(const std::vector<std::string>& entities) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  std::vector<Record> out;
  for (const auto& entity : entities) {
    RecordQuery q;
    q.entity = entity;
    q.limit = 0;
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, replica::ReplicaReader(*db_).list(q));
    for (auto& r : rows) out.push_back(std::move(r));
  }
  return out;
}

Result<Record> SqliteCentralStore::record(const std::string& id) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  return replica::ReplicaReader(*db_).get(id);
}

Result<std::unique_ptr<IngestUnit>> SqliteCentralStore::begin_ingest() {
  auto unit = std::make_unique<SqliteIngestUnit>(*db_, mu_);
  NASTAVNIK_RETURN_IF_ERROR(unit->begin());
  return std::unique_ptr<IngestUnit>(std::move(unit));
}

// SQLite extracts the wanted fields of a record in one pass over its text, as a JSON list
// in the order asked (json_extract with several paths): much cheaper than parsing the whole
// record here.
static std::string extract_fields_sql(const std::vector<std::string>& fields) {
  std::string sql = "json_extract(r.data";
  for (const auto& f : fields) sql += ", '$.\"" + f + "\"'";
  // With a single path json_extract gives the bare SQL value; the path twice keeps the list.
  if (fields.size() == 1) sql += ", '$.\"" + fields[0] + "\"'";
  return sql + ")";
}

static std::string feed_row_sql(const std::vector<std::string>& record_fields, const char* where) {
  const std::string fields = record_fields.empty() ? "'[]'" : extract_fields_sql(record_fields);
  return "SELECT o.position, o.hlc, o.body, r.entity, r.id, " + fields +
         " FROM ops o JOIN records r ON r.id = o.record_id WHERE " + where;
}

// The rows `st` gives, at most `limit` of them (0: all).
static Result<std::vector<FeedRow>> feed_rows(sql::Statement& st, const std::vector<std::string>& record_fields,
                                              size_t limit = 0) {
  std::vector<FeedRow> out;
  while (limit == 0 || out.size() < limit) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st.step());
    if (!row) break;
    NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(st.blob(2)));
    FeedRow r{static_cast<uint64_t>(st.integer(0)), st.text(1), std::move(body), st.text(3), st.text(4), json::object()};
    const json values = json::parse(st.text(5), nullptr, false);
    for (size_t i = 0; i < record_fields.size(); ++i)
      r.record[record_fields[i]] = values.is_array() && i < values.size() ? values[i] : json();
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<FeedRow>> SqliteCentralStore::read_feed(uint64_t after, size_t max_rows,
                                                           const std::vector<std::string>& record_fields) {
  NASTAVNIK_RETURN_IF_ERROR(check_field_names(record_fields));
  NASTAVNIK_ASSIGN_OR_RETURN(auto reader, readers_.acquire());
  auto st = reader.db().prepare(feed_row_sql(record_fields, "o.position > ? ORDER BY o.position LIMIT ?"));
  if (!st.ok()) return st.status();
  st->bind(1, static_cast<int64_t>(after)).bind(2, static_cast<int64_t>(max_rows));
  return feed_rows(*st, record_fields);
}

Result<std::vector<FeedRow>> SqliteCentralStore::read_tagged_feed(uint64_t after, uint64_t through,
                                                                  const std::vector<std::string>& tags,
                                                                  size_t max_rows,
                                                                  const std::vector<std::string>& record_fields) {
  NASTAVNIK_RETURN_IF_ERROR(check_field_names(record_fields));
  NASTAVNIK_ASSIGN_OR_RETURN(auto reader, readers_.acquire());
  sql::Database& db = reader.db();
  // One read transaction: the page's queries see one commit, whatever is written meanwhile.
  NASTAVNIK_ASSIGN_OR_RETURN(auto snapshot, sql::ReadTransaction::begin(db));
  // The first max_rows rows of each tag hold the first max_rows rows of their union.
  auto tagged = db.prepare("SELECT seq FROM feed_tags WHERE tag = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?");
  if (!tagged.ok()) return tagged.status();
  std::vector<int64_t> seqs;
  for (const auto& tag : tags) {
    tagged->reset();
    tagged->bind(1, tag).bind(2, static_cast<int64_t>(after)).bind(3, static_cast<int64_t>(through))
        .bind(4, static_cast<int64_t>(max_rows));
    for (;;) {
      NASTAVNIK_ASSIGN_OR_RETURN(bool row, tagged->step());
      if (!row) break;
      seqs.push_back(tagged->integer(0));
    }
  }
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  if (seqs.size() > max_rows) seqs.resize(max_rows);
  auto st = db.prepare(feed_row_sql(record_fields, "o.position = ?"));
  if (!st.ok()) return st.status();
  std::vector<FeedRow> out;
  out.reserve(seqs.size());
  for (int64_t seq : seqs) {
    st->reset();
    st->bind(1, seq);
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, feed_rows(*st, record_fields));
    for (auto& r : rows) out.push_back(std::move(r));
  }
  return out;
}

Status SqliteCentralStore::retag_feed(const std::vector<std::string>& record_fields,
                                      const std::function<std::vector<std::string>(const FeedRow&)>& tags_of,
                                      const std::string& meta_key, const std::string& meta_value) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  NASTAVNIK_RETURN_IF_ERROR(check_field_names(record_fields));
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  NASTAVNIK_RETURN_IF_ERROR(db_->exec("DELETE FROM feed_tags"));
  auto st = db_->prepare(feed_row_sql(record_fields, "1 ORDER BY o.position"));
  if (!st.ok()) return st.status();
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, feed_rows(*st, record_fields, 1));
    if (rows.empty()) break;
    NASTAVNIK_RETURN_IF_ERROR(insert_tags(*db_, static_cast<int64_t>(rows[0].seq), tags_of(rows[0])));
  }
  auto meta = db_->prepare(
      "INSERT INTO server_meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!meta.ok()) return meta.status();
  NASTAVNIK_RETURN_IF_ERROR(meta->bind(1, meta_key).bind(2, meta_value).run());
  return tx.commit();
}

Result<CompactionReport> SqliteCentralStore::compact(uint64_t through) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  CompactionReport report;
  report.through = through;
  NASTAVNIK_ASSIGN_OR_RETURN(auto superseded, sql::superseded_ops(*db_));
  auto place = db_->prepare("SELECT position FROM ops WHERE hlc = ?");
  auto drop_tags = db_->prepare("DELETE FROM feed_tags WHERE seq = ?");
  if (!place.ok()) return place.status();
  if (!drop_tags.ok()) return drop_tags.status();
  std::vector<std::string> gone;
  for (const auto& hlc : superseded) {
    place->reset();
    place->bind(1, hlc);
    NASTAVNIK_ASSIGN_OR_RETURN(bool found, place->step());
    if (!found || place->integer(0) > static_cast<int64_t>(through)) continue;
    drop_tags->reset();
    NASTAVNIK_RETURN_IF_ERROR(drop_tags->bind(1, place->integer(0)).run());
    gone.push_back(hlc);
  }
  place->reset();
  NASTAVNIK_RETURN_IF_ERROR(sql::delete_ops(*db_, gone));
  report.ops_removed = static_cast<int64_t>(gone.size());
  auto due = db_->prepare("UPDATE devices SET snapshot_due = 1 WHERE cursor > 0 AND cursor < ?");
  if (!due.ok()) return due.status();
  NASTAVNIK_RETURN_IF_ERROR(due->bind(1, static_cast<int64_t>(through)).run());
  NASTAVNIK_ASSIGN_OR_RETURN(auto before, meta(kCompactionPointKey));
  if (!before || std::stoull(*before) < through)
    NASTAVNIK_RETURN_IF_ERROR(set_meta(kCompactionPointKey, std::to_string(through)));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return report;
}

Status SqliteCentralStore::for_each_changeset(uint64_t from_ms, uint64_t before_ms,
                                              const std::function<Status(const ArchivedChangeset&)>& each) {
  constexpr int64_t kBatch = 200;
  return for_each_in_batches(kBatch, [&](int64_t after) -> Result<ChangesetBatch> {
    std::lock_guard<std::recursive_mutex> g(mu_);
    auto st = db_->prepare(
        "SELECT rowid, device_id, seq, hash, received_ms, frame FROM changesets WHERE rowid > ? AND "
        "received_ms >= ? AND received_ms < ? AND length(frame) > 0 ORDER BY rowid LIMIT ?");
    if (!st.ok()) return st.status();
    const auto as_sql = [](uint64_t ms) { return static_cast<int64_t>(std::min<uint64_t>(ms, INT64_MAX)); };
    st->bind(1, after).bind(2, as_sql(from_ms)).bind(3, as_sql(before_ms)).bind(4, kBatch);
    ChangesetBatch batch;
    for (;;) {
      NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
      if (!row) return batch;
      auto frame = unpack_stored_frame(st->blob(5));
      if (!frame.ok())
        return frame.status().with_context("changeset " + std::to_string(st->integer(2)) + " of device " + st->text(1));
      batch.push_back({st->integer(0), ArchivedChangeset{st->text(1), static_cast<uint64_t>(st->integer(2)),
                                                         st->text(3), static_cast<uint64_t>(st->integer(4)),
                                                         std::move(frame).value()}});
    }
  }, each);
}

Result<int64_t> SqliteCentralStore::drop_changeset_frames(const std::vector<ArchivedChangeset>& archived) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  auto kept = db_->prepare("SELECT frame FROM changesets WHERE device_id = ? AND seq = ? AND length(frame) > 0");
  auto drop = db_->prepare("UPDATE changesets SET frame = x'' WHERE device_id = ? AND seq = ?");
  if (!kept.ok()) return kept.status();
  if (!drop.ok()) return drop.status();
  int64_t dropped = 0;
  for (const auto& cs : archived) {
    // Only a frame the archive holds byte for byte leaves the store.
    kept->reset();
    kept->bind(1, cs.device).bind(2, static_cast<int64_t>(cs.seq));
    NASTAVNIK_ASSIGN_OR_RETURN(bool found, kept->step());
    if (!found) continue;
    NASTAVNIK_ASSIGN_OR_RETURN(std::string frame, unpack_stored_frame(kept->blob(0)));
    if (frame != cs.frame) continue;
    drop->reset();
    NASTAVNIK_RETURN_IF_ERROR(drop->bind(1, cs.device).bind(2, static_cast<int64_t>(cs.seq)).run());
    dropped += db_->changes();
  }
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return dropped;
}

Result<uint64_t> SqliteCentralStore::feed_head() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto reader, readers_.acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(int64_t head, max_feed_seq(reader.db()));
  return static_cast<uint64_t>(head);
}

Result<StoreStats> SqliteCentralStore::stats() {
  std::lock_guard<std::recursive_mutex> g(mu_);
  StoreStats s;
  auto scalar = [&](const char* sql, int64_t& out) -> Status {
    auto st = db_->prepare(sql);
    if (!st.ok()) return st.status();
    NASTAVNIK_RETURN_IF_ERROR(st->step().status());
    out = st->integer(0);
    return Status::Ok();
  };
  NASTAVNIK_RETURN_IF_ERROR(scalar("SELECT COUNT(*) FROM devices", s.devices));
  NASTAVNIK_RETURN_IF_ERROR(scalar("SELECT COUNT(*) FROM devices WHERE revoked_ms = 0", s.active_devices));
  NASTAVNIK_RETURN_IF_ERROR(scalar("SELECT COUNT(*) FROM changesets", s.changesets));
  NASTAVNIK_RETURN_IF_ERROR(scalar("SELECT COUNT(*) FROM ops", s.ops));
  NASTAVNIK_RETURN_IF_ERROR(scalar("SELECT COUNT(*) FROM conflicts", s.conflicts));
  auto st = db_->prepare("SELECT entity, COUNT(*) FROM records WHERE deleted = 0 GROUP BY entity ORDER BY entity");
  if (!st.ok()) return st.status();
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    s.records_by_entity.emplace_back(st->text(0), st->integer(1));
  }
  return s;
}

Result<std::optional<std::string>> SqliteCentralStore::meta(const std::string& key) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  auto st = db_->prepare("SELECT value FROM server_meta WHERE key = ?");
  if (!st.ok()) return st.status();
  st->bind(1, key);
  NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
  return row ? std::optional<std::string>(st->text(0)) : std::nullopt;
}

Status SqliteCentralStore::set_meta(const std::string& key, const std::string& value) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  auto st = db_->prepare("INSERT INTO server_meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!st.ok()) return st.status();
  return st->bind(1, key).bind(2, value).run();
}

static std::string column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

Status SqliteCentralStore::export_table(const std::string& table,
                                        const std::function<Status(const TableChunk&)>& each) {
  const StoreTable* t = store_table(table);
  if (!t) return Status::InvalidArgument("no store table " + table);
  std::lock_guard<std::recursive_mutex> g(mu_);
  NASTAVNIK_ASSIGN_OR_RETURN(auto snapshot, sql::ReadTransaction::begin(*db_));
  auto st = db_->prepare("SELECT " + column_list(t->columns) + " FROM " + t->name + " ORDER BY " +
                         (t->order_by.empty() ? "rowid" : t->order_by));
  if (!st.ok()) return st.status();
  constexpr size_t kChunk = 1000;
  TableChunk chunk{t->name, t->columns, {}};
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (row) {
      std::vector<std::optional<std::string>> values;
      for (size_t c = 0; c < t->columns.size(); ++c) {
        const int col = static_cast<int>(c);
        if (st->is_null(col)) values.push_back(std::nullopt);
        else values.push_back(t->is_binary(t->columns[c]) ? st->blob(col) : st->text(col));
      }
      chunk.rows.push_back(std::move(values));
    }
    if (!chunk.rows.empty() && (!row || chunk.rows.size() == kChunk)) {
      NASTAVNIK_RETURN_IF_ERROR(each(chunk));
      chunk.rows.clear();
    }
    if (!row) return Status::Ok();
  }
}

Status SqliteCentralStore::import_rows(const TableChunk& chunk) {
  const StoreTable* t = store_table(chunk.table);
  if (!t) return Status::InvalidArgument("no store table " + chunk.table);
  std::lock_guard<std::recursive_mutex> g(mu_);
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  std::string marks;
  for (size_t c = 0; c < chunk.columns.size(); ++c) marks += c ? ", ?" : "?";
  auto ins = db_->prepare("INSERT INTO " + t->name + "(" + column_list(chunk.columns) + ") VALUES(" + marks + ")");
  if (!ins.ok()) return ins.status();
  for (const auto& row : chunk.rows) {
    ins->reset();
    for (size_t c = 0; c < chunk.columns.size(); ++c) {
      const int i = static_cast<int>(c + 1);
      if (!row[c]) ins->bind_null(i);
      else if (t->is_binary(chunk.columns[c])) ins->bind_blob(i, *row[c]);
      else ins->bind(i, *row[c]);
    }
    NASTAVNIK_RETURN_IF_ERROR(ins->run());
  }
  return tx.commit();
}

Status SqliteCentralStore::set_feed_head(uint64_t head) {
  std::lock_guard<std::recursive_mutex> g(mu_);
  NASTAVNIK_ASSIGN_OR_RETURN(const int64_t before, max_feed_seq(*db_));
  if (static_cast<int64_t>(head) <= before) return Status::Ok();
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  auto drop = db_->prepare("DELETE FROM sqlite_sequence WHERE name = 'ops'");
  if (!drop.ok()) return drop.status();
  NASTAVNIK_RETURN_IF_ERROR(drop->run());
  auto set = db_->prepare("INSERT INTO sqlite_sequence(name, seq) VALUES('ops', ?)");
  if (!set.ok()) return set.status();
  NASTAVNIK_RETURN_IF_ERROR(set->bind(1, static_cast<int64_t>(head)).run());
  return tx.commit();
}

}  // namespace nastavnik::server
