#include "syncserver/store/postgres_central_store.h"

#include <algorithm>
#include <map>

#include "shared/records/record_merge.h"
#include "shared/sqlite/stored_frame.h"
#include "shared/sqlite/stored_op_body.h"
#include "syncserver/store/changeset_batches.h"
#include "syncserver/store/postgres_schema.h"
#include "syncserver/store/store_rows.h"
#include "syncserver/store/sqlite_central_store.h"
#include "syncserver/store/store_tables.h"

namespace nastavnik::server {
namespace {

using nlohmann::json;
using pg::Param;

int64_t as_sql(uint64_t v) { return static_cast<int64_t>(std::min<uint64_t>(v, INT64_MAX)); }
Param u64(uint64_t v) { return pg::integer(as_sql(v)); }

// A PostgreSQL array literal of texts, for `= ANY($1)` and unnest: every element quoted.
std::string array_literal(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::string array_literal(const std::vector<int64_t>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + std::to_string(values[i]);
  return out + "}";
}

Device read_device(const pg::Rows& rows, int row) {
  return device_from_row([&](int i) { return rows.text(row, i); }, [&](int i) { return rows.integer(row, i); });
}

Result<Record> read_record(const pg::Rows& rows, int i) {
  Record r;
  r.id = rows.text(i, 0);
  r.entity = rows.text(i, 1);
  r.deleted = rows.integer(i, 2) != 0;
  r.data = json::parse(rows.text(i, 3), nullptr, false);
  r.updated_hlc = rows.text(i, 4);
  if (r.data.is_discarded()) return Status::Corruption("record " + r.id + " holds damaged data");
  return r;
}

Status lock_feed(pg::Connection& conn) {
  return conn.query("SELECT pg_advisory_xact_lock($1)", {pg::integer(pgsql::kFeedLock)}).status();
}

Status increment_meta_in(pg::Connection& conn, const std::string& key) {
  return conn
      .query("INSERT INTO server_meta(key, value) VALUES($1, '1') ON CONFLICT(key) DO UPDATE SET value = "
             "(CAST(server_meta.value AS BIGINT) + 1)::text",
             {pg::text(key)})
      .status();
}

Status set_meta_in(pg::Connection& conn, const std::string& key, const std::string& value) {
  return conn
      .query("INSERT INTO server_meta(key, value) VALUES($1, $2) ON CONFLICT(key) DO UPDATE SET value = "
             "EXCLUDED.value",
             {pg::text(key), pg::text(value)})
      .status();
}

Status insert_tags(pg::Connection& conn, int64_t seq, const std::vector<std::string>& tags) {
  if (tags.empty()) return Status::Ok();
  return conn
      .query("INSERT INTO feed_tags(tag, seq) SELECT t, $2 FROM unnest($1::text[]) AS t ON CONFLICT DO NOTHING",
             {pg::text(array_literal(tags)), pg::integer(seq)})
      .status();
}

Result<int64_t> hand_out_position(pg::Connection& conn) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn.query("UPDATE feed_counter SET handed_out = handed_out + 1 "
                                                   "RETURNING handed_out"));
  if (rows.empty()) return Status::Corruption("the store's feed counter is missing");
  return rows.integer(0, 0);
}

// The record's wanted fields as one JSON list in the order asked, its text parsed once.
std::string feed_row_sql(const std::vector<std::string>& record_fields, const std::string& where) {
  std::string fields = "'[]'";
  if (!record_fields.empty()) {
    fields = "json_build_array(";
    for (size_t i = 0; i < record_fields.size(); ++i) fields += (i ? ", " : "") + ("d.j -> '" + record_fields[i] + "'");
    fields += ")::text";
  }
  return "SELECT o.position, o.hlc, o.body, r.entity, r.id, " + fields +
         " FROM ops o JOIN records r ON r.id = o.record_id CROSS JOIN LATERAL (SELECT r.data::json AS j) d WHERE " +
         where;
}

Result<std::vector<FeedRow>> feed_rows(const pg::Rows& rows, const std::vector<std::string>& record_fields) {
  std::vector<FeedRow> out;
  out.reserve(static_cast<size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(rows.bytes(i, 2)));
    FeedRow r{static_cast<uint64_t>(rows.integer(i, 0)), rows.text(i, 1), std::move(body), rows.text(i, 3),
              rows.text(i, 4), json::object()};
    const json values = json::parse(rows.text(i, 5), nullptr, false);
    for (size_t f = 0; f < record_fields.size(); ++f)
      r.record[record_fields[f]] = values.is_array() && f < values.size() ? values[f] : json();
    out.push_back(std::move(r));
  }
  return out;
}

class PostgresIngestUnit : public IngestUnit, private replica::RecordEngineStorage {
 public:
  explicit PostgresIngestUnit(pg::Pool::Lease conn) : conn_(std::move(conn)), tx_(*conn_) {}

  Status begin() {
    NASTAVNIK_RETURN_IF_ERROR(tx_.begin());
    return lock_feed(*conn_);
  }

  Result<std::optional<std::string>> stored_hash(const std::string& device, uint64_t seq) override {
    NASTAVNIK_ASSIGN_OR_RETURN(
        auto rows, conn_->query("SELECT hash FROM changesets WHERE device_id = $1 AND seq = $2", {pg::text(device), u64(seq)}));
    return rows.empty() ? std::nullopt : std::optional<std::string>(rows.text(0, 0));
  }

  Result<std::optional<json>> stored_result(const std::string& device, uint64_t seq) override {
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn_->query("SELECT result FROM changesets WHERE device_id = $1 AND seq = $2",
                                                       {pg::text(device), u64(seq)}));
    if (rows.empty()) return std::optional<json>();
    return std::optional<json>(json::parse(rows.text(0, 0), nullptr, false));
  }

  Result<std::pair<uint64_t, std::string>> chain_head(const std::string& device) override {
    NASTAVNIK_ASSIGN_OR_RETURN(
        auto rows, conn_->query("SELECT last_seq, last_hash FROM devices WHERE device_id = $1", {pg::text(device)}));
    if (rows.empty()) return Status::NotFound("device " + device + " is not enrolled");
    return std::make_pair(static_cast<uint64_t>(rows.integer(0, 0)), rows.text(0, 1));
  }

  // The record as it is; its row is kept for the merge that usually follows (one round trip
  // to the database less per op).
  Result<std::optional<Record>> record(const std::string& id) override {
    NASTAVNIK_ASSIGN_OR_RETURN(auto stored, load_record(id));
    read_ahead_ = {id, stored};
    if (!stored) return std::optional<Record>();
    Record r{id, stored->entity, stored->deleted, json::parse(stored->data, nullptr, false), stored->updated_hlc};
    if (r.data.is_discarded()) return Status::Corruption("record " + id + " holds damaged data");
    return std::optional<Record>(std::move(r));
  }

  Result<std::map<std::string, Hlc>> field_stamps(const std::string& id) override {
    NASTAVNIK_ASSIGN_OR_RETURN(auto stored, load_record(id));
    if (!stored) return std::map<std::string, Hlc>();
    return replica::current_field_stamps(id, *stored);
  }

  Result<bool> has_op(const Hlc& hlc) override {
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn_->query("SELECT 1 FROM ops WHERE hlc = $1", {pg::text(hlc.str())}));
    return !rows.empty();
  }

  Result<std::optional<Record>> merge(const Op& op, uint64_t now_ms) override {
    NASTAVNIK_ASSIGN_OR_RETURN(auto outcome, replica::merge_op(*this, op, replica::OpOrigin::kRemote, "", now_ms));
    if (outcome.duplicate) return std::optional<Record>();
    return std::optional<Record>(std::move(outcome.after));
  }

  Result<std::vector<std::string>> op_stamps(const std::string& record_id) override {
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows,
                               conn_->query("SELECT hlc FROM ops WHERE record_id = $1 ORDER BY hlc", {pg::text(record_id)}));
    std::vector<std::string> out;
    for (int i = 0; i < rows.size(); ++i) out.push_back(rows.text(i, 0));
    return out;
  }

  Status append_feed(const std::string& hlc, const std::vector<std::string>& tags) override {
    // The op merged last is at the head: nothing was handed out since (the feed lock).
    if (head_op_ && head_op_->first == hlc) {
      const int64_t position = head_op_->second;
      head_op_.reset();
      return insert_tags(*conn_, position, tags);
    }
    head_op_.reset();
    NASTAVNIK_ASSIGN_OR_RETURN(auto place, conn_->query("SELECT o.position, c.handed_out FROM ops o, feed_counter c "
                                                        "WHERE o.hlc = $1",
                                                        {pg::text(hlc)}));
    if (place.empty()) return Status::Internal("op " + hlc + " was fed but is not in the op log");
    int64_t position = place.integer(0, 0);
    if (position != place.integer(0, 1)) {
      NASTAVNIK_RETURN_IF_ERROR(conn_->query("DELETE FROM feed_tags WHERE seq = $1", {pg::integer(position)}).status());
      NASTAVNIK_ASSIGN_OR_RETURN(position, hand_out_position(*conn_));
      NASTAVNIK_RETURN_IF_ERROR(
          conn_->query("UPDATE ops SET position = $1 WHERE hlc = $2", {pg::integer(position), pg::text(hlc)}).status());
    }
    return insert_tags(*conn_, position, tags);
  }

  Status increment_meta(const std::string& key) override { return increment_meta_in(*conn_, key); }

  Status record_changeset(const std::string& device, uint64_t seq, const std::string& hash, const std::string& frame,
                          const json& result, uint64_t now_ms) override {
    NASTAVNIK_ASSIGN_OR_RETURN(std::string stored, pack_stored_frame(frame));
    NASTAVNIK_RETURN_IF_ERROR(
        conn_->query("INSERT INTO changesets(device_id, seq, hash, frame, result, received_ms) VALUES($1,$2,$3,$4,$5,$6)",
                     {pg::text(device), u64(seq), pg::text(hash), pg::bytes(stored), pg::text(result.dump()),
                      u64(now_ms)})
            .status());
    return conn_
        ->query("UPDATE devices SET last_seq = $1, last_hash = $2 WHERE device_id = $3",
                {u64(seq), pg::text(hash), pg::text(device)})
        .status();
  }

  Status commit() override { return tx_.commit(); }

 private:
  // RecordEngineStorage: what the merge reads and writes.
  Result<std::optional<std::string>> op_body(const std::string& hlc) override {
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn_->query("SELECT body FROM ops WHERE hlc = $1", {pg::text(hlc)}));
    if (rows.empty()) return std::optional<std::string>();
    NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(rows.bytes(0, 0)));
    return std::optional<std::string>(std::move(body));
  }

  Result<std::optional<replica::StoredRecordText>> load_record(const std::string& id) override {
    if (read_ahead_ && read_ahead_->first == id) {
      auto stored = std::move(read_ahead_->second);
      read_ahead_.reset();
      return stored;
    }
    NASTAVNIK_ASSIGN_OR_RETURN(
        auto rows,
        conn_->query("SELECT entity, deleted, data, stamps, updated_hlc FROM records WHERE id = $1", {pg::text(id)}));
    if (rows.empty()) return std::optional<replica::StoredRecordText>();
    return std::optional<replica::StoredRecordText>(replica::StoredRecordText{
        rows.text(0, 0), rows.integer(0, 1) != 0, rows.text(0, 2), rows.text(0, 3), rows.text(0, 4)});
  }

  Result<std::vector<std::string>> record_op_bodies(const std::string& record_id) override {
    NASTAVNIK_ASSIGN_OR_RETURN(
        auto rows, conn_->query("SELECT body FROM ops WHERE record_id = $1 ORDER BY hlc", {pg::text(record_id)}));
    std::vector<std::string> out;
    for (int i = 0; i < rows.size(); ++i) {
      NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(rows.bytes(i, 0)));
      out.push_back(std::move(body));
    }
    return out;
  }

  Status log_op(const Op& op, const std::string& body, replica::OpOrigin origin, const std::string& flag,
                uint64_t now_ms) override {
    NASTAVNIK_ASSIGN_OR_RETURN(std::string stored, pack_op_body(body));
    // The op takes the next place in the feed in the same statement (one round trip).
    auto placed = conn_->query(
        "WITH place AS (UPDATE feed_counter SET handed_out = handed_out + 1 RETURNING handed_out) "
        "INSERT INTO ops(position, hlc, kind, entity, record_id, body, origin, flagged, received_ms) "
        "SELECT place.handed_out, $1::text, $2::text, $3::text, $4::text, $5::bytea, $6::text, $7::text, "
        "$8::bigint FROM place RETURNING position",
        {pg::text(op.hlc.str()), pg::text(op.kind == OpKind::kDelete ? "d" : "u"), pg::text(op.entity),
         pg::text(op.id), pg::bytes(stored), pg::text(origin == replica::OpOrigin::kLocal ? "local" : "remote"),
         flag.empty() ? pg::null() : pg::text(flag), u64(now_ms)});
    if (!placed.ok()) return placed.status();
    head_op_ = {op.hlc.str(), placed->integer(0, 0)};
    return Status::Ok();
  }

  Status insert_conflict(const replica::ConflictRow& c) override {
    return conn_
        ->query("INSERT INTO conflicts(record_id, field, kind, loser_hlc, winner_hlc, loser_value, winner_value, "
                "loser_author, winner_author) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING",
                {pg::text(c.record_id), pg::text(c.field), pg::text(c.kind), pg::text(c.loser_hlc),
                 pg::text(c.winner_hlc), pg::text(c.loser_value), pg::text(c.winner_value), pg::text(c.loser_author),
                 pg::text(c.winner_author)})
        .status();
  }

  Status write_record(const replica::RecordRowWrite& w) override {
    read_ahead_.reset();
    NASTAVNIK_RETURN_IF_ERROR(
        conn_
            ->query("INSERT INTO records(id, entity, deleted, data, date_key, pair_id, school_id, created_by, "
                    "updated_hlc, stamps) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT(id) DO UPDATE SET "
                    "deleted = $3, data = $4, date_key = $5, pair_id = $6, school_id = $7, created_by = $8, "
                    "updated_hlc = $9, stamps = $10",
                    {pg::text(w.id), pg::text(w.entity), pg::integer(w.deleted ? 1 : 0), pg::text(w.data),
                     pg::maybe_text(w.date_key), pg::maybe_text(w.pair_id), pg::maybe_text(w.school_id),
                     pg::maybe_text(w.created_by), pg::text(w.updated_hlc), pg::text(w.stamps)})
            .status());
    if (w.existed)
      NASTAVNIK_RETURN_IF_ERROR(conn_->query("DELETE FROM record_people WHERE record_id = $1", {pg::text(w.id)}).status());
    if (w.people.empty()) return Status::Ok();
    return conn_
        ->query("INSERT INTO record_people(person_id, record_id) SELECT p, $2 FROM unnest($1::text[]) AS p "
                "ON CONFLICT DO NOTHING",
                {pg::text(array_literal(w.people)), pg::text(w.id)})
        .status();
  }

  pg::Pool::Lease conn_;
  pg::Transaction tx_;
  // Read by record() for the merge that follows it (cleared by any write of a record).
  std::optional<std::pair<std::string, std::optional<replica::StoredRecordText>>> read_ahead_;
  // The op log_op placed last, and its place.
  std::optional<std::pair<std::string, int64_t>> head_op_;
};

// Tables the store must hold for a database to be taken for one (a database holding other
// tables and not these is someone else's and is never written to).
Result<bool> holds_store(pg::Connection& conn) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn.query("SELECT to_regclass('schema_version') IS NOT NULL, "
                                                   "to_regclass('server_meta') IS NOT NULL"));
  if (rows.text(0, 0) == "t" && rows.text(0, 1) != "t")
    return Status::FailedPrecondition("the database holds a schema_version table but no Nastavnik central store");
  return rows.text(0, 0) == "t";
}

}  // namespace

Result<std::unique_ptr<PostgresCentralStore>> PostgresCentralStore::create(const std::string& uri) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto pool, pg::Pool::open(uri, kConnections));
  {
    NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool->acquire());
    NASTAVNIK_ASSIGN_OR_RETURN(bool exists, holds_store(*conn));
    if (exists) return Status::FailedPrecondition("a Nastavnik store exists in this database already");
    pg::Transaction tx(*conn);
    NASTAVNIK_RETURN_IF_ERROR(tx.begin());
    NASTAVNIK_RETURN_IF_ERROR(conn->exec(pgsql::kTables));
    NASTAVNIK_RETURN_IF_ERROR(conn->query("INSERT INTO schema_version VALUES($1, $2)",
                                          {pg::integer(kCentralStoreVersion), u64(system_wall_clock_ms())})
                                  .status());
    NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  }
  return std::unique_ptr<PostgresCentralStore>(new PostgresCentralStore(std::move(pool)));
}

Result<std::unique_ptr<PostgresCentralStore>> PostgresCentralStore::open(const std::string& uri) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto pool, pg::Pool::open(uri, kConnections));
  std::unique_ptr<PostgresCentralStore> store(new PostgresCentralStore(std::move(pool)));
  NASTAVNIK_RETURN_IF_ERROR(store->migrate());
  return store;
}

// The PostgreSQL layout starts at central store version 6; later versions migrate here in
// one transaction, as the SQLite store does.
Status PostgresCentralStore::migrate() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(bool exists, holds_store(*conn));
  if (!exists) return Status::NotFound("the database holds no Nastavnik store");
  NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  const int64_t version = rows.integer(0, 0);
  if (version > kCentralStoreVersion)
    return Status::FailedPrecondition("the store was written by a newer nastavnik-server; please update");
  if (version < kCentralStoreVersion)
    return Status::Corruption("the store's layout version " + std::to_string(version) +
                              " was never written by a PostgreSQL nastavnik-server");
  return Status::Ok();
}

Result<std::optional<Device>> PostgresCentralStore::find_device(const std::string& id) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query(std::string("SELECT ") + kDeviceColumns +
                                                        " FROM devices WHERE device_id = $1",
                                                    {pg::text(id)}));
  if (rows.empty()) return std::optional<Device>();
  return std::optional<Device>(read_device(rows, 0));
}

Result<std::vector<Device>> PostgresCentralStore::list_devices() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(
      auto rows, conn->query(std::string("SELECT ") + kDeviceColumns + " FROM devices ORDER BY enrolled_ms, device_id"));
  std::vector<Device> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(read_device(rows, i));
  return out;
}

Status PostgresCentralStore::save_code(const EnrollmentCode& c) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  return conn
      ->query("INSERT INTO enrollment_codes(code_hash, person_id, role, created_ms, expires_ms) VALUES($1,$2,$3,$4,$5)",
              {pg::text(c.code_hash), pg::text(c.person_id), pg::text(c.role), u64(c.created_ms), u64(c.expires_ms)})
      .status();
}

Result<std::optional<EnrollmentCode>> PostgresCentralStore::find_code(const std::string& code_hash) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query("SELECT person_id, role, created_ms, expires_ms, "
                                                    "COALESCE(device_id, '') FROM enrollment_codes WHERE code_hash = $1",
                                                    {pg::text(code_hash)}));
  if (rows.empty()) return std::optional<EnrollmentCode>();
  return std::optional<EnrollmentCode>(EnrollmentCode{code_hash, rows.text(0, 0), rows.text(0, 1),
                                                      static_cast<uint64_t>(rows.integer(0, 2)),
                                                      static_cast<uint64_t>(rows.integer(0, 3)), rows.text(0, 4)});
}

Result<json> PostgresCentralStore::redeem_code(const std::string& code_hash, const Device& d, const json& answer,
                                               uint64_t now_ms) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  pg::Transaction tx(*conn);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  // FOR UPDATE: an instance redeeming the same code at the same moment waits here, then
  // reads the code as the first one left it (used).
  NASTAVNIK_ASSIGN_OR_RETURN(auto code, conn->query("SELECT expires_ms, used_ms, COALESCE(device_id, ''), answer, "
                                                    "person_id FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE",
                                                    {pg::text(code_hash)}));
  if (code.empty()) return Status::FailedPrecondition("the enrollment code is not known: check it or ask for a new one");
  if (!code.is_null(0, 1)) {
    if (code.text(0, 2) == d.id && !code.is_null(0, 3)) {
      const json stored = json::parse(code.text(0, 3), nullptr, false);
      if (stored.is_object()) return stored;
    }
    return Status::FailedPrecondition("the enrollment code was already used: ask the methodologist for a new one");
  }
  if (static_cast<uint64_t>(code.integer(0, 0)) < now_ms)
    return Status::FailedPrecondition("the enrollment code has expired: ask the methodologist for a new one");
  const std::string code_person = code.text(0, 4);
  NASTAVNIK_ASSIGN_OR_RETURN(auto known,
                             conn->query("SELECT person_id FROM devices WHERE device_id = $1 FOR UPDATE", {pg::text(d.id)}));
  if (!known.empty() && known.text(0, 0) != code_person)
    return Status::FailedPrecondition(
        "this device is enrolled for another person; a laptop acts for one person: set up a new data directory "
        "for this code (the code was not used)");
  NASTAVNIK_RETURN_IF_ERROR(conn->query("UPDATE enrollment_codes SET used_ms = $1, device_id = $2, answer = $3 "
                                        "WHERE code_hash = $4",
                                        {u64(now_ms), pg::text(d.id), pg::text(answer.dump()), pg::text(code_hash)})
                                .status());
  // A device enrolled before keeps its chain (last_seq, last_hash).
  NASTAVNIK_RETURN_IF_ERROR(
      conn->query("INSERT INTO devices(device_id, public_key, person_id, roles, school_id, name, enrolled_ms, "
                  "last_seen_ms) VALUES($1,$2,$3,$4,$5,$6,$7,$7) ON CONFLICT(device_id) DO UPDATE SET "
                  "person_id = EXCLUDED.person_id, roles = EXCLUDED.roles, school_id = EXCLUDED.school_id, "
                  "name = EXCLUDED.name, enrolled_ms = EXCLUDED.enrolled_ms, revoked_ms = 0",
                  {pg::text(d.id), pg::text(d.public_key), pg::text(d.person_id), pg::text(json(d.roles).dump()),
                   pg::text(d.school_id), pg::text(d.name), u64(now_ms)})
          .status());
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return answer;
}

Status PostgresCentralStore::revoke_device(const std::string& id, uint64_t now_ms) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(auto done, conn->query("UPDATE devices SET revoked_ms = $1 WHERE device_id = $2 AND "
                                                    "revoked_ms = 0",
                                                    {u64(now_ms), pg::text(id)}));
  if (done.affected() == 1) return Status::Ok();
  NASTAVNIK_ASSIGN_OR_RETURN(auto known, conn->query("SELECT 1 FROM devices WHERE device_id = $1", {pg::text(id)}));
  if (known.empty()) return Status::NotFound("no device " + id);
  return Status::FailedPrecondition("device " + id + " is already revoked");
}

// A device's last-seen time and cursor and the digests of recent requests are bookkeeping
// whose loss in a crash harms nothing: committed without waiting for the disk, as the
// SQLite store does.
Status PostgresCentralStore::touch_device(const std::string& id, uint64_t now_ms, const std::string& fingerprint,
                                          uint64_t cursor, bool started_over) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  pg::Transaction tx(*conn);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  NASTAVNIK_RETURN_IF_ERROR(conn->exec("SET LOCAL synchronous_commit = off"));
  NASTAVNIK_RETURN_IF_ERROR(
      conn->query("UPDATE devices SET last_seen_ms = $1, scope_fingerprint = $2, cursor = $3, "
                  "snapshot_due = CASE WHEN $4 THEN 0 ELSE snapshot_due END WHERE device_id = $5",
                  {u64(now_ms), pg::text(fingerprint), u64(cursor), pg::text(started_over ? "true" : "false"),
                   pg::text(id)})
          .status());
  return tx.commit();
}

Result<bool> PostgresCentralStore::remember_request(const std::string& device, const std::string& digest,
                                                    uint64_t signed_ms, uint64_t now_ms, uint64_t window_ms) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  pg::Transaction tx(*conn);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  NASTAVNIK_RETURN_IF_ERROR(conn->exec("SET LOCAL synchronous_commit = off"));
  const uint64_t horizon = now_ms > 2 * window_ms ? now_ms - 2 * window_ms : 0;
  NASTAVNIK_RETURN_IF_ERROR(
      conn->query("DELETE FROM request_signatures WHERE signed_ms < $1", {u64(horizon)}).status());
  NASTAVNIK_ASSIGN_OR_RETURN(auto ins, conn->query("INSERT INTO request_signatures(device_id, digest, signed_ms) "
                                                   "VALUES($1,$2,$3) ON CONFLICT DO NOTHING",
                                                   {pg::text(device), pg::text(digest), u64(signed_ms)}));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return ins.affected() == 1;
}

Status PostgresCentralStore::probe_write(uint64_t now_ms) {
  auto conn = pool_->acquire();
  if (!conn.ok()) return conn.status();
  return set_meta_in(**conn, "health_probe", std::to_string(now_ms));
}

Result<std::vector<Record>> PostgresCentralStore::live_records(const std::vector<std::string>& entities) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  std::vector<Record> out;
  for (const auto& entity : entities) {
    NASTAVNIK_ASSIGN_OR_RETURN(
        auto rows, conn->query("SELECT id, entity, deleted, data, updated_hlc FROM records WHERE entity = $1 AND "
                               "deleted = 0 ORDER BY date_key DESC NULLS LAST, id",
                               {pg::text(entity)}));
    for (int i = 0; i < rows.size(); ++i) {
      NASTAVNIK_ASSIGN_OR_RETURN(Record r, read_record(rows, i));
      out.push_back(std::move(r));
    }
  }
  return out;
}

Result<Record> PostgresCentralStore::record(const std::string& id) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(
      auto rows, conn->query("SELECT id, entity, deleted, data, updated_hlc FROM records WHERE id = $1", {pg::text(id)}));
  if (rows.empty()) return Status::NotFound("no record with id " + id);
  return read_record(rows, 0);
}

Result<std::unique_ptr<IngestUnit>> PostgresCentralStore::begin_ingest() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  auto unit = std::make_unique<PostgresIngestUnit>(std::move(conn));
  NASTAVNIK_RETURN_IF_ERROR(unit->begin());
  return std::unique_ptr<IngestUnit>(std::move(unit));
}

Result<std::vector<FeedRow>> PostgresCentralStore::read_feed(uint64_t after, size_t max_rows,
                                                             const std::vector<std::string>& record_fields) {
  NASTAVNIK_RETURN_IF_ERROR(check_field_names(record_fields));
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query(feed_row_sql(record_fields, "o.position > $1 ORDER BY o.position "
                                                                                "LIMIT $2"),
                                                    {u64(after), u64(max_rows)}));
  return feed_rows(rows, record_fields);
}

Result<std::vector<FeedRow>> PostgresCentralStore::read_tagged_feed(uint64_t after, uint64_t through,
                                                                    const std::vector<std::string>& tags,
                                                                    size_t max_rows,
                                                                    const std::vector<std::string>& record_fields) {
  NASTAVNIK_RETURN_IF_ERROR(check_field_names(record_fields));
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  // One snapshot: the page's queries see one commit, whatever is written meanwhile.
  pg::Transaction tx(*conn);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  // The first max_rows rows of each tag hold the first max_rows rows of their union.
  std::vector<int64_t> seqs;
  for (const auto& tag : tags) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query("SELECT seq FROM feed_tags WHERE tag = $1 AND seq > $2 AND "
                                                      "seq <= $3 ORDER BY seq LIMIT $4",
                                                      {pg::text(tag), u64(after), u64(through), u64(max_rows)}));
    for (int i = 0; i < rows.size(); ++i) seqs.push_back(rows.integer(i, 0));
  }
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  if (seqs.size() > max_rows) seqs.resize(max_rows);
  if (seqs.empty()) return std::vector<FeedRow>();
  NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query(feed_row_sql(record_fields, "o.position = ANY($1::bigint[]) "
                                                                                "ORDER BY o.position"),
                                                    {pg::text(array_literal(seqs))}));
  NASTAVNIK_ASSIGN_OR_RETURN(auto out, feed_rows(rows, record_fields));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return out;
}

Status PostgresCentralStore::retag_feed(const std::vector<std::string>& record_fields,
                                        const std::function<std::vector<std::string>(const FeedRow&)>& tags_of,
                                        const std::string& meta_key, const std::string& meta_value) {
  NASTAVNIK_RETURN_IF_ERROR(check_field_names(record_fields));
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  pg::Transaction tx(*conn);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  NASTAVNIK_RETURN_IF_ERROR(lock_feed(*conn));
  // Another instance may have tagged the feed under these rules while this one waited.
  NASTAVNIK_ASSIGN_OR_RETURN(auto current, conn->query("SELECT value FROM server_meta WHERE key = $1", {pg::text(meta_key)}));
  if (!current.empty() && current.text(0, 0) == meta_value) return tx.commit();
  NASTAVNIK_RETURN_IF_ERROR(conn->exec("DELETE FROM feed_tags"));
  constexpr size_t kBatch = 2000;
  uint64_t after = 0;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query(feed_row_sql(record_fields, "o.position > $1 ORDER BY "
                                                                                  "o.position LIMIT $2"),
                                                      {u64(after), u64(kBatch)}));
    NASTAVNIK_ASSIGN_OR_RETURN(auto feed, feed_rows(rows, record_fields));
    std::vector<std::string> tags;
    std::vector<int64_t> seqs;
    for (const auto& row : feed)
      for (auto& tag : tags_of(row)) {
        tags.push_back(std::move(tag));
        seqs.push_back(static_cast<int64_t>(row.seq));
      }
    if (!tags.empty())
      NASTAVNIK_RETURN_IF_ERROR(conn->query("INSERT INTO feed_tags(tag, seq) SELECT * FROM unnest($1::text[], "
                                            "$2::bigint[]) ON CONFLICT DO NOTHING",
                                            {pg::text(array_literal(tags)), pg::text(array_literal(seqs))})
                                    .status());
    if (feed.size() < kBatch) break;
    after = feed.back().seq;
  }
  NASTAVNIK_RETURN_IF_ERROR(set_meta_in(*conn, meta_key, meta_value));
  return tx.commit();
}

Result<CompactionReport> PostgresCentralStore::compact(uint64_t through) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  pg::Transaction tx(*conn);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  NASTAVNIK_RETURN_IF_ERROR(lock_feed(*conn));
  NASTAVNIK_ASSIGN_OR_RETURN(
      auto rows, conn->query("SELECT o.record_id, r.stamps, o.hlc, o.position FROM ops o JOIN records r ON r.id = "
                             "o.record_id WHERE o.record_id IN (SELECT record_id FROM ops GROUP BY record_id HAVING "
                             "COUNT(*) > 1) ORDER BY o.record_id"));
  std::vector<replica::LoggedOp> ops;
  std::map<std::string, int64_t> position_of;
  for (int i = 0; i < rows.size(); ++i) {
    ops.push_back({rows.text(i, 0), rows.text(i, 1), rows.text(i, 2)});
    position_of[rows.text(i, 2)] = rows.integer(i, 3);
  }
  NASTAVNIK_ASSIGN_OR_RETURN(auto superseded, replica::superseded_among(ops));
  std::vector<std::string> gone;
  std::vector<int64_t> places;
  for (const auto& hlc : superseded) {
    if (position_of[hlc] > as_sql(through)) continue;
    gone.push_back(hlc);
    places.push_back(position_of[hlc]);
  }
  CompactionReport report;
  report.through = through;
  if (!gone.empty()) {
    NASTAVNIK_RETURN_IF_ERROR(
        conn->query("DELETE FROM feed_tags WHERE seq = ANY($1::bigint[])", {pg::text(array_literal(places))}).status());
    NASTAVNIK_ASSIGN_OR_RETURN(
        auto deleted, conn->query("DELETE FROM ops WHERE hlc = ANY($1::text[])", {pg::text(array_literal(gone))}));
    report.ops_removed = deleted.affected();
  }
  NASTAVNIK_RETURN_IF_ERROR(
      conn->query("UPDATE devices SET snapshot_due = 1 WHERE cursor > 0 AND cursor < $1", {u64(through)}).status());
  NASTAVNIK_RETURN_IF_ERROR(conn->query("INSERT INTO server_meta(key, value) VALUES($1, $2) ON CONFLICT(key) DO UPDATE "
                                        "SET value = EXCLUDED.value WHERE CAST(server_meta.value AS BIGINT) < $3",
                                        {pg::text(kCompactionPointKey), pg::text(std::to_string(through)), u64(through)})
                                .status());
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return report;
}

Status PostgresCentralStore::for_each_changeset(uint64_t from_ms, uint64_t before_ms,
                                                const std::function<Status(const ArchivedChangeset&)>& each) {
  constexpr int64_t kBatch = 200;
  return for_each_in_batches(kBatch, [&](int64_t after) -> Result<ChangesetBatch> {
    NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
    NASTAVNIK_ASSIGN_OR_RETURN(
        auto rows, conn->query("SELECT arrival, device_id, seq, hash, received_ms, frame FROM changesets WHERE "
                               "arrival > $1 AND received_ms >= $2 AND received_ms < $3 AND octet_length(frame) > 0 "
                               "ORDER BY arrival LIMIT $4",
                               {pg::integer(after), u64(from_ms), u64(before_ms), pg::integer(kBatch)}));
    ChangesetBatch batch;
    for (int i = 0; i < rows.size(); ++i) {
      auto frame = unpack_stored_frame(rows.bytes(i, 5));
      if (!frame.ok()) return frame.status().with_context("changeset " + rows.text(i, 2) + " of device " + rows.text(i, 1));
      batch.push_back({rows.integer(i, 0), ArchivedChangeset{rows.text(i, 1), static_cast<uint64_t>(rows.integer(i, 2)),
                                                             rows.text(i, 3), static_cast<uint64_t>(rows.integer(i, 4)),
                                                             std::move(frame).value()}});
    }
    return batch;
  }, each);
}

Result<int64_t> PostgresCentralStore::drop_changeset_frames(const std::vector<ArchivedChangeset>& archived) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  pg::Transaction tx(*conn);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  int64_t dropped = 0;
  for (const auto& cs : archived) {
    // Only a frame the archive holds byte for byte leaves the store.
    NASTAVNIK_ASSIGN_OR_RETURN(auto kept, conn->query("SELECT frame FROM changesets WHERE device_id = $1 AND seq = $2 "
                                                      "AND octet_length(frame) > 0",
                                                      {pg::text(cs.device), u64(cs.seq)}));
    if (kept.empty()) continue;
    NASTAVNIK_ASSIGN_OR_RETURN(std::string frame, unpack_stored_frame(kept.bytes(0, 0)));
    if (frame != cs.frame) continue;
    NASTAVNIK_ASSIGN_OR_RETURN(auto done, conn->query("UPDATE changesets SET frame = ''::bytea WHERE device_id = $1 "
                                                      "AND seq = $2",
                                                      {pg::text(cs.device), u64(cs.seq)}));
    dropped += done.affected();
  }
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  return dropped;
}

Result<uint64_t> PostgresCentralStore::feed_head() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query("SELECT handed_out FROM feed_counter"));
  if (rows.empty()) return Status::Corruption("the store's feed counter is missing");
  return static_cast<uint64_t>(rows.integer(0, 0));
}

Result<StoreStats> PostgresCentralStore::stats() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(
      auto counts, conn->query("SELECT (SELECT COUNT(*) FROM devices), (SELECT COUNT(*) FROM devices WHERE "
                               "revoked_ms = 0), (SELECT COUNT(*) FROM changesets), (SELECT COUNT(*) FROM ops), "
                               "(SELECT COUNT(*) FROM conflicts)"));
  StoreStats s;
  s.devices = counts.integer(0, 0);
  s.active_devices = counts.integer(0, 1);
  s.changesets = counts.integer(0, 2);
  s.ops = counts.integer(0, 3);
  s.conflicts = counts.integer(0, 4);
  NASTAVNIK_ASSIGN_OR_RETURN(
      auto rows, conn->query("SELECT entity, COUNT(*) FROM records WHERE deleted = 0 GROUP BY entity ORDER BY entity"));
  for (int i = 0; i < rows.size(); ++i) s.records_by_entity.emplace_back(rows.text(i, 0), rows.integer(i, 1));
  return s;
}

Result<std::optional<std::string>> PostgresCentralStore::meta(const std::string& key) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query("SELECT value FROM server_meta WHERE key = $1", {pg::text(key)}));
  return rows.empty() ? std::nullopt : std::optional<std::string>(rows.text(0, 0));
}

Status PostgresCentralStore::set_meta(const std::string& key, const std::string& value) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  return set_meta_in(*conn, key, value);
}

Status PostgresCentralStore::export_table(const std::string& table,
                                          const std::function<Status(const TableChunk&)>& each) {
  const StoreTable* t = store_table(table);
  if (!t) return Status::InvalidArgument("no store table " + table);
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  pg::Transaction tx(*conn);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  std::string columns;
  for (const auto& c : t->columns) columns += (columns.empty() ? "" : ", ") + c;
  NASTAVNIK_RETURN_IF_ERROR(conn->exec("DECLARE store_rows NO SCROLL CURSOR FOR SELECT " + columns + " FROM " +
                                       t->name + " ORDER BY " + (t->order_by.empty() ? "arrival" : t->order_by)));
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, conn->query("FETCH 1000 FROM store_rows"));
    if (rows.empty()) break;
    TableChunk chunk{t->name, t->columns, {}};
    for (int i = 0; i < rows.size(); ++i) {
      std::vector<std::optional<std::string>> row;
      for (size_t c = 0; c < t->columns.size(); ++c) {
        const int col = static_cast<int>(c);
        if (rows.is_null(i, col)) row.push_back(std::nullopt);
        else row.push_back(t->is_binary(t->columns[c]) ? rows.bytes(i, col) : rows.text(i, col));
      }
      chunk.rows.push_back(std::move(row));
    }
    NASTAVNIK_RETURN_IF_ERROR(each(chunk));
  }
  return tx.commit();
}

Status PostgresCentralStore::import_rows(const TableChunk& chunk) {
  const StoreTable* t = store_table(chunk.table);
  if (!t) return Status::InvalidArgument("no store table " + chunk.table);
  if (chunk.rows.empty()) return Status::Ok();
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  // Rows at a time within PostgreSQL's limit of 65,535 parameters per statement.
  const size_t per_statement = std::max<size_t>(1, 30000 / chunk.columns.size());
  pg::Transaction tx(*conn);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  std::string columns;
  for (const auto& c : chunk.columns) columns += (columns.empty() ? "" : ", ") + c;
  for (size_t first = 0; first < chunk.rows.size(); first += per_statement) {
    const size_t last = std::min(chunk.rows.size(), first + per_statement);
    std::string sql = "INSERT INTO " + t->name + "(" + columns + ") VALUES ";
    std::vector<Param> params;
    for (size_t r = first; r < last; ++r) {
      sql += r == first ? "(" : ", (";
      for (size_t c = 0; c < chunk.columns.size(); ++c) {
        params.push_back(Param{chunk.rows[r][c], t->is_binary(chunk.columns[c])});
        // Text parameters take the column's type from context; numbers arrive as text.
        sql += (c ? ", $" : "$") + std::to_string(params.size());
      }
      sql += ")";
    }
    NASTAVNIK_RETURN_IF_ERROR(conn->query(sql, params).status());
  }
  return tx.commit();
}

Status PostgresCentralStore::set_feed_head(uint64_t head) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conn, pool_->acquire());
  return conn->query("UPDATE feed_counter SET handed_out = GREATEST(handed_out, $1)", {u64(head)}).status();
}

}  // namespace nastavnik::server
