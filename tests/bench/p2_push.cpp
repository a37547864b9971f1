// P2 initial push: a laptop enrolled on the server records N sessions offline (imported
// with `nastavnik-cli session add --from-json`, the documented JSON Lines format), then runs
// its first `nastavnik-cli sync`. The CLI is a separate process, so its peak memory is its
// own (wait4), and it reaches the server through a counting proxy, so bytes are those on the
// wire (compressed request bodies, compressed answers, HTTP headers).
// Baselines from the same run: the size of the same records as JSON Lines, the local import
// of the same file by the same program, and the memory of the CLI doing no sync (`status`).

#include <chrono>
#include <filesystem>

#include "tests/bench/figures.h"
#include "tests/bench/pouchdb_peer.h"
#include "tests/bench/session_generator.h"
#include "tests/support/fault_proxy.h"

namespace nastavnik::bench {

PushSetup::PushSetup() = default;
PushSetup::PushSetup(PushSetup&&) noexcept = default;
PushSetup& PushSetup::operator=(PushSetup&&) noexcept = default;
PushSetup::~PushSetup() {
  device.reset();
  proxy.reset();
  server.reset();
}

namespace {

using nlohmann::json;

bool nothing_pending(CliDevice& device) {
  const Measured m = device.run_ok({"pending", "--json"});
  const json p = json::parse(m.out, nullptr, false);
  return p.is_object() && p.value("unsealed_ops", -1) == 0 && p.value("unacked_changesets", json::array()).empty();
}

}  // namespace

PushSetup run_p2_push(const BenchConfig& config, BenchReport& report) {
  const std::vector<json> records = config.sessions(config.push_records, 2);
  const std::filesystem::path dir = config.work / "p2";
  std::filesystem::create_directories(dir);
  const auto file = dir / "sessions.jsonl";
  const uint64_t file_bytes = [&] {
    auto r = write_sessions_jsonl(file, records);
    if (!r.ok()) throw BenchError(r.status().to_string());
    return *r;
  }();

  PushSetup setup;
  setup.server = std::make_unique<BenchServer>(config.programs, dir / "server");
  setup.server->start();
  setup.proxy = std::make_unique<testing::FaultProxy>(setup.server->port());
  const std::string via_proxy = "http://127.0.0.1:" + std::to_string(setup.proxy->port());
  setup.device = std::make_unique<CliDevice>(config.programs, dir / "laptop");
  CliDevice& device = *setup.device;
  device.init_and_enroll(via_proxy, setup.server->code_for(people::kMethodologist, "methodologist"));
  const Measured idle_cli = device.run_ok({"status"});
  const Measured import = device.add_sessions(file);

  const json before = setup.server->stats();
  const uint64_t up0 = setup.proxy->bytes_up(), down0 = setup.proxy->bytes_down();
  const double server_cpu0 = setup.server->cpu_seconds();
  const CliSync sync = cli_sync(device);
  const double server_cpu_ms = (setup.server->cpu_seconds() - server_cpu0) * 1000.0;
  const uint64_t up = setup.proxy->bytes_up() - up0, down = setup.proxy->bytes_down() - down0;
  const json after = setup.server->stats();

  const double n = static_cast<double>(records.size());
  const double rate = n / (sync.process.wall_ms / 1000.0), import_rate = n / (import.wall_ms / 1000.0);
  const double jsonl_per_record = static_cast<double>(file_bytes) / n;
  const double up_per = static_cast<double>(up) / n, down_per = static_cast<double>(down) / n;
  const double rss_mb = static_cast<double>(sync.process.peak_rss_kb) / 1024.0;
  const double idle_rss_mb = static_cast<double>(idle_cli.peak_rss_kb) / 1024.0;
  const std::string size = std::to_string(records.size());

  report.add({"P2", "push " + size + ": rate", rate, "records/s", "local import of the file", import_rate,
              "records/s", rate / import_rate, "", std::nullopt,
              "whole `nastavnik-cli sync` process: sealing, signing, upload, receipts, and the pull that "
              "comes with it (registry and own ops echoed)"});
  // Overlap: a push whose client and server take turns lasts their two CPU times added up.
  const double cpu_sum_ms = sync.process.cpu_ms + server_cpu_ms;
  report.add({"P2", "push " + size + ": wall time", sync.process.wall_ms, "ms", "client CPU + server CPU", cpu_sum_ms,
              "ms", sync.process.wall_ms / cpu_sum_ms, "< 0.8x", sync.process.wall_ms < 0.8 * cpu_sum_ms,
              "client (nastavnik-cli) " + format_number(sync.process.cpu_ms, 0) + " ms, server " +
                  format_number(server_cpu_ms, 0) + " ms of CPU; below 1x the two overlap"});
  report.add({"P2", "push " + size + ": HTTP requests", static_cast<double>(sync.requests()), "requests", "", 0, "",
              std::nullopt, "<= 20", sync.requests() <= 20, ""});
  report.add({"P2", "push " + size + ": bytes up / record", up_per, "B", "JSON Lines / record", jsonl_per_record, "B",
              up_per / jsonl_per_record, "", std::nullopt, ""});
  report.add({"P2", "push " + size + ": bytes down / record", down_per, "B", "JSON Lines / record", jsonl_per_record,
              "B", down_per / jsonl_per_record, "", std::nullopt,
              "answers: signed receipts and pages; the page returns the device's own accepted ops"});
  report.add({"P2", "push " + size + ": bytes on the wire / record", up_per + down_per, "B", "JSON Lines / record",
              jsonl_per_record, "B", (up_per + down_per) / jsonl_per_record, "<= 400 B (up + down)",
              up_per + down_per <= 400, "up alone: " + format_number(up_per, 0) + " B"});
  report.add({"P2", "push " + size + ": client peak RSS", rss_mb, "MB", "CLI without sync (status)", idle_rss_mb, "MB",
              rss_mb / idle_rss_mb, "", std::nullopt, ""});

  // A command's fixed cost: `status` of the full replica against the same command on the
  // empty one, measured in this run.
  const Measured loaded_cli = device.run_ok({"status"});
  report.add({"P2", "`status` with " + size + " records: wall time", loaded_cli.wall_ms, "ms",
              "`status` of the empty replica", idle_cli.wall_ms, "ms", loaded_cli.wall_ms / idle_cli.wall_ms, "<= 2x",
              loaded_cli.wall_ms <= 2 * idle_cli.wall_ms,
              "the replica is read in full (quick_check) only when it changed since the CLI's last clean close"});
  // The same command when the file was touched behind the CLI's back: every page is read.
  const auto replica = device.data_dir() / "replica.db";
  std::filesystem::last_write_time(replica, std::filesystem::last_write_time(replica) + std::chrono::seconds(1));
  const Measured checked_cli = device.run_ok({"status"});
  report.add({"P2", "`status` with " + size + " records, file changed: wall time", checked_cli.wall_ms, "ms",
              "`status` of the empty replica", idle_cli.wall_ms, "ms", checked_cli.wall_ms / idle_cli.wall_ms, "", std::nullopt,
              "what every command cost before: the integrity check reads the whole replica"});

  // Store sizes, with the replica closed (the CLI has exited) and the server's WAL counted.
  const double replica_per = static_cast<double>(bytes_on_disk(device.data_dir(), "replica.db")) / n;
  const double server_per = static_cast<double>(bytes_on_disk(std::filesystem::path(setup.server->store()).parent_path(), "municipal.db")) / n;
  report.add({"P2", "replica on disk / record", replica_per, "B", "JSON Lines / record", jsonl_per_record, "B",
              replica_per / jsonl_per_record, "", std::nullopt, "records, op log and the signed changesets kept"});
  report.add({"P2", "server store on disk / record", server_per, "B", "JSON Lines / record", jsonl_per_record, "B",
              server_per / jsonl_per_record, "", std::nullopt, "records, op log (which is the pull feed) and its tags, changesets"});
  if (!config.pouchdb.empty()) {
    const PeerFigures peer = run_pouchdb_peer(config.pouchdb, file, records.size(), dir / "pouchdb.json");
    const double peer_client = peer.client_bytes / n, peer_server = peer.server_bytes / n;
    report.add({"P2", "push " + size + ": rate against PouchDB", rate, "records/s", "PouchDB push of the same records",
                peer.push_rate, "docs/s", rate / peer.push_rate, ">= 5x", rate >= 5 * peer.push_rate,
                "PouchDB: " + std::to_string(peer.push_requests) + " requests"});
    report.add({"P2", "replica on disk / record against PouchDB", replica_per, "B", "PouchDB client / doc", peer_client,
                "B", replica_per / peer_client, "<= 2x", replica_per <= 2 * peer_client, ""});
    report.add({"P2", "server store on disk / record against PouchDB", server_per, "B", "PouchDB server / doc",
                peer_server, "B", server_per / peer_server, "<= 2x", server_per <= 2 * peer_server, ""});
    report.details("P2 PouchDB") = {{"push_docs_per_s", peer.push_rate}, {"pull_docs_per_s", peer.pull_rate},
                                    {"client_bytes", peer.client_bytes}, {"server_bytes", peer.server_bytes}};
  }

  const int64_t ops_sent = sync.summary.value("ops_sent", int64_t{0});
  const int64_t new_ops = after.value("ops", int64_t{0}) - before.value("ops", int64_t{0});
  const int64_t new_sessions = after["records"].value("mentoring_session", int64_t{0}) -
                               before["records"].value("mentoring_session", int64_t{0});
  report.check("P2 every op sent and acknowledged",
               ops_sent == static_cast<int64_t>(records.size()) &&
                   sync.summary.value("rejected", json::array()).empty() && nothing_pending(device),
               std::to_string(ops_sent) + " ops sent, " +
                   std::to_string(sync.summary.value("rejected", json::array()).size()) + " refused");
  report.check("P2 server holds every session once",
               new_ops == static_cast<int64_t>(records.size()) && new_sessions == static_cast<int64_t>(records.size()),
               std::to_string(new_ops) + " new ops, " + std::to_string(new_sessions) + " new sessions on the server");
  report.details("P2") = {{"records", records.size()},
                          {"records_source", config.records_source},
                          {"jsonl_bytes", file_bytes},
                          {"import_seconds", import.wall_ms / 1000.0},
                          {"import_peak_rss_kb", import.peak_rss_kb},
                          {"sync_seconds", sync.process.wall_ms / 1000.0},
                          {"sync_summary", sync.summary},
                          {"bytes_up", up},
                          {"bytes_down", down},
                          {"connections", setup.proxy->connections()},
                          {"client_peak_rss_kb", sync.process.peak_rss_kb},
                          {"idle_cli_peak_rss_kb", idle_cli.peak_rss_kb},
                          {"server_peak_rss_kb", setup.server->peak_rss_kb()}};
  return setup;
}

}  // namespace nastavnik::bench
