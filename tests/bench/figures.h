#pragma once
// The figures of nastavnik-bench (issue 5, "Performance"), one file each:
//   P1 ingest        p1_ingest.cpp       records/s through the server vs a raw SQLite insert
//   P7 ingest (PG)   p1_ingest.cpp       the same on a PostgreSQL store vs COPY into PostgreSQL
//   P2 initial push  p2_push.cpp         nastavnik-cli sync of N new sessions, on the wire
//   P3 round trips   p3_round_trips.cpp  requests of an idle and of a small sync
//   P4 slow link     p4_slow_link.cpp    a teacher's week over 64 kbit/s, 600 ms; a cut sync
//   P5 initial pull  p5_pull.cpp         nastavnik-cli sync of N sessions into a new replica
//   P6 compaction    p6_compaction.cpp   store size after a year of edits, compacted or not
// Every figure starts its own server with a fresh store, so figures do not disturb each
// other, and compares itself with a baseline measured in the same run.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/bench/bench_env.h"
#include "tests/bench/bench_report.h"

namespace nastavnik::testing {
class FaultProxy;
}

namespace nastavnik::bench {

// People of the Volosovo demo registry the benchmarks act as.
namespace people {
inline const std::string kMethodologist = "00000000-0000-7000-8000-000300000028";  // Журналова И. В.
inline const std::string kMunicipalOffice = "00000000-0000-7000-8000-00030000002a";  // Звонкова Р. Ф.
inline const std::string kTeacher = "00000000-0000-7000-8000-000300000003";        // Пробная О. В., pair 1
inline const std::string kTutor = "00000000-0000-7000-8000-00030000001a";          // Грамотеева И. М., pair 1
}  // namespace people

struct BenchConfig {
  Programs programs;
  std::filesystem::path work;  // scratch directory of this run
  uint64_t seed = 1;
  bool quick = false;
  // Sessions from --records FILE (empty: the generator makes them).
  std::vector<nlohmann::json> file_records;
  std::string records_source;  // "generator (seed N)" or the file name
  // A prepared PouchDB harness (pouchdb_peer.h) to run beside P2 and P5; empty: none.
  std::filesystem::path pouchdb;

  size_t ingest_records = 10000;  // P1
  size_t push_records = 10000;    // P2
  size_t small_sync_records = 3;  // P3
  size_t week_records = 30;       // P4
  size_t cut_records = 3000;      // P4, the cut sync
  size_t pull_records = 100000;   // P5
  size_t compaction_records = 1000;  // P6
  size_t compaction_rounds = 4;      // P6: edits of every session after it was recorded

  // `count` sessions any methodologist may write: the first ones of --records (repeated
  // when the file is shorter), else generated across all demo pairs. `salt` varies the
  // generated data between figures.
  std::vector<nlohmann::json> sessions(size_t count, uint64_t salt) const;
  // Sessions `person` takes part in, dated within `days` days from `first_date`
  // (generated; with --records, the file's records, for a methodologist to write).
  std::vector<nlohmann::json> sessions_of(const std::string& person, size_t count, uint64_t salt,
                                          const std::string& first_date, int days) const;
};

void run_p1_ingest(const BenchConfig& config, BenchReport& report);
// P7: P1 on a PostgreSQL store, against COPY of the same rows into PostgreSQL.
void run_p7_postgresql_ingest(const BenchConfig& config, BenchReport& report);

// P2 hands its server, counting proxy and synced device over to P3.
struct PushSetup {
  std::unique_ptr<BenchServer> server;
  std::unique_ptr<testing::FaultProxy> proxy;
  std::unique_ptr<CliDevice> device;
  PushSetup();
  PushSetup(PushSetup&&) noexcept;
  PushSetup& operator=(PushSetup&&) noexcept;
  ~PushSetup();
};
PushSetup run_p2_push(const BenchConfig& config, BenchReport& report);
void run_p3_round_trips(const BenchConfig& config, BenchReport& report, PushSetup& setup);
void run_p4_slow_link(const BenchConfig& config, BenchReport& report);
void run_p5_pull(const BenchConfig& config, BenchReport& report);
void run_p6_compaction(const BenchConfig& config, BenchReport& report);

// Bytes of JSON Lines the records take (the size of the import file), the baseline for
// bytes on the wire.
uint64_t jsonl_bytes(const std::vector<nlohmann::json>& records);

}  // namespace nastavnik::bench
