// Convergence through the sync server (issue 5, item 1).
//
// Five devices of four kinds — the methodologist, a tutor with two laptops, a teacher of
// that tutor's pair and the tutor of another pair — write at random (creates, edits and
// deletes of mentoring sessions, individual routes and route steps, with concurrent edits
// of the same fields) and sync through a network that loses requests and answers, delivers
// requests twice, delivers old requests again late, cuts answers short, and partitions
// devices. Devices also relay each other's signed changesets and re-push old ones, in any
// order. Then the partitions heal, in a random order, and:
//  - the server's records equal an independent model of the merge rules over every op
//    written, and the server holds each op exactly once;
//  - every device holds exactly the records the server lets it read, equal to the server's;
//  - conflict records, on the server and on every device, are exactly those the model
//    predicts for concurrent same-field writes and edits of deleted records, and each one
//    is a pair of writes that really did not see each other;
//  - no op was refused, nothing is left unsent, and one more sync has nothing to do.
//
// Seeds: NASTAVNIK_SERVER_SEEDS=N (default 100) in process; against the real
// nastavnik-server over HTTP, NASTAVNIK_HTTP_CI_SEEDS=N (default 3) in CI and the [.soak]
// variant NASTAVNIK_HTTP_SEEDS=N (default 10).
// NASTAVNIK_SEED=S replays one seed; a failure prints the command.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <iostream>
#include <sstream>

#include "tests/reliability/convergence_scenario.h"

using namespace nastavnik::testing;

namespace {

uint64_t env_or(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::stoull(v) : fallback;
}

// The scenarios check merge, protocol and scope logic, not the disk: their files go to a
// memory file system when there is one, or thousands of synchronous commits per seed would
// measure little but the disk's flush latency. (crash_test.cpp works on the real disk.)
// NASTAVNIK_CONVERGENCE_TMPDIR chooses another folder.
class ScopedTempFolder {
 public:
  ScopedTempFolder() {
    const char* old = std::getenv("TMPDIR");
    if (old) saved_ = old;
    had_ = old != nullptr;
    const char* chosen = std::getenv("NASTAVNIK_CONVERGENCE_TMPDIR");
    std::string dir = chosen && *chosen ? chosen : "/dev/shm";
    if (::access(dir.c_str(), W_OK) == 0) ::setenv("TMPDIR", dir.c_str(), 1);
  }
  ~ScopedTempFolder() {
    if (had_)
      ::setenv("TMPDIR", saved_.c_str(), 1);
    else
      ::unsetenv("TMPDIR");
  }

 private:
  std::string saved_;
  bool had_ = false;
};

void run_seeds(const char* seeds_env, uint64_t default_seeds, const std::string& tag,
               const WorldFactory& make_world) {
  ScopedTempFolder in_memory;
  const bool replay = std::getenv("NASTAVNIK_SEED") != nullptr;
  const uint64_t first = env_or("NASTAVNIK_SEED", 1);
  const uint64_t seeds = replay ? 1 : env_or(seeds_env, default_seeds);
  ScenarioTotals totals;
  std::string world;
  for (uint64_t seed = first; seed < first + seeds; ++seed) {
    INFO("replay with: NASTAVNIK_SEED=" << seed << " reliability_tests \"" << tag << "\"");
    ConvergenceScenario scenario(seed, make_world);
    world = scenario.world_name();
    scenario.run();
    if (!scenario.check()) FAIL("seed " << seed << " did not converge");
    totals += scenario.totals();
  }
  std::cout << "convergence through " << world << ": " << seeds << " seeds from " << first << ", "
            << totals.describe() << std::endl;
  // The scenarios must really exercise what they claim to, or passing proves little.
  if (seeds >= 20) {
    CHECK(totals.ops > static_cast<int64_t>(seeds) * 20);
    CHECK(totals.concurrent_writes > static_cast<int64_t>(seeds) / 2);
    CHECK(totals.edits_of_deleted > 0);
    CHECK(totals.faults.dropped_requests > 0);
    CHECK(totals.faults.dropped_replies > 0);
    CHECK(totals.faults.duplicates > 0);
    CHECK(totals.faults.stale_replays > 0);
    CHECK(totals.faults.truncated > 0);
    CHECK(totals.faults.offline_refusals > 0);
    CHECK(totals.relayed_accepted > 0);
    CHECK(totals.relayed_duplicates > 0);
    CHECK(totals.relayed_gaps > 0);
  }
}

}  // namespace

TEST_CASE("devices of four roles converge through the sync service over a faulty network",
          "[reliability][convergence][server]") {
  run_seeds("NASTAVNIK_SERVER_SEEDS", 100, "[convergence][server]", make_in_process_world);
}

TEST_CASE("devices of four roles converge through the real server over HTTP, a few seeds",
          "[reliability][convergence][http-ci]") {
  run_seeds("NASTAVNIK_HTTP_CI_SEEDS", 3, "[convergence][http-ci]", make_http_world);
}

TEST_CASE("devices of four roles converge through the real server over HTTP",
          "[.soak][reliability][convergence][http]") {
  run_seeds("NASTAVNIK_HTTP_SEEDS", 10, "[convergence][http]", make_http_world);
}
