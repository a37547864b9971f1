// P5 initial pull: the server holds N sessions (sent beforehand by a methodologist's device
// through the client library, 10,000 per sync); a new laptop of the municipal office, which
// may read the whole municipality, is enrolled and runs its first `nastavnik-cli sync`
// through the counting proxy. Baselines from the same run: importing the same sessions
// from their JSON Lines file into an empty replica with the same program (rate and memory),
// and the file's size for the bytes.

#include "client/store/local_store.h"
#include "tests/bench/figures.h"
#include "tests/bench/library_device.h"
#include "tests/bench/pouchdb_peer.h"
#include "tests/bench/session_generator.h"
#include "tests/support/fault_proxy.h"

namespace nastavnik::bench {
namespace {

using nlohmann::json;

int64_t sessions_in_replica(const std::filesystem::path& data_dir) {
  auto store = LocalStore::open(data_dir / "replica.db");
  need(store.status(), "open the pulled replica");
  RecordQuery q;
  q.entity = "mentoring_session";
  auto n = (*store)->reader().count(q);
  need(n.status(), "count sessions");
  return *n;
}

}  // namespace

void run_p5_pull(const BenchConfig& config, BenchReport& report) {
  const std::vector<json> records = config.sessions(config.pull_records, 5);
  const std::filesystem::path dir = config.work / "p5";
  std::filesystem::create_directories(dir);
  const auto file = dir / "sessions.jsonl";
  auto file_bytes = write_sessions_jsonl(file, records);
  need(file_bytes.status(), "write " + file.string());

  BenchServer server(config.programs, dir / "server");
  server.start();

  // Load the server.
  const double load_start = now_ms();
  {
    auto loader = LibraryDevice::create(dir / "loader.db", server.url());
    need(loader.status(), "loader replica");
    need((*loader)->enroll(server.code_for(people::kMethodologist, "methodologist")), "enroll the loader");
    for (size_t at = 0; at < records.size(); at += 10000) {
      const std::vector<json> part(records.begin() + static_cast<long>(at),
                                   records.begin() + static_cast<long>(std::min(records.size(), at + 10000)));
      need((*loader)->add_sessions(part).status(), "record sessions");
      auto s = (*loader)->sync();
      need(s.status(), "load the server");
      if (!s->rejected.empty()) throw BenchError("the server refused " + std::to_string(s->rejected.size()) + " ops");
    }
  }
  const double load_s = (now_ms() - load_start) / 1000.0;
  const json stats = server.stats();

  // Baseline: the same sessions imported locally by the same program.
  CliDevice local(config.programs, dir / "local-import");
  local.run_ok({"init", "--person", people::kMethodologist, "--role", "methodologist"});
  const Measured import = local.add_sessions(file);

  testing::FaultProxy proxy(server.port());
  CliDevice laptop(config.programs, dir / "office-laptop");
  laptop.init_and_enroll("http://127.0.0.1:" + std::to_string(proxy.port()),
                         server.code_for(people::kMunicipalOffice, "municipal_office"));
  const uint64_t up0 = proxy.bytes_up(), down0 = proxy.bytes_down();
  const CliSync sync = cli_sync(laptop);
  const uint64_t up = proxy.bytes_up() - up0, down = proxy.bytes_down() - down0;
  const int64_t pulled = sessions_in_replica(laptop.data_dir());

  const double n = static_cast<double>(records.size());
  const double rate = n / (sync.process.wall_ms / 1000.0), import_rate = n / (import.wall_ms / 1000.0);
  const double jsonl_per = static_cast<double>(*file_bytes) / n;
  const double rss_mb = static_cast<double>(sync.process.peak_rss_kb) / 1024.0;
  const double import_rss_mb = static_cast<double>(import.peak_rss_kb) / 1024.0;
  const std::string size = std::to_string(records.size());

  report.add({"P5", "pull " + size + ": rate", rate, "records/s", "local import of the file", import_rate, "records/s",
              rate / import_rate, "", std::nullopt, ""});
  report.add({"P5", "pull " + size + ": HTTP requests", static_cast<double>(sync.requests()), "requests", "", 0, "",
              std::nullopt, "", std::nullopt, "pages of 2000 ops"});
  report.add({"P5", "pull " + size + ": bytes down / record", static_cast<double>(down) / n, "B", "JSON Lines / record",
              jsonl_per, "B", static_cast<double>(down) / n / jsonl_per, "", std::nullopt, ""});
  report.add({"P5", "pull " + size + ": bytes up / record", static_cast<double>(up) / n, "B", "JSON Lines / record",
              jsonl_per, "B", static_cast<double>(up) / n / jsonl_per, "", std::nullopt, "signed page requests"});
  report.add({"P5", "pull " + size + ": client peak RSS", rss_mb, "MB", "local import of the file", import_rss_mb, "MB",
              rss_mb / import_rss_mb, "<= 100 MB", rss_mb <= 100, ""});
  // An idle sync of the full replica against one of a replica that holds next to nothing
  // (a teacher's of one pair), both after their first pull: a command's fixed cost must not
  // grow with the replica.
  CliDevice teacher(config.programs, dir / "teacher-laptop");
  teacher.init_and_enroll("http://127.0.0.1:" + std::to_string(proxy.port()),
                          server.code_for(people::kTeacher, "teacher"));
  cli_sync(teacher);
  const Measured idle_small = teacher.run_ok({"sync"});
  const Measured idle_full = laptop.run_ok({"sync"});
  report.add({"P5", "idle sync of the " + size + "-record replica: wall time", idle_full.wall_ms, "ms",
              "idle sync of a teacher's small replica", idle_small.wall_ms, "ms", idle_full.wall_ms / idle_small.wall_ms,
              "<= 2x", idle_full.wall_ms <= 2 * idle_small.wall_ms, "one request each; nothing to send or receive"});
  if (!config.pouchdb.empty()) {
    const PeerFigures peer = run_pouchdb_peer(config.pouchdb, file, records.size(), dir / "pouchdb.json");
    report.add({"P5", "pull " + size + ": rate against PouchDB", rate, "records/s", "PouchDB pull of the same records",
                peer.pull_rate, "docs/s", rate / peer.pull_rate, ">= 5x", rate >= 5 * peer.pull_rate,
                "PouchDB: " + std::to_string(peer.pull_requests) + " requests"});
    report.add({"P5", "pull " + size + ": client peak RSS against PouchDB", rss_mb, "MB", "PouchDB client",
                peer.pull_client_peak_rss_mb, "MB", rss_mb / peer.pull_client_peak_rss_mb, "", std::nullopt, ""});
  }
  report.check("P5 the new replica holds every session once", pulled == static_cast<int64_t>(records.size()),
               std::to_string(pulled) + " sessions in the pulled replica, " + size + " on the server");
  report.details("P5") = {{"records", records.size()},
                          {"records_source", config.records_source},
                          {"jsonl_bytes", *file_bytes},
                          {"server_load_seconds", load_s},
                          {"server_load_records_per_s", n / load_s},
                          {"server_stats", stats},
                          {"server_peak_rss_kb", server.peak_rss_kb()},
                          {"import_seconds", import.wall_ms / 1000.0},
                          {"import_peak_rss_kb", import.peak_rss_kb},
                          {"sync_seconds", sync.process.wall_ms / 1000.0},
                          {"sync_summary", sync.summary},
                          {"bytes_up", up},
                          {"bytes_down", down},
                          {"client_peak_rss_kb", sync.process.peak_rss_kb}};
}

}  // namespace nastavnik::bench
