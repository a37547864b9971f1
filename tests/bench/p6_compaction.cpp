// P6 a year of edits: N sessions recorded, then filled in over `rounds` visits (each round
// rewrites every session's notes and agreed actions, as a tutor completes a session over the
// weeks), every round synced. The server store's bytes in use per session before and after
// `nastavnik-server compact`, measured in the same run; then a new device pulls the
// compacted store and must hold every session as last written.

#include <sqlite3.h>

#include <filesystem>

#include "tests/bench/figures.h"
#include "tests/bench/library_device.h"

namespace nastavnik::bench {
namespace {

using nlohmann::json;

// Pages in use (the file less its free pages), as SQLite sees the store through its WAL.
double bytes_in_use(const std::filesystem::path& store) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw BenchError("cannot read " + store.string());
  }
  const auto pragma = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    int64_t v = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  };
  const int64_t pages = pragma("PRAGMA page_count") - pragma("PRAGMA freelist_count");
  const int64_t size = pragma("PRAGMA page_size");
  sqlite3_close(db);
  return static_cast<double>(pages * size);
}

int64_t store_ops(BenchServer& server) { return server.stats().value("ops", int64_t{0}); }

}  // namespace

void run_p6_compaction(const BenchConfig& config, BenchReport& report) {
  const std::vector<json> records = config.sessions(config.compaction_records, 6);
  const std::filesystem::path dir = config.work / "p6";
  std::filesystem::create_directories(dir);
  BenchServer server(config.programs, dir / "server");
  server.start();
  auto tutor = need(LibraryDevice::create(dir / "laptop.db", server.url()), "replica");
  need(tutor->enroll(server.code_for(people::kMethodologist, "methodologist")), "enroll");
  const auto ids = need(tutor->add_sessions(records), "record the sessions");
  need(tutor->sync().status(), "first sync");
  for (size_t round = 1; round <= config.compaction_rounds; ++round) {
    for (const auto& id : ids)
      need(tutor->store().update_record(id, {{"notes", "Визит " + std::to_string(round) + ": разобрали урок"},
                                             {"agreed_actions", "К визиту " + std::to_string(round + 1) + ": план"}}),
           "edit a session");
    need(tutor->sync().status(), "sync a round of edits");
  }
  need(tutor->sync().status(), "a last sync: the server learns the laptop's cursor");

  const double n = static_cast<double>(ids.size());
  const int64_t ops_before = store_ops(server);
  const double before = bytes_in_use(server.store()) / n;
  const Measured compact = server.admin({"compact", "--json"});
  const json result = json::parse(compact.out, nullptr, false);
  const double after = bytes_in_use(server.store()) / n;
  const int64_t ops_after = store_ops(server);
  const std::string what = std::to_string(ids.size()) + " sessions, " + std::to_string(config.compaction_rounds) +
                           " rounds of edits";
  report.add({"P6", "server store in use / session after a year of edits, compacted", after, "B",
              "the same store before compaction", before, "B", after / before, "", std::nullopt,
              what + "; ops " + std::to_string(ops_before) + " -> " + std::to_string(ops_after) + ", compact took " +
                  format_number(compact.wall_ms, 0) + " ms"});

  auto fresh = need(LibraryDevice::create(dir / "fresh.db", server.url()), "replica");
  need(fresh->enroll(server.code_for(people::kMunicipalOffice, "municipal_office")), "enroll");
  need(fresh->sync().status(), "pull the compacted store");
  size_t current = 0;
  const std::string last = "Визит " + std::to_string(config.compaction_rounds) + ": разобрали урок";
  for (const auto& id : ids) {
    auto r = fresh->store().reader().get(id);
    if (r.ok() && r->data.value("notes", "") == last) ++current;
  }
  report.check("P6 compaction removed the superseded ops",
               result.is_object() && result.value("ops_removed", int64_t{0}) == ops_before - ops_after &&
                   ops_after == ops_before - static_cast<int64_t>(ids.size() * (config.compaction_rounds - 1)),
               std::to_string(ops_before - ops_after) + " ops removed");
  report.check("P6 a new device pulls every session as last written", current == ids.size(),
               std::to_string(current) + " of " + std::to_string(ids.size()));
}

}  // namespace nastavnik::bench
