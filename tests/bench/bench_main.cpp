// nastavnik-bench: the performance figures (P1-P6, see figures.h), each with a
// baseline measured in the same run. Prints a table, then a JSON summary; --json-out
// writes the full JSON (with every measured detail) to a file. Exit status 0 when every
// integrity check passed (targets missed are reported, not failed), 1 otherwise, 2 for a
// usage error. A benchmark, not a test: timings are never asserted.

#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "tests/bench/figures.h"
#include "tests/bench/session_generator.h"
#include "tests/support/fault_proxy.h"
#include "tests/support/temp_dir.h"

namespace nb = nastavnik::bench;
using nlohmann::json;

namespace {

struct Options {
  bool quick = false;
  std::string records_file, json_out, work_dir, only, pouchdb, dump_records;
  uint64_t seed = 1;
  size_t ingest = 0, push = 0, pull = 0, week = 0, cut = 0;
};

std::set<std::string> figures_to_run(const std::string& only) {
  std::set<std::string> all = {"P1", "P2", "P3", "P4", "P5", "P6", "P7"};
  if (only.empty()) return all;
  std::set<std::string> out;
  std::stringstream ss(only);
  for (std::string f; std::getline(ss, f, ',');) {
    for (auto& c : f) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!all.count(f)) throw CLI::ValidationError("--only", "unknown figure " + f + " (P1..P7)");
    out.insert(f);
  }
  if (out.count("P3")) out.insert("P2");  // P3 runs on the laptop P2 synced
  return out;
}

template <typename Fn>
void run_figure(const std::string& name, nb::BenchReport& report, Fn fn) {
  std::cerr << "nastavnik-bench: " << name << "..." << std::endl;
  const double start = nb::now_ms();
  try {
    fn();
  } catch (const std::exception& e) {
    report.check(name + " ran to the end", false, e.what());
  }
  std::cerr << "nastavnik-bench: " << name << " done in " << nb::format_number((nb::now_ms() - start) / 1000.0, 1)
            << " s" << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"nastavnik-bench: ingest, push, round trips, slow link and pull figures with same-run baselines"};
  app.add_flag("--quick", o.quick, "Small sizes, for a smoke run (CI)");
  app.add_option("--records", o.records_file,
                 "Take the sessions from this JSON Lines file (one mentoring session per line, the format of "
                 "`nastavnik-cli session add --from-json`) instead of the generator; repeated when shorter")
      ->check(CLI::ExistingFile);
  app.add_option("--json-out", o.json_out, "Also write the full JSON report to this file");
  app.add_option("--work", o.work_dir, "Scratch directory to use and keep (default: a temporary one, removed)");
  app.add_option("--seed", o.seed, "Seed of the session generator (default 1)");
  app.add_option("--pouchdb", o.pouchdb,
                 "A prepared PouchDB harness (a copy of shared/peers/pouchdb after `npm ci`): P2 and P5 run it on "
                 "the same records and print the ratios; default $NASTAVNIK_POUCHDB")
      ->envname("NASTAVNIK_POUCHDB")
      ->check(CLI::ExistingDirectory);
  app.add_option("--dump-records", o.dump_records,
                 "Write P2's sessions (JSON Lines, the import format) to this file and exit, for loading the same "
                 "records into another system");
  app.add_option("--only", o.only, "Comma-separated figures to run, e.g. P1,P4 (default all)");
  app.add_option("--ingest-records", o.ingest, "P1 size (default 10000, quick 1000)");
  app.add_option("--push-records", o.push, "P2 size (default 10000, quick 1000)");
  app.add_option("--pull-records", o.pull, "P5 size (default 100000, quick 3000)");
  app.add_option("--week-records", o.week, "P4 teacher's week (default 30)");
  app.add_option("--cut-records", o.cut, "P4 cut sync size (default 3000, quick 2500)");
  std::set<std::string> figures;
  try {
    app.parse(argc, argv);
    figures = figures_to_run(o.only);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  nb::BenchConfig config;
  config.programs = nb::Programs::from_build();
  for (const auto& p : {config.programs.server, config.programs.cli})
    if (!std::filesystem::exists(p)) {
      std::cerr << "nastavnik-bench: " << p << " does not exist: build nastavnik-server and nastavnik-cli first\n";
      return 1;
    }
  config.seed = o.seed;
  config.quick = o.quick;
  if (o.quick) {
    config.ingest_records = 1000;
    config.push_records = 1000;
    config.pull_records = 3000;
    config.cut_records = 2500;
    config.compaction_records = 200;
  }
  if (o.ingest) config.ingest_records = o.ingest;
  if (o.push) config.push_records = o.push;
  if (o.pull) config.pull_records = o.pull;
  if (o.week) config.week_records = o.week;
  if (o.cut) config.cut_records = o.cut;
  config.records_source = "generator (seed " + std::to_string(o.seed) + ")";
  if (!o.records_file.empty()) {
    auto records = nb::read_sessions_jsonl(o.records_file);
    if (!records.ok()) {
      std::cerr << "nastavnik-bench: " << records.status().message() << "\n";
      return 1;
    }
    config.file_records = std::move(records).value();
    config.records_source = o.records_file + " (" + std::to_string(config.file_records.size()) + " sessions)";
  }

  config.pouchdb = o.pouchdb.empty() ? std::filesystem::path() : std::filesystem::absolute(o.pouchdb);
  if (!o.dump_records.empty()) {
    auto written = nb::write_sessions_jsonl(o.dump_records, config.sessions(config.push_records, 2));
    if (!written.ok()) {
      std::cerr << "nastavnik-bench: " << written.status().message() << "\n";
      return 1;
    }
    std::cout << "wrote " << config.push_records << " sessions (" << *written << " bytes) to " << o.dump_records << "\n";
    return 0;
  }

  std::unique_ptr<nastavnik::testing::TempDir> temp;
  if (o.work_dir.empty()) {
    temp = std::make_unique<nastavnik::testing::TempDir>();
    config.work = temp->path();
  } else {
    config.work = std::filesystem::absolute(o.work_dir);
    std::filesystem::create_directories(config.work);
  }

  std::vector<std::string> args(argv + 1, argv + argc);
  const json info = nb::run_info("nastavnik-bench", args);
  nb::BenchReport report;
  if (figures.count("P1")) run_figure("P1 ingest", report, [&] { nb::run_p1_ingest(config, report); });
  if (figures.count("P2")) {
    nb::PushSetup setup;
    run_figure("P2 initial push", report, [&] { setup = nb::run_p2_push(config, report); });
    if (figures.count("P3") && setup.device)
      run_figure("P3 round trips", report, [&] { nb::run_p3_round_trips(config, report, setup); });
  }
  if (figures.count("P4")) run_figure("P4 slow link", report, [&] { nb::run_p4_slow_link(config, report); });
  if (figures.count("P5")) run_figure("P5 initial pull", report, [&] { nb::run_p5_pull(config, report); });
  if (figures.count("P6")) run_figure("P6 compaction", report, [&] { nb::run_p6_compaction(config, report); });
  if (figures.count("P7"))
    run_figure("P7 ingest on PostgreSQL", report, [&] { nb::run_p7_postgresql_ingest(config, report); });

  json full = report.to_json(info);
  full["run"]["records_source"] = config.records_source;
  full["run"]["sizes"] = {{"ingest", config.ingest_records}, {"push", config.push_records},
                          {"small_sync", config.small_sync_records}, {"week", config.week_records},
                          {"cut", config.cut_records},       {"pull", config.pull_records}};
  std::cout << "\nnastavnik-bench — " << info["date_utc"].get<std::string>() << ", " << info["cores"] << " cores, "
            << "records: " << config.records_source << "\n\n";
  report.print(std::cout);
  json summary = full;
  summary.erase("details");
  std::cout << "\n" << summary.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  if (!o.json_out.empty()) {
    std::filesystem::path out(o.json_out);
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
    std::ofstream f(out);
    f << full.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    if (!f) {
      std::cerr << "nastavnik-bench: cannot write " << o.json_out << "\n";
      return 1;
    }
  }
  return report.integrity_ok() ? 0 : 1;
}
