#pragma once
// A rich replica of the Volosovo demo for screens, tests, the demo script and benchmarks:
// a methodologist's device holding the demo registry (assets/demo/volosovo.json) plus a
// school year (September 2026 – May 2027) of mentoring sessions in every stage of the
// "learning by action" chain, lesson visits with observation scores, teachers' deficit
// self-assessments at several dates (answered with versions 1 and 2 of the questionnaire),
// individual routes with steps, pair reviews, the schools' risk profiles in September and
// February, the programme's risk register (seed 003 §7), both half-years' conclusions,
// recommendations and decisions, and three schools' reported figures for both half-years —
// so the monitoring screen and the report show change. Every record id is fixed, so two builds
// hold the same records; only the clock stamps differ.
//
// Links client_core only (no Catch2), so the nastavnik-make-demo-replica tool can use it.

#include <cstdint>
#include <filesystem>

#include "client/store/data_dir.h"
#include "shared/core/status.h"

namespace nastavnik::testing {

// The methodologist whose device the demo replica is.
inline const std::string kDemoMethodologist = "00000000-0000-7000-8000-000300000028";

struct DemoSize {
  int64_t bulk_sessions = 0;  // extra mentoring sessions, for load tests and benchmarks

  static DemoSize kStandard() { return {}; }
  static DemoSize kLarge(int64_t sessions) { return {sessions}; }
};

// Initialises `data_dir` (which must not hold a replica yet) and fills it. The bulk
// sessions are written a thousand per transaction. Fails, naming the record, if the
// demo data does not pass the schema.
Status build_demo_replica(const DataDir& data_dir, DemoSize size,
                          const std::filesystem::path& assets = std::filesystem::path());

// The same school year of work written into the existing replica of the demo
// methodologist's enrolled laptop (it already holds the registry from the server), as
// pending changes its next sync sends: scripts/demo uses it so every laptop of the demo
// receives two half-years of work.
Status add_demo_school_year(const DataDir& data_dir, const std::filesystem::path& assets = std::filesystem::path());

}  // namespace nastavnik::testing
