#include "tests/bench/pouchdb_peer.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/bench/bench_env.h"

namespace nastavnik::bench {

using nlohmann::json;

PeerFigures run_pouchdb_peer(const std::filesystem::path& harness, const std::filesystem::path& records, size_t n,
                             const std::filesystem::path& out_json) {
  if (!std::filesystem::exists(harness / "side.js") || !std::filesystem::exists(harness / "node_modules"))
    throw BenchError("--pouchdb " + harness.string() + " is not a prepared harness (side.js and node_modules, after `npm ci`)");
  const Measured m = run_measured({"/usr/bin/env", "node", (harness / "side.js").string(), "--records", records.string(),
                                   "--n", std::to_string(n), "--push-pull-only", "--out", out_json.string()},
                                  3600);
  if (m.exit_code != 0) throw BenchError("the PouchDB peer failed: " + m.err.substr(0, 2000));
  std::ifstream in(out_json);
  const json j = json::parse(in, nullptr, false);
  if (!j.is_object() || !j.contains("scenarios")) throw BenchError("the PouchDB peer wrote no result to " + out_json.string());
  const json& push = j["scenarios"]["push"];
  const json& pull = j["scenarios"]["pull"];
  PeerFigures f;
  f.push_rate = push.value("docs_per_s", 0.0);
  f.pull_rate = pull.value("docs_per_s", 0.0);
  f.push_requests = push.value("http_requests", int64_t{0});
  f.pull_requests = pull.value("http_requests", int64_t{0});
  f.pull_client_peak_rss_mb = pull.value("client_peak_rss_mb", 0.0);
  f.client_bytes = j["disk_bytes"].value("client_A", 0.0);
  f.server_bytes = j["disk_bytes"].value("server", 0.0);
  return f;
}

uint64_t bytes_on_disk(const std::filesystem::path& dir, const std::string& prefix) {
  uint64_t total = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().filename().string().starts_with(prefix)) total += entry.file_size();
  return total;
}

}  // namespace nastavnik::bench
