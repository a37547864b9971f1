// nastavnik-field-bench: the municipal server as the field meets it (issue 9), measured.
//   F1  200 school laptops syncing a teacher's week each over 2G (64 kbit/s, 600 ms) at once,
//       through the nginx front: p50, p90 and max against one laptop alone on the same link;
//       bytes down against bytes up of one laptop; the slowest /healthz of a fast client.
//   F2  the same fleet against the embedded server alone: what the front changes.
//   F3  one laptop's sync while 50 slowloris, 500 idle, 8 silent 16 MB uploads and a 256 MiB
//       request line are open, against the same sync without them; server peak memory.
// Each figure starts its own server (scripts/front runs nginx with the shipped files) and
// compares itself with a baseline measured in the same run. Targets are printed, never
// checked: the program fails only when an integrity check fails (a laptop's sync failed or
// an op was not acknowledged).

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <regex>
#include <thread>

#include "tests/bench/bench_env.h"
#include "tests/bench/bench_report.h"
#include "tests/field/slow_link_fleet.h"
#include "tests/support/registry_copies.h"
#include "tests/support/spawn.h"
#include "tests/support/temp_dir.h"

namespace nastavnik::bench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

pid_t spawn(const std::vector<std::string>& argv, const fs::path& out) {
  return testing::spawn_process(argv, out, out.string() + ".err");
}

void stop(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

std::string wait_for_file(const fs::path& path, pid_t pid, const std::string& what) {
  for (int i = 0; i < 3000; ++i) {
    std::ifstream in(path);
    std::string text;
    if (in >> text && !text.empty()) return text;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) throw BenchError(what + " stopped while starting");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw BenchError(what + " did not start within 30 s");
}

// A store with `registry`, served by nastavnik-server alone or behind the nginx front.
class Site {
 public:
  Site(const Programs& p, const fs::path& dir, const fs::path& registry, bool front) : p_(p), dir_(dir) {
    fs::create_directories(dir);
    admin({"init"});
    admin({"import-registry", registry.string()});
    if (front) {
      pid_ = spawn({NASTAVNIK_BENCH_FRONT_SCRIPT, "--store", store(), "--listen", "127.0.0.1:0", "--port-file",
                    (dir / "port").string(), "--server", p.server.string(), "--server-pid-file",
                    (dir / "server.pid").string(), "--server-arg=--log-level", "--server-arg=warn"},
                   dir / "front.log");
      port_ = std::stoi(wait_for_file(dir / "port", pid_, "scripts/front"));
      server_pid_ = std::stoi(wait_for_file(dir / "server.pid", pid_, "scripts/front"));
    } else {
      pid_ = spawn({p.server.string(), "serve", "--store", store(), "--listen", "127.0.0.1:0", "--port-file",
                    (dir / "port").string(), "--log-level", "warn"},
                   dir / "server.log");
      port_ = std::stoi(wait_for_file(dir / "port", pid_, "nastavnik-server"));
      server_pid_ = pid_;
    }
  }
  ~Site() { stop(pid_); }
  int port() const { return port_; }
  pid_t server_pid() const { return server_pid_; }
  std::string store() const { return (dir_ / "municipal.db").string(); }
  Measured admin(std::vector<std::string> args) {
    args.insert(args.begin(), p_.server.string());
    args.push_back("--store");
    args.push_back(store());
    Measured m = run_measured(args, 120);
    if (m.exit_code != 0) throw BenchError("nastavnik-server " + args.at(1) + ": " + m.err);
    return m;
  }
  std::string code_for(const std::string& person, const std::string& role) {
    const Measured m = admin({"enroll-code", "--person", person, "--role", role});
    std::smatch match;
    static const std::regex kCode("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
    if (!std::regex_search(m.out, match, kCode)) throw BenchError("no code in: " + m.out);
    return match.str();
  }

 private:
  Programs p_;
  fs::path dir_;
  pid_t pid_ = -1, server_pid_ = -1;
  int port_ = 0;
};

void fleet_figure(BenchReport& report, const Programs& programs, const fs::path& dir, int laptops, bool front) {
  const std::string figure = front ? "F1" : "F2";
  const std::string where = front ? " through the nginx front" : " against the embedded server alone";
  testing::FleetOptions options;
  options.laptops = laptops;
  fs::create_directories(dir);
  testing::write_fleet_registry(programs.demo_registry(), options, dir / "registry.json");
  Site site(programs, dir / "site", dir / "registry.json", front);
  const testing::FleetResult r = testing::run_fleet(
      site.port(), [&](const std::string& person, const std::string& role) { return site.code_for(person, role); },
      dir / "fleet", options);
  const std::string fleet = std::to_string(laptops - 1) + " laptops at once over 2G" + where;
  const std::string alone = "one laptop alone on the same link";
  report.add({figure, fleet + ": p50 sync", r.percentile(0.5), "s", alone, r.alone_seconds, "s",
              r.percentile(0.5) / r.alone_seconds, "", std::nullopt, ""});
  report.add({figure, fleet + ": p90 sync", r.percentile(0.9), "s", alone, r.alone_seconds, "s",
              r.percentile(0.9) / r.alone_seconds, "", std::nullopt, ""});
  report.add({figure, fleet + ": slowest sync", r.percentile(1.0), "s", alone, r.alone_seconds, "s",
              r.percentile(1.0) / r.alone_seconds, front ? "<= 3x alone" : "", front ? std::optional<bool>(r.percentile(1.0) <= 3 * r.alone_seconds) : std::nullopt,
              std::to_string(options.sessions_per_laptop) + " sessions each"});
  report.add({figure, fleet + ": slowest /healthz of a fast client", r.healthz_max_seconds, "s", "", 0, "",
              std::nullopt, front ? "< 1 s" : "", front ? std::optional<bool>(r.healthz_max_seconds < 1.0) : std::nullopt,
              std::to_string(r.healthz_checks) + " checks, " + std::to_string(r.healthz_failures) + " failed"});
  if (front) {
    report.add({figure, "bytes down of one laptop's week", static_cast<double>(r.alone_bytes_down), "B",
                "bytes up of the same sync", static_cast<double>(r.alone_bytes_up), "B",
                static_cast<double>(r.alone_bytes_down) / static_cast<double>(r.alone_bytes_up), "", std::nullopt,
                "its own ops are not sent back"});
  }
  std::string errors;
  for (const auto& e : r.errors) errors += e + "; ";
  report.check(figure + " every laptop's sync completed", r.errors.empty(), errors);
  report.check(figure + " every op acknowledged", r.ops_sent == r.ops_expected,
               std::to_string(r.ops_sent) + " of " + std::to_string(r.ops_expected));
  report.details(figure) = {{"alone_seconds", r.alone_seconds}, {"sync_seconds", r.sync_seconds},
                            {"bytes_down", r.bytes_down},       {"healthz_max_seconds", r.healthz_max_seconds}};
}

// One CLI laptop's sync of a few sessions, timed.
double cli_sync_seconds(const Programs& programs, Site& site, const fs::path& dir, BenchReport& report,
                        const std::string& name) {
  CliDevice laptop(programs, dir);
  laptop.init_and_enroll("http://127.0.0.1:" + std::to_string(site.port()),
                         site.code_for("00000000-0000-7000-8000-00030000001a", "tutor"));
  laptop.run_ok({"session", "add", "--topic", "Приём «инсерт» — урок № 3", "--stage", "theory", "--format", "offline",
                 "--pair-id", "00000000-0000-7000-8000-000400000001"});
  const CliSync sync = cli_sync(laptop, true, 60);
  report.check(name, sync.process.exit_code == 0, sync.process.err);
  return sync.process.wall_ms / 1000.0;
}

void attack_figure(BenchReport& report, const Programs& programs, const fs::path& dir, bool front) {
  const std::string figure = "F3";
  fs::create_directories(dir);
  Site site(programs, dir / "site", programs.demo_registry(), front);
  const std::string where = front ? " (nginx front)" : " (embedded server alone)";
  const double calm = cli_sync_seconds(programs, site, dir / "calm", report, figure + " sync without attack" + where);
  const pid_t attack = spawn({NASTAVNIK_BENCH_HOSTILE_CLIENTS, "--port", std::to_string(site.port()), "--slowloris",
                              "50", "--idle", "500", "--declared-body", "8", "--long-line-mib", "256"},
                             dir / "attack.out");
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const double attacked =
      cli_sync_seconds(programs, site, dir / "attacked", report, figure + " sync under attack" + where);
  const int64_t rss = vm_hwm_kb(site.server_pid());
  stop(attack);
  report.add({figure, "a laptop's sync under attack" + where, attacked, "s", "the same sync without the attack", calm,
              "s", attacked / calm, "< 5 s", attacked < 5.0,
              "50 slowloris, 500 idle, 8 silent 16 MB uploads, one 256 MiB request line"});
  report.add({figure, "server peak memory under attack" + where, static_cast<double>(rss) / 1024.0, "MiB", "", 0, "",
              std::nullopt, "< 100 MiB", rss > 0 && rss < 100 * 1024, ""});
}

}  // namespace
}  // namespace nastavnik::bench

int main(int argc, char** argv) {
  using namespace nastavnik::bench;
  int laptops = 200;
  bool quick = false;
  std::string json_out, only;
  CLI::App app("The municipal server in the field: 2G fleets and hostile connections, against same-run baselines");
  app.add_option("--laptops", laptops, "Laptops of the 2G fleet (default 200)")->check(CLI::Range(2, 1000));
  app.add_flag("--quick", quick, "Small sizes (30 laptops)");
  app.add_option("--only", only, "Run only these figures, e.g. F1,F3");
  app.add_option("--json-out", json_out, "Write the JSON report here");
  CLI11_PARSE(app, argc, argv);
  if (quick) laptops = 30;
  const auto wanted = [&](const std::string& f) { return only.empty() || only.find(f) != std::string::npos; };
  try {
    const Programs programs = Programs::from_build();
    nastavnik::testing::TempDir work;
    BenchReport report;
    if (wanted("F1")) fleet_figure(report, programs, work / "f1", laptops, true);
    if (wanted("F2")) fleet_figure(report, programs, work / "f2", laptops, false);
    if (wanted("F3")) {
      attack_figure(report, programs, work / "f3-front", true);
      attack_figure(report, programs, work / "f3-embedded", false);
    }
    report.print(std::cout);
    const json out = report.to_json(run_info("nastavnik-field-bench", {argv + 1, argv + argc}));
    std::cout << out.dump(2) << "\n";
    if (!json_out.empty()) std::ofstream(json_out) << out.dump(2) << "\n";
    return report.integrity_ok() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "nastavnik-field-bench: " << e.what() << "\n";
    return 1;
  }
}
