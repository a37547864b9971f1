// P1 ingest: how fast the real server takes in records (request signature, changeset
// signature, hash chain, authorization of every op, merge, pull feed, durable commit),
// against the floor of any durable SQLite store: the same rows, as the same JSON, inserted
// into one table with the same durability (WAL, synchronous=FULL) and one commit per 1000
// rows, i.e. per changeset as the server commits. Measured in the same run.
//
// The client side is kept out of the server's time: the sessions are recorded and sealed
// into signed changesets first, then sent as the sync engine would batch them (up to
// SyncSettings::max_request_bytes per request), uncompressed, each request timed from
// sending to the verified receipt. Pulls are kept to one op per page.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>

#include "client/sync/sync_state.h"
#include "shared/core/ids.h"
#include "shared/domain/schema.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/sync_messages.h"
#include "tests/bench/figures.h"
#include "tests/bench/library_device.h"
#include "syncserver/store/pg_connection.h"
#include "tests/bench/session_generator.h"
#include "tests/support/postgres_cluster.h"

namespace nastavnik::bench {
namespace {

using nlohmann::json;

struct RawInsert {
  double seconds = 0, cpu_seconds = 0;
  uint64_t file_bytes = 0;
};

void sqlite_ok(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw BenchError(std::string("raw SQLite baseline, ") + what + ": " + sqlite3_errmsg(db));
}

// The baseline: rows (id, JSON) into one table, committed every `batch` rows.
RawInsert raw_sqlite_insert(const std::filesystem::path& file, const std::vector<json>& records, size_t batch) {
  std::vector<std::pair<std::string, std::string>> rows;
  rows.reserve(records.size());
  for (const auto& r : records) rows.emplace_back(new_record_id(1790000000000ULL + rows.size()), jsonl_line(r));
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw BenchError("cannot create " + file.string());
  sqlite_ok(db, sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                                 "CREATE TABLE sessions(id TEXT PRIMARY KEY, body TEXT NOT NULL)",
                             nullptr, nullptr, nullptr),
            "schema");
  sqlite3_stmt* insert = nullptr;
  sqlite_ok(db, sqlite3_prepare_v2(db, "INSERT INTO sessions(id, body) VALUES(?, ?)", -1, &insert, nullptr), "prepare");
  const double start = now_ms(), cpu_start = thread_cpu_seconds();
  for (size_t at = 0; at < rows.size(); at += batch) {
    sqlite_ok(db, sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), "begin");
    for (size_t i = at; i < std::min(rows.size(), at + batch); ++i) {
      sqlite3_bind_text(insert, 1, rows[i].first.data(), static_cast<int>(rows[i].first.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert, 2, rows[i].second.data(), static_cast<int>(rows[i].second.size()), SQLITE_STATIC);
      sqlite_ok(db, sqlite3_step(insert), "insert");
      sqlite3_reset(insert);
    }
    sqlite_ok(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
  }
  RawInsert out;
  out.seconds = (now_ms() - start) / 1000.0;
  out.cpu_seconds = thread_cpu_seconds() - cpu_start;
  sqlite3_finalize(insert);
  sqlite3_close(db);
  std::error_code ec;
  out.file_bytes = std::filesystem::file_size(file, ec) + std::filesystem::file_size(file.string() + "-wal", ec);
  return out;
}

struct ServerIngest {
  double seconds = 0;
  int requests = 0;
  int64_t sealed_changesets = 0, accepted_changesets = 0, rejected_ops = 0, ops = 0;
  uint64_t request_bytes = 0;
};

// Pushes every sealed changeset of `device`, timing each request until its verified receipt.
ServerIngest push_sealed(LibraryDevice& device) {
  const SyncState state = need(SyncState::load(device.store()), "sync state");
  const crypto::PublicKey server_key = need(state.server_key(), "server key");
  const auto unacked = need(device.store().outbox().unacked(), "outbox");
  HttpTransport* transport = need(device.transport(), "transport");
  const size_t max_bytes = SyncSettings{}.max_request_bytes;
  ServerIngest out;
  out.sealed_changesets = static_cast<int64_t>(unacked.size());
  for (size_t at = 0; at < unacked.size();) {
    wire::SyncRequest request;
    request.schema = kDomainSchemaVersion;
    request.cursor = state.cursor;
    request.scope = state.scope;
    request.page_limit = 1;
    size_t bytes = 0;
    std::vector<uint64_t> seqs;
    while (at < unacked.size() && (seqs.empty() || bytes + unacked[at].frame.size() <= max_bytes)) {
      for (auto& f : need(ChangesetCodec::unframe(unacked[at].frame), "unframe")) request.changesets.push_back(f);
      bytes += unacked[at].frame.size();
      out.ops += unacked[at].op_count;
      seqs.push_back(unacked[at++].seq);
    }
    const std::string body = wire::encode_sync_request(request);
    const double start = now_ms();
    const auto sig = wire::sign_request(device.key(), "POST", "/v1/sync", system_wall_clock_ms(), body);
    const HttpReply reply = need(transport->post("/v1/sync", wire::kSyncContentType, body,
                                                 {{wire::kDeviceHeader, sig.device},
                                                  {wire::kTimeHeader, std::to_string(sig.time_ms)},
                                                  {wire::kSignatureHeader, sig.signature_b64}}),
                                 "push");
    if (reply.status != 200) throw BenchError("the server answered " + std::to_string(reply.status) + ": " + reply.body);
    const json answer = json::parse(reply.body, nullptr, false);
    const json receipt = need(wire::open_document(wire::kReceiptContext, answer.value("receipt", json()), server_key),
                              "receipt");
    out.seconds += (now_ms() - start) / 1000.0;
    ++out.requests;
    out.request_bytes += body.size();
    for (const auto& r : receipt.value("results", json::array())) {
      if (r.value("status", "") == "accepted") ++out.accepted_changesets;
      out.rejected_ops += static_cast<int64_t>(r.value("rejected_ops", json::array()).size());
    }
    for (uint64_t seq : seqs) need(device.store().mark_acked(seq), "mark acknowledged");
  }
  return out;
}

// The server's side of P1, on the store `setup` names: a methodologist's laptop records the
// sessions, seals them, and pushes them; the server's time and CPU are measured.
struct ServerRun {
  ServerIngest ingest;
  double server_cpu = 0, seal_s = 0;
  int64_t ops_before = 0, ops_after = 0, peak_kb = 0;
};

ServerRun ingest_through_server(const BenchConfig& config, const std::filesystem::path& dir, const ServerSetup& setup,
                                const std::vector<json>& records, size_t batch) {
  ServerRun out;
  BenchServer server(config.programs, dir, setup);
  server.start();
  HttpTransportOptions plain;
  plain.compress_requests = false;
  auto device = need(LibraryDevice::create(dir / "replica.db", server.url(), plain), "replica");
  need(device->enroll(server.code_for(people::kMethodologist, "methodologist")), "enroll");
  need(device->sync(), "first sync");  // the registry, so that pulls below have nothing left
  out.ops_before = server.stats().value("ops", int64_t{0});
  for (size_t at = 0; at < records.size(); at += batch) {  // recorded as a user would, in batches
    const std::vector<json> part(records.begin() + static_cast<long>(at),
                                 records.begin() + static_cast<long>(std::min(records.size(), at + batch)));
    need(device->add_sessions(part), "record sessions");
  }
  const double seal_start = now_ms();
  while (need(device->store().seal_pending(device->key(), batch), "seal")) {
  }
  out.seal_s = (now_ms() - seal_start) / 1000.0;
  const double server_cpu_start = server.cpu_seconds();
  out.ingest = push_sealed(*device);
  out.server_cpu = server.cpu_seconds() - server_cpu_start;
  out.ops_after = server.stats().value("ops", int64_t{0});
  out.peak_kb = server.peak_rss_kb();
  server.stop();
  return out;
}

// The PostgreSQL floor: the same rows (id, JSON) into one table with COPY, one transaction
// per `batch` rows, on the cluster the server's store is in.
RawInsert raw_postgresql_copy(const std::string& uri, const std::vector<json>& records, size_t batch) {
  auto conn = need(pg::Connection::open(uri), "PostgreSQL");
  need(conn->exec("CREATE TABLE sessions(id TEXT PRIMARY KEY, body TEXT NOT NULL)"), "raw table");
  std::vector<std::string> lines;
  lines.reserve(records.size());
  for (const auto& r : records) {
    std::string body = jsonl_line(r), escaped;
    for (char c : body) {  // COPY's text format: backslash, tab and newline escaped
      if (c == '\\') escaped += "\\\\";
      else if (c == '\t') escaped += "\\t";
      else if (c == '\n') escaped += "\\n";
      else escaped += c;
    }
    lines.push_back(new_record_id(1790000000000ULL + lines.size()) + "\t" + escaped + "\n");
  }
  const double start = now_ms(), cpu_start = thread_cpu_seconds();
  for (size_t at = 0; at < lines.size(); at += batch) {
    need(conn->copy_in("COPY sessions(id, body) FROM STDIN",
                       std::vector<std::string>(lines.begin() + static_cast<long>(at),
                                                lines.begin() + static_cast<long>(std::min(lines.size(), at + batch)))),
         "COPY");
  }
  RawInsert out;
  out.seconds = (now_ms() - start) / 1000.0;
  out.cpu_seconds = thread_cpu_seconds() - cpu_start;
  return out;
}

}  // namespace

void run_p1_ingest(const BenchConfig& config, BenchReport& report) {
  const std::vector<json> records = config.sessions(config.ingest_records, 1);
  const size_t batch = SyncSettings{}.max_ops_per_changeset;
  const std::filesystem::path dir = config.work / "p1";
  std::filesystem::create_directories(dir);

  const RawInsert raw = raw_sqlite_insert(dir / "raw.db", records, batch);

  const ServerRun run = ingest_through_server(config, dir / "server", {}, records, batch);
  const ServerIngest& ingest = run.ingest;
  const double server_cpu = run.server_cpu, seal_s = run.seal_s;
  const int64_t ops_before = run.ops_before, ops_after = run.ops_after, server_peak_kb = run.peak_kb;

  const double n = static_cast<double>(records.size());
  const double raw_rate = n / raw.seconds, server_rate = n / ingest.seconds;
  report.add({"P1", "ingest through the server", server_rate, "records/s", "raw SQLite insert", raw_rate, "records/s",
              server_rate / raw_rate, ">= 0.1x raw", server_rate / raw_rate >= 0.1,
              std::to_string(records.size()) + " sessions in " + std::to_string(ingest.requests) +
                  " requests; raw: one table, same JSON, WAL + synchronous=FULL, commit per " + std::to_string(batch) +
                  " rows"});
  const double raw_cpu_rate = n / std::max(raw.cpu_seconds, 1e-6), server_cpu_rate = n / std::max(server_cpu, 1e-2);
  report.add({"P1", "ingest per CPU second", server_cpu_rate, "records/s", "raw SQLite insert", raw_cpu_rate,
              "records/s", server_cpu_rate / raw_cpu_rate, "", std::nullopt,
              "records per second of the server process's CPU time (user + system), against the insert "
              "loop's thread CPU time: unaffected by other load on the machine"});
  report.check("P1 every changeset accepted",
               ingest.accepted_changesets == ingest.sealed_changesets && ingest.rejected_ops == 0,
               std::to_string(ingest.accepted_changesets) + " of " + std::to_string(ingest.sealed_changesets) +
                   " accepted, " + std::to_string(ingest.rejected_ops) + " ops refused");
  report.check("P1 server holds every op once", ops_after - ops_before == static_cast<int64_t>(records.size()),
               std::to_string(ops_after - ops_before) + " new ops on the server for " + std::to_string(records.size()) +
                   " sent");
  json& d = report.details("P1");
  d = {{"records", records.size()},
       {"records_source", config.records_source},
       {"changeset_ops", batch},
       {"raw_seconds", raw.seconds},
       {"raw_records_per_s", raw_rate},
       {"raw_db_bytes", raw.file_bytes},
       {"server_seconds", ingest.seconds},
       {"server_records_per_s", server_rate},
       {"ratio", server_rate / raw_rate},
       {"requests", ingest.requests},
       {"request_bytes", ingest.request_bytes},
       {"raw_cpu_seconds", raw.cpu_seconds},
       {"server_cpu_seconds", server_cpu},
       {"client_seal_seconds", seal_s},
       {"server_peak_rss_kb", server_peak_kb}};
}

void run_p7_postgresql_ingest(const BenchConfig& config, BenchReport& report) {
  const std::vector<json> records = config.sessions(config.ingest_records, 1);
  const size_t batch = SyncSettings{}.max_ops_per_changeset;
  const std::filesystem::path dir = config.work / "p7";
  std::filesystem::create_directories(dir);
  // A cluster of this run's own, with fsync on as a production server runs it.
  testing::PostgresCluster cluster(true);
  const RawInsert raw = raw_postgresql_copy(cluster.create_database(), records, batch);
  ServerSetup setup;
  setup.store = cluster.create_database();
  setup.key_file = dir / "server.key";
  const ServerRun run = ingest_through_server(config, dir / "server", setup, records, batch);

  const double n = static_cast<double>(records.size());
  const double raw_rate = n / raw.seconds, server_rate = n / run.ingest.seconds;
  report.add({"P7", "ingest through the server on PostgreSQL", server_rate, "records/s", "raw PostgreSQL COPY",
              raw_rate, "records/s", server_rate / raw_rate, "", std::nullopt,
              std::to_string(records.size()) + " sessions in " + std::to_string(run.ingest.requests) +
                  " requests; raw: COPY into one table, same JSON, one transaction per " + std::to_string(batch) +
                  " rows, fsync on"});
  const double server_cpu_rate = n / std::max(run.server_cpu, 1e-2);
  report.add({"P7", "ingest per CPU second of nastavnik-server", server_cpu_rate, "records/s", "", 0, "",
              std::nullopt, "", std::nullopt,
              "the server process only; PostgreSQL's own processes work beside it"});
  report.check("P7 every changeset accepted",
               run.ingest.accepted_changesets == run.ingest.sealed_changesets && run.ingest.rejected_ops == 0,
               std::to_string(run.ingest.accepted_changesets) + " of " + std::to_string(run.ingest.sealed_changesets) +
                   " accepted, " + std::to_string(run.ingest.rejected_ops) + " ops refused");
  report.check("P7 server holds every op once",
               run.ops_after - run.ops_before == static_cast<int64_t>(records.size()),
               std::to_string(run.ops_after - run.ops_before) + " new ops on the server for " +
                   std::to_string(records.size()) + " sent");
  report.details("P7") = {{"records", records.size()},
                          {"raw_seconds", raw.seconds},
                          {"raw_records_per_s", raw_rate},
                          {"server_seconds", run.ingest.seconds},
                          {"server_records_per_s", server_rate},
                          {"ratio", server_rate / raw_rate},
                          {"requests", run.ingest.requests},
                          {"server_cpu_seconds", run.server_cpu},
                          {"server_peak_rss_kb", run.peak_kb}};
}

}  // namespace nastavnik::bench
