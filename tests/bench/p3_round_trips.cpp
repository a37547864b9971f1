// P3 round trips, on the laptop P2 left fully synced: a sync with nothing to do, then a
// sync after recording a few sessions. Requests are counted by the sync engine and bytes
// by the proxy. Baselines from the same run: a bare HTTP round trip (GET /healthz) through
// the same proxy, and the records' size as JSON Lines.

#include <httplib.h>

#include "tests/bench/figures.h"
#include "tests/bench/session_generator.h"
#include "tests/support/fault_proxy.h"

namespace nastavnik::bench {

using nlohmann::json;

void run_p3_round_trips(const BenchConfig& config, BenchReport& report, PushSetup& setup) {
  testing::FaultProxy& proxy = *setup.proxy;
  CliDevice& device = *setup.device;

  // Baseline: the smallest exchange with this server.
  uint64_t up0 = proxy.bytes_up(), down0 = proxy.bytes_down();
  double start = now_ms();
  {
    httplib::Client bare("127.0.0.1", proxy.port());
    auto res = bare.Get("/healthz");
    if (!res || res->status != 200) throw BenchError("GET /healthz through the proxy failed");
  }
  const double bare_ms = now_ms() - start;
  const uint64_t bare_bytes = (proxy.bytes_up() - up0) + (proxy.bytes_down() - down0);

  up0 = proxy.bytes_up();
  down0 = proxy.bytes_down();
  const CliSync idle = cli_sync(device);
  const uint64_t idle_bytes = (proxy.bytes_up() - up0) + (proxy.bytes_down() - down0);

  const std::vector<json> few = config.sessions(config.small_sync_records, 3);
  const auto file = config.work / "p2" / "few.jsonl";
  auto written = write_sessions_jsonl(file, few);
  if (!written.ok()) throw BenchError(written.status().to_string());
  device.add_sessions(file);
  up0 = proxy.bytes_up();
  down0 = proxy.bytes_down();
  const CliSync small = cli_sync(device);
  const uint64_t small_bytes = (proxy.bytes_up() - up0) + (proxy.bytes_down() - down0);
  const double n = static_cast<double>(few.size());

  report.add({"P3", "idle sync: HTTP requests", static_cast<double>(idle.requests()), "requests", "", 0, "",
              std::nullopt, "= 1", idle.requests() == 1, ""});
  report.add({"P3", "idle sync: bytes on the wire", static_cast<double>(idle_bytes), "B", "bare GET /healthz",
              static_cast<double>(bare_bytes), "B", static_cast<double>(idle_bytes) / static_cast<double>(bare_bytes),
              "", std::nullopt, "signed request, signed receipt and empty page"});
  report.add({"P3", "sync of " + std::to_string(few.size()) + " new: HTTP requests",
              static_cast<double>(small.requests()), "requests", "", 0, "", std::nullopt, "<= 2",
              small.requests() <= 2, ""});
  report.add({"P3", "sync of " + std::to_string(few.size()) + " new: bytes / record", static_cast<double>(small_bytes) / n,
              "B", "JSON Lines / record", static_cast<double>(*written) / n, "B",
              static_cast<double>(small_bytes) / static_cast<double>(*written), "", std::nullopt,
              "includes the fixed cost of one exchange"});
  report.check("P3 small sync sent every op",
               small.summary.value("ops_sent", int64_t{0}) == static_cast<int64_t>(few.size()) &&
                   small.summary.value("rejected", json::array()).empty(),
               std::to_string(small.summary.value("ops_sent", int64_t{0})) + " ops sent");
  report.details("P3") = {{"bare_http_bytes", bare_bytes},     {"bare_http_ms", bare_ms},
                          {"idle_summary", idle.summary},     {"idle_bytes", idle_bytes},
                          {"idle_cli_seconds", idle.process.wall_ms / 1000.0},
                          {"small_records", few.size()},      {"small_summary", small.summary},
                          {"small_bytes", small_bytes},       {"small_cli_seconds", small.process.wall_ms / 1000.0}};
}

}  // namespace nastavnik::bench
