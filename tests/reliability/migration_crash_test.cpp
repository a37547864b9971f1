// kill -9 in the middle of a replica migration: the move of field writes into the records
// (replica schema 4 -> 5) and the next step (5 -> 6, record_people clustered) each run in
// one transaction, so a killed `nastavnik-cli` leaves the file as version 4, untouched, or
// as version 5 or 6, complete; the next start finishes the job and every record keeps its
// values and its fields' stamps.
//
// The version 4 replica is made from a current one by SQL alone
// (tests/support/field_writes_layout.h), with 12,000 sessions so that the migration takes
// long enough to be killed in its middle; kill delays are drawn from a seeded generator
// over the time one uninterrupted migration takes.

#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <random>

#include "client/store/local_store.h"
#include "shared/sqlite/sqlite_db.h"
#include "tests/reliability/child_process.h"
#include "tests/reliability/db_query.h"
#include "tests/support/demo_people.h"
#include "tests/support/field_writes_layout.h"
#include "tests/support/layout_5.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using namespace nastavnik;
using namespace nastavnik::testing;
namespace fs = std::filesystem;

namespace {

using Expected = std::map<std::string, std::pair<std::string, std::map<std::string, std::string>>>;

// A data directory whose replica is at version 4 with `sessions` sessions, some edited.
void make_version_4(const fs::path& data, size_t sessions) {
  const auto init = run_process({NASTAVNIK_CLI_PATH, "init", "--data", data.string(), "--person",
                                 demo::kMethodologist, "--role", "methodologist"});
  REQUIRE(init.exit_code == 0);
  {
    auto store = LocalStore::open(data / "replica.db");
    REQUIRE(store.ok());
    std::vector<NewRecord> batch;
    for (size_t i = 0; i < sessions; ++i)
      batch.push_back({"mentoring_session", "",
                       {{"mentor_id", demo::kMethodologist}, {"pair_id", demo::kPair1}, {"date", "2026-10-05"},
                        {"format", "offline"}, {"stage", "theory"}, {"topic", "Занятие № " + std::to_string(i)},
                        {"mentees", {demo::kTeacher1}}}});
    auto ids = (*store)->create_records(batch);
    REQUIRE(ids.ok());
    for (size_t i = 0; i < ids->size(); i += 97)
      REQUIRE((*store)->update_record((*ids)[i], {{"topic", "Исправлено — №" + std::to_string(i)}}).ok());
  }
  auto db = sql::Database::open(data / "replica.db", sql::Database::Mode::kOpenExisting);
  REQUIRE(db.ok());
  REQUIRE(rebuild_replica_layout_5(**db).ok());
  REQUIRE(rebuild_field_writes_layout(**db).ok());
  REQUIRE((*db)->exec("DELETE FROM schema_version WHERE version = 5").ok());
}

// Each record's data and the last stamp of each of its fields, by the version 4 layout.
Expected expected_of(const fs::path& replica) {
  Expected out;
  for (const auto& row : query(replica, "SELECT id, data FROM records")) out[row[0]].first = row[1];
  for (const auto& row : query(replica, "SELECT record_id, field, MAX(hlc) FROM field_writes GROUP BY 1, 2"))
    out[row[0]].second[row[1]] = row[2];
  return out;
}

Expected migrated(const fs::path& replica) {
  auto store = LocalStore::open(replica);
  REQUIRE(store.ok());
  Expected out;
  for (const auto& row : query(replica, "SELECT id, data FROM records")) {
    auto stamps = (*store)->reader().field_stamps(row[0]);
    REQUIRE(stamps.ok());
    out[row[0]].first = row[1];
    for (const auto& [field, hlc] : *stamps) out[row[0]].second[field] = hlc.str();
  }
  return out;
}

// The layout the killed program left: 4 (field writes, no stamps), 5 (the opposite), 6
// (5 with record_people clustered on its key) or 7 (6 with the courier tables); 0 for
// anything between.
int layout_of(const fs::path& replica) {
  const bool writes = !query(replica, "SELECT 1 FROM sqlite_master WHERE name = 'field_writes'").empty();
  const bool stamps = !query(replica, "SELECT 1 FROM pragma_table_info('records') WHERE name = 'stamps'").empty();
  const bool clustered =
      !query(replica, "SELECT 1 FROM sqlite_master WHERE name = 'record_people' AND sql LIKE '%WITHOUT ROWID%'").empty();
  const std::string version = query(replica, "SELECT MAX(version) FROM schema_version").at(0).at(0);
  if (version == "4" && writes && !stamps && !clustered) return 4;
  if (version == "5" && !writes && stamps && !clustered) return 5;
  const bool courier = !query(replica, "SELECT 1 FROM sqlite_master WHERE name = 'carried_envelopes'").empty();
  if (version == "6" && !writes && stamps && clustered && !courier) return 6;
  if (version == "7" && !writes && stamps && clustered && courier) return 7;
  return 0;
}

}  // namespace

TEST_CASE("kill -9 during the replica migration leaves version 4, 5, 6 or 7, never between",
          "[reliability][crash][migration]") {
  TempDir work;
  const fs::path pristine = work / "v4";
  make_version_4(pristine, 12000);
  const Expected expected = expected_of(pristine / "replica.db");
  REQUIRE(expected.size() == 12000);

  // One migration uninterrupted, for the range of kill delays (and as the first check).
  const fs::path whole = work / "whole";
  fs::copy(pristine, whole, fs::copy_options::recursive);
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(run_process({NASTAVNIK_CLI_PATH, "status", "--data", whole.string()}).exit_code == 0);
  const int full_ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
  CHECK(layout_of(whole / "replica.db") == 7);
  CHECK(migrated(whole / "replica.db") == expected);

  std::mt19937_64 rng(20261207);
  int killed = 0, left_at_4 = 0;
  for (int trial = 0; trial < 6; ++trial) {
    const fs::path dir = work / ("trial" + std::to_string(trial));
    fs::copy(pristine, dir, fs::copy_options::recursive);
    const int delay = static_cast<int>(rng() % static_cast<uint64_t>(std::max(full_ms, 1)));
    INFO("trial " << trial << ": killed " << delay << " ms after start (a whole migration took " << full_ms << " ms)");
    {
      ChildProcess child({NASTAVNIK_CLI_PATH, "status", "--data", dir.string()}, dir);
      if (child.kill_after(1, 0, delay)) ++killed;
    }
    REQUIRE(integrity_check(dir / "replica.db") == "ok");
    const int layout = layout_of(dir / "replica.db");
    CHECK((layout == 4 || layout == 5 || layout == 6 || layout == 7));
    if (layout == 4) {
      ++left_at_4;
      CHECK(expected_of(dir / "replica.db") == expected);
    }
    CHECK(migrated(dir / "replica.db") == expected);
    CHECK(layout_of(dir / "replica.db") == 7);
  }
  CHECK(killed > 0);
  std::cout << "migration crash: 6 trials, " << killed << " killed while running, " << left_at_4
            << " left at version 4, the others at version 5, 6 or 7 (a whole migration: " << full_ms << " ms)" << std::endl;
}
