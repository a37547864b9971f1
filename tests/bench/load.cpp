// nastavnik-load: many devices syncing at once against one real nastavnik-server process
// on 127.0.0.1 (issue 5, item 5). Each simulated device has its own small replica and key
// and uses the product's client library. First every device enrolls with its one-time
// code (8 at a time); then all devices, one thread each, are released together by a start
// barrier: each records a few sessions, syncs, records a few more and syncs again. A sync
// the engine gave up on (no answer within the transport's timeouts, after its retries) is
// run again, as a user would, at most five times.
//
// Each device pulls what its person may see once right after enrolling, as a new laptop
// does before its first working day; the concurrent phase is the working day: everyone's
// new records and incremental syncs at once.
//
// Checks (exit status 1 when one fails): every device finished; every op was acknowledged
// (nothing left in any outbox); the server's op and session counts grew by exactly what the
// devices sent (nothing lost, nothing duplicated); and a methodologist's device pulling
// afterwards finds every created session exactly once. Reported: p50/p99 of the sync
// latency against the same sync by one device alone on the idle server, and the server's
// peak resident memory (VmHWM) against its own right after start. Bounded: the device
// count is fixed, every request has timeouts, and a watchdog stops the run after
// --timeout-s.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <fstream>
#include <iostream>
#include <latch>
#include <set>
#include <thread>

#include "shared/core/hlc.h"
#include "syncserver/admin/enrollment.h"
#include "syncserver/ingest/store_opening.h"
#include "tests/bench/bench_env.h"
#include "tests/bench/bench_report.h"
#include "tests/bench/library_device.h"
#include "tests/bench/load_devices.h"
#include "tests/support/registry_copies.h"
#include "tests/bench/session_generator.h"
#include "tests/support/postgres_cluster.h"
#include "tests/support/temp_dir.h"

namespace nb = nastavnik::bench;
using nlohmann::json;

namespace {

const std::string kMethodologist = "00000000-0000-7000-8000-000300000028";

struct Options {
  int devices = 1000;
  int records = 3;  // per sync, two syncs per device
  int timeout_s = 900;
  int copies = 0;  // 0: enough copies of the registry for one device per person
  uint64_t seed = 1;
  std::string json_out, work_dir;
  std::vector<std::string> setups = {"sqlite"};
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t at = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size()))) - 1;
  return v[std::min(at, v.size() - 1)];
}

// Codes are issued before the server starts, as a methodologist would hand them out.
std::vector<std::string> issue_codes(const nb::BenchServer& server, const std::vector<nb::LoadPerson>& who) {
  auto store = nastavnik::server::open_store(server.store());
  if (!store.ok()) throw nb::BenchError("open the store: " + store.status().to_string());
  std::vector<std::string> codes;
  for (const auto& p : who) {
    auto code = nastavnik::server::issue_enrollment_code(**store, p.person_id, p.role, nastavnik::system_wall_clock_ms());
    if (!code.ok()) throw nb::BenchError("issue a code: " + code.status().to_string());
    codes.push_back(*code);
  }
  return codes;
}

std::vector<json> sessions_for(const nb::Programs& programs, const std::string& person, size_t count, uint64_t seed) {
  nb::GeneratorOptions o;
  o.count = count;
  o.seed = seed;
  o.person = person;
  o.first_date = "2026-11-02";
  o.days = 30;
  auto r = nb::generate_sessions(programs.demo_registry(), o);
  if (!r.ok()) throw nb::BenchError(r.status().to_string());
  return std::move(r).value();
}

// What one setup achieved, for the comparison of setups.
struct SetupFigures {
  std::string name;
  double syncs_per_s = 0, p50_ms = 0, p99_ms = 0, server_cpu_ms_per_sync = 0;
  int64_t peak_rss_kb = 0;
  bool ok = false;
};

SetupFigures run_setup(const Options& o, const std::vector<std::string>& args, const nb::ServerSetup& setup,
                       size_t setup_index, const std::filesystem::path& work) {
  nb::Programs programs = nb::Programs::from_build();
  std::filesystem::create_directories(work / "devices");
  std::cerr << "nastavnik-load: " << setup.describe() << std::endl;
  const json info = nb::run_info("nastavnik-load", args);
  nb::BenchReport report;

  const size_t people_per_copy = nb::load_people(programs.demo_registry()).size();
  const int copies = o.copies > 0 ? o.copies
                                  : static_cast<int>((static_cast<size_t>(o.devices) + people_per_copy - 1) /
                                                     std::max<size_t>(people_per_copy, 1));
  if (copies > 1) {
    nastavnik::testing::write_registry_copies(programs.demo_registry(), copies, work / "registry.json");
    programs.registry = work / "registry.json";
  }
  std::cerr << "nastavnik-load: the municipality holds " << copies << " cop" << (copies == 1 ? "y" : "ies")
            << " of the Volosovo registry" << std::endl;
  nb::BenchServer server(programs, work / "server", setup);
  const std::vector<nb::LoadPerson> people = nb::load_people(programs.demo_registry());
  std::vector<nb::LoadPerson> who;
  for (int i = 0; i < o.devices + 1; ++i) who.push_back(people[static_cast<size_t>(i) % people.size()]);
  who.push_back({kMethodologist, "methodologist"});  // the verifier
  std::cerr << "nastavnik-load: issuing " << who.size() << " enrollment codes" << std::endl;
  const std::vector<std::string> codes = issue_codes(server, who);
  server.start();
  const int64_t idle_rss_kb = server.peak_rss_kb();
  const json before = server.stats();

  auto plan_for = [&](int i, const std::string& name) {
    nb::LoadDevicePlan p;
    p.index = i;
    p.person = who[static_cast<size_t>(i)];
    p.code = codes[static_cast<size_t>(i)];
    p.replica = work / "devices" / (name + ".db");
    p.server_url = server.url();
    auto all = sessions_for(programs, p.person.person_id, 2 * static_cast<size_t>(o.records), o.seed * 100000 + static_cast<uint64_t>(i));
    p.batches[0].assign(all.begin(), all.begin() + o.records);
    p.batches[1].assign(all.begin() + o.records, all.end());
    return p;
  };

  // Baseline: the same work by one device alone on the idle server.
  std::cerr << "nastavnik-load: one device alone (baseline)" << std::endl;
  nb::LoadDevice solo_device(plan_for(o.devices, "solo"));
  if (!solo_device.enroll()) throw nb::BenchError("the baseline device failed: " + solo_device.result().error);
  solo_device.work([] {});
  const nb::LoadDeviceResult solo = solo_device.result();
  if (!solo.ok) throw nb::BenchError("the baseline device failed: " + solo.error);

  // Enrollment first, a few devices at a time: the figure is about syncing.
  std::cerr << "nastavnik-load: enrolling " << o.devices << " devices" << std::endl;
  std::vector<nb::LoadDevice> devices;
  devices.reserve(static_cast<size_t>(o.devices));
  for (int i = 0; i < o.devices; ++i) devices.emplace_back(plan_for(i, "device-" + std::to_string(i)));
  {
    std::atomic<size_t> next{0};
    std::vector<std::thread> enrollers;
    for (int t = 0; t < 8; ++t)
      enrollers.emplace_back([&] {
        for (size_t i = next++; i < devices.size(); i = next++) devices[i].enroll();
      });
    for (auto& t : enrollers) t.join();
  }

  // Watchdog: the run stops by itself.
  std::atomic<bool> finished{false};
  std::thread watchdog([&] {
    const double deadline = nb::now_ms() + o.timeout_s * 1000.0;
    while (!finished && nb::now_ms() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!finished) {
      std::cerr << "nastavnik-load: not finished within " << o.timeout_s << " s: stopping" << std::endl;
      server.stop();
      std::_Exit(1);
    }
  });

  std::cerr << "nastavnik-load: " << o.devices << " devices syncing concurrently" << std::endl;
  std::latch ready(static_cast<std::ptrdiff_t>(devices.size()));
  double start = 0, server_cpu_start = 0, devices_cpu_start = 0;
  {
    std::vector<std::thread> threads;
    threads.reserve(devices.size());
    for (auto& d : devices) threads.emplace_back([&] { d.work([&] { ready.arrive_and_wait(); }); });
    ready.wait();
    start = nb::now_ms();
    server_cpu_start = server.cpu_seconds();
    devices_cpu_start = nb::process_cpu_seconds();
    for (auto& t : threads) t.join();
  }
  const double wall_s = (nb::now_ms() - start) / 1000.0;
  // Both sides run on this machine's cores: what each spent tells which one set the pace.
  const double server_cpu_s = server.cpu_seconds() - server_cpu_start;
  const double devices_cpu_s = nb::process_cpu_seconds() - devices_cpu_start;
  finished = true;
  watchdog.join();
  const int64_t peak_rss_kb = server.peak_rss_kb();
  const json after = server.stats();
  std::vector<nb::LoadDeviceResult> results;
  for (const auto& d : devices) results.push_back(d.result());

  // Afterwards a methodologist's device pulls everything and looks for every session.
  std::cerr << "nastavnik-load: verifying with a methodologist's device" << std::endl;
  auto verifier = nb::LibraryDevice::create(work / "devices" / "verifier.db", server.url());
  if (!verifier.ok()) throw nb::BenchError(verifier.status().to_string());
  std::string verifier_error;
  if (auto s = (*verifier)->enroll(codes.back()); !s.ok()) verifier_error = "enroll: " + s.to_string();
  for (int run = 0; verifier_error.empty() && run < 5; ++run) {
    auto s = (*verifier)->sync();
    if (s.ok()) break;
    if (run == 4 || s.status().code() != nastavnik::StatusCode::kUnavailable) verifier_error = s.status().to_string();
  }
  server.stop();

  // --- Integrity.
  int failed = 0;
  int64_t expected_ops = static_cast<int64_t>(solo.created_ids.size()), acked_ops = solo.ops_sent;
  int64_t rejected = 0, not_acked = 0, changesets = solo.changesets_sent;
  std::vector<double> sync_ms, first_ms, second_ms, enroll_ms, initial_pull_ms;
  int64_t initial_pull_ops = 0;
  std::vector<std::string> errors;
  std::set<std::string> ids(solo.created_ids.begin(), solo.created_ids.end());
  for (const auto& r : results) {
    if (!r.ok) {
      ++failed;
      if (errors.size() < 5) errors.push_back(r.error);
      continue;
    }
    expected_ops += static_cast<int64_t>(r.created_ids.size());
    acked_ops += r.ops_sent;
    changesets += r.changesets_sent;
    rejected += r.rejected;
    not_acked += static_cast<int64_t>(r.unacked_after);
    ids.insert(r.created_ids.begin(), r.created_ids.end());
    enroll_ms.push_back(r.enroll_ms);
    initial_pull_ms.push_back(r.initial_pull_ms);
    initial_pull_ops += r.initial_pull_ops;
    first_ms.push_back(r.sync_ms[0]);
    second_ms.push_back(r.sync_ms[1]);
    sync_ms.push_back(r.sync_ms[0]);
    sync_ms.push_back(r.sync_ms[1]);
  }
  const int64_t new_ops = after.value("ops", int64_t{0}) - before.value("ops", int64_t{0});
  const int64_t new_sessions = after["records"].value("mentoring_session", int64_t{0}) -
                               before["records"].value("mentoring_session", int64_t{0});
  const int64_t new_changesets = after.value("changesets", int64_t{0}) - before.value("changesets", int64_t{0});
  int64_t seen = 0, missing = 0, rerun_syncs = 0, failed_attempts = 0, attempts = 0;
  for (const auto& r : results) {
    rerun_syncs += (r.runs[0] > 1) + (r.runs[1] > 1);
    failed_attempts += r.failed_attempts;
    attempts += r.attempts;
  }
  for (const auto& id : ids) {
    auto rec = (*verifier)->store().reader().get(id);
    if (rec.ok() && !rec->deleted) ++seen;
    else ++missing;
  }
  nastavnik::RecordQuery q;
  q.entity = "mentoring_session";
  auto verifier_sessions = (*verifier)->store().reader().count(q);

  std::string error_text;
  for (const auto& e : errors) error_text += (error_text.empty() ? "" : "; ") + e;
  report.check("every device finished", failed == 0,
               std::to_string(o.devices - failed) + " of " + std::to_string(o.devices) + (failed ? ": " + error_text : ""));
  report.check("every op acknowledged, none refused", acked_ops == expected_ops && not_acked == 0 && rejected == 0,
               std::to_string(acked_ops) + " of " + std::to_string(expected_ops) + " ops acknowledged, " +
                   std::to_string(not_acked) + " changesets unacknowledged, " + std::to_string(rejected) + " refused");
  report.check("server: nothing lost, nothing duplicated",
               new_ops == expected_ops && new_sessions == expected_ops && new_changesets == changesets,
               std::to_string(new_ops) + " new ops, " + std::to_string(new_sessions) + " new sessions, " +
                   std::to_string(new_changesets) + " new changesets for " + std::to_string(expected_ops) +
                   " ops in " + std::to_string(changesets) + " changesets sent");
  report.check("a later pull finds every session once",
               verifier_error.empty() && missing == 0 && static_cast<int64_t>(ids.size()) == expected_ops && verifier_sessions.ok() &&
                   *verifier_sessions == after["records"].value("mentoring_session", int64_t{0}),
               verifier_error.empty() ? std::to_string(seen) + " of " + std::to_string(ids.size()) +
                                            " sessions found, " + std::to_string(missing) + " missing"
                                      : "the verifying device failed: " + verifier_error);

  // --- Figures.
  const double solo_ms = (solo.sync_ms[0] + solo.sync_ms[1]) / 2;
  const double p50 = percentile(sync_ms, 50), p99 = percentile(sync_ms, 99);
  report.add({"LOAD", "devices syncing concurrently", static_cast<double>(o.devices), "devices", "", 0, "", std::nullopt,
              ">= 1000", o.devices >= 1000,
              std::to_string(2 * o.records) + " sessions each, in 2 syncs; municipality of " + std::to_string(copies) +
                  " Volosovo registr" + (copies == 1 ? "y" : "ies")});
  report.add({"LOAD", "sync latency p50", p50, "ms", "one device alone", solo_ms, "ms", p50 / solo_ms, "", std::nullopt,
              "first sync p50 " + nb::format_number(percentile(first_ms, 50), 0) + " ms, second " +
                  nb::format_number(percentile(second_ms, 50), 0) + " ms"});
  report.add({"LOAD", "sync latency p99", p99, "ms", "one device alone", solo_ms, "ms", p99 / solo_ms, "", std::nullopt,
              "first sync p99 " + nb::format_number(percentile(first_ms, 99), 0) + " ms, second " +
                  nb::format_number(percentile(second_ms, 99), 0) + " ms"});
  report.add({"LOAD", "HTTP requests that failed and were retried", static_cast<double>(failed_attempts),
              "requests", "", 0, "", std::nullopt, "", std::nullopt,
              "of " + std::to_string(attempts) + " sent by the sync engines; " + std::to_string(rerun_syncs) +
                  " syncs needed another run after the engine gave up"});
  report.add({"LOAD", "enrollment latency p99", percentile(enroll_ms, 99), "ms", "", 0, "", std::nullopt, "",
              std::nullopt, "8 at a time, before the syncs; p50 " + nb::format_number(percentile(enroll_ms, 50), 0) +
                                " ms"});
  report.add({"LOAD", "initial pull latency p99", percentile(initial_pull_ms, 99), "ms", "", 0, "", std::nullopt, "",
              std::nullopt,
              "each device's first sync right after enrolling (8 at a time, before the concurrent phase); p50 " +
                  nb::format_number(percentile(initial_pull_ms, 50), 0) + " ms, " +
                  std::to_string(initial_pull_ops / std::max<int64_t>(static_cast<int64_t>(results.size()), 1)) +
                  " ops per device"});
  report.add({"LOAD", "server peak RSS", static_cast<double>(peak_rss_kb) / 1024.0, "MB", "server right after start",
              static_cast<double>(idle_rss_kb) / 1024.0, "MB",
              static_cast<double>(peak_rss_kb) / static_cast<double>(std::max<int64_t>(idle_rss_kb, 1)), "",
              std::nullopt, "VmHWM of the nastavnik-server process"});
  report.add({"LOAD", "throughput", static_cast<double>(sync_ms.size()) / wall_s, "syncs/s", "", 0, "", std::nullopt,
              "", std::nullopt,
              "all " + std::to_string(o.devices) + " devices done in " + nb::format_number(wall_s, 1) + " s"});
  const double syncs = static_cast<double>(std::max<size_t>(sync_ms.size(), 1));
  const double cores = static_cast<double>(std::max(1u, std::thread::hardware_concurrency()));
  report.add({"LOAD", "server CPU per sync", server_cpu_s * 1000.0 / syncs, "ms", "simulated devices' CPU per sync",
              devices_cpu_s * 1000.0 / syncs, "ms", server_cpu_s / std::max(devices_cpu_s, 1e-9), "", std::nullopt,
              "during the concurrent phase; the devices (a replica, sealing, signing and HTTP each) share the "
              "machine's " + nb::format_number(cores, 0) + " cores with the server, so the throughput above is "
              "the machine's, not the server's alone: the server used " +
                  nb::format_number(100.0 * server_cpu_s / (wall_s * cores), 0) + " % of the cores"});
  report.details("LOAD") = {{"devices", o.devices},
                            {"registry_copies", copies},
                            {"records_per_sync", o.records},
                            {"people", people.size()},
                            {"wall_seconds", wall_s},
                            {"sync_attempts", attempts},
                            {"failed_sync_attempts", failed_attempts},
                            {"syncs_run_again", rerun_syncs},
                            {"solo", {{"enroll_ms", solo.enroll_ms}, {"sync_ms", {solo.sync_ms[0], solo.sync_ms[1]}},
                                      {"requests", {solo.requests[0], solo.requests[1]}}}},
                            {"sync_ms", {{"p50", p50}, {"p90", percentile(sync_ms, 90)}, {"p99", p99},
                                         {"max", percentile(sync_ms, 100)}}},
                            {"first_sync_ms", {{"p50", percentile(first_ms, 50)}, {"p99", percentile(first_ms, 99)}}},
                            {"second_sync_ms", {{"p50", percentile(second_ms, 50)}, {"p99", percentile(second_ms, 99)}}},
                            {"enroll_ms", {{"p50", percentile(enroll_ms, 50)}, {"p99", percentile(enroll_ms, 99)}}},
                            {"initial_pull_ms",
                             {{"p50", percentile(initial_pull_ms, 50)}, {"p99", percentile(initial_pull_ms, 99)}}},
                            {"server_idle_rss_kb", idle_rss_kb},
                            {"server_peak_rss_kb", peak_rss_kb},
                            {"server_stats_before", before},
                            {"server_stats_after", after}};

  const json full = report.to_json(info);
  std::cout << "\nnastavnik-load — " << setup.describe() << " — " << info["date_utc"].get<std::string>() << ", "
            << info["cores"] << " cores\n\n";
  report.print(std::cout);
  json summary = full;
  summary.erase("details");
  std::cout << "\n" << summary.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  if (!o.json_out.empty()) {
    std::filesystem::path out(o.json_out);
    // One report per setup: load.json, or load-2.json, load-3.json... for the later setups.
    if (setup_index > 0)
      out.replace_filename(out.stem().string() + "-" + std::to_string(setup_index + 1) + out.extension().string());
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
    std::ofstream f(out);
    f << full.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  }
  return SetupFigures{setup.describe(), static_cast<double>(sync_ms.size()) / wall_s, p50, p99,
                      server_cpu_s * 1000.0 / syncs, peak_rss_kb, report.integrity_ok()};
}

// "sqlite" (the server alone), "sqlite+nginx", "postgresql:N" (N instances behind nginx).
nb::ServerSetup parse_setup(const std::string& text) {
  nb::ServerSetup setup;
  if (text == "sqlite") return setup;
  if (text == "sqlite+nginx") {
    setup.front = true;
    return setup;
  }
  if (text.starts_with("postgresql:")) {
    setup.front = true;
    setup.instances = std::stoi(text.substr(11));
    if (setup.instances < 1 || setup.instances > 16) throw nb::BenchError("postgresql:N takes 1 to 16 instances");
    setup.store = "postgresql";  // replaced by a database of the run's cluster
    return setup;
  }
  throw nb::BenchError("unknown setup '" + text + "': use sqlite, sqlite+nginx or postgresql:N");
}

int run(const Options& o, const std::vector<std::string>& args) {
  std::unique_ptr<nastavnik::testing::TempDir> temp;
  std::filesystem::path work;
  if (o.work_dir.empty()) {
    temp = std::make_unique<nastavnik::testing::TempDir>();
    work = temp->path();
  } else {
    work = std::filesystem::absolute(o.work_dir);
  }
  std::vector<nb::ServerSetup> setups;
  for (const auto& text : o.setups) setups.push_back(parse_setup(text));
  // PostgreSQL as a production server runs it (fsync on), in a cluster of this run's own.
  std::unique_ptr<nastavnik::testing::PostgresCluster> cluster;
  std::vector<SetupFigures> figures;
  bool ok = true;
  for (size_t i = 0; i < setups.size(); ++i) {
    nb::ServerSetup setup = setups[i];
    const auto dir = work / ("setup-" + std::to_string(i + 1));
    if (!setup.store.empty()) {
      if (!cluster) cluster = std::make_unique<nastavnik::testing::PostgresCluster>(true);
      setup.store = cluster->create_database();
      setup.key_file = dir / "server.key";
      std::filesystem::create_directories(dir);
    }
    figures.push_back(run_setup(o, args, setup, i, dir));
    ok = ok && figures.back().ok;
  }
  if (figures.size() > 1) {
    // Every ratio is against the first setup, measured in this same run.
    std::cout << "\nnastavnik-load — setups compared (" << o.devices << " devices; ratios against the first)\n\n";
    const SetupFigures& base = figures.front();
    for (const auto& f : figures)
      std::cout << "  " << f.name << ": " << nb::format_number(f.syncs_per_s, 1) << " syncs/s ("
                << nb::format_number(f.syncs_per_s / std::max(base.syncs_per_s, 1e-9), 2) << "x), p50 "
                << nb::format_number(f.p50_ms, 0) << " ms, p99 " << nb::format_number(f.p99_ms, 0)
                << " ms, server CPU " << nb::format_number(f.server_cpu_ms_per_sync, 2) << " ms per sync, peak RSS "
                << nb::format_number(static_cast<double>(f.peak_rss_kb) / 1024.0, 1) << " MB per instance"
                << (f.ok ? "" : "  [INTEGRITY FAILED]") << "\n";
  }
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"nastavnik-load: many simulated devices syncing concurrently against one nastavnik-server"};
  app.add_option("--devices", o.devices, "Simulated devices, one thread each (default 1000)")->check(CLI::Range(1, 5000));
  app.add_option("--records-per-device", o.records, "Sessions each device records before each of its two syncs (default 3)")
      ->check(CLI::Range(1, 1000));
  app.add_option("--timeout-s", o.timeout_s, "Stop the run after this many seconds (default 900)")->check(CLI::Range(10, 7200));
  app.add_option("--registry-copies", o.copies,
                 "Copies of the Volosovo registry in the municipality, each a district with its own schools, "
                 "people and pairs (default: enough for one device per person; 1: all devices in the five demo "
                 "pairs)")
      ->check(CLI::Range(1, 1000));
  app.add_option("--seed", o.seed, "Seed of the session generator (default 1)");
  app.add_option("--json-out", o.json_out, "Also write the full JSON report to this file");
  app.add_option("--work", o.work_dir, "Scratch directory to use and keep (default: a temporary one, removed)");
  app.add_option("--setups", o.setups,
                 "Server setups to run one after the other, compared at the end: sqlite (the server alone), "
                 "sqlite+nginx, postgresql:N (N instances on one PostgreSQL store behind nginx; the program starts "
                 "its own PostgreSQL). Default: sqlite. E.g. --setups sqlite+nginx,postgresql:1,postgresql:3")
      ->delimiter(',');
  CLI11_PARSE(app, argc, argv);
  try {
    return run(o, std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "nastavnik-load: " << e.what() << "\n";
    return 1;
  }
}
