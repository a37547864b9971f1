#pragma once
// The peer to beat, run beside the figures on the very records they load: PouchDB 9
// replicating to express-pouchdb on leveldb (the harness of ../shared/peers/pouchdb, its
// side.js after `npm ci`). Only when --pouchdb DIR names a prepared harness and node is
// installed: the benchmark never downloads anything.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace nastavnik::bench {

struct PeerFigures {
  double push_rate = 0, pull_rate = 0;  // docs/s of the initial push and of a fresh pull
  int64_t push_requests = 0, pull_requests = 0;
  double pull_client_peak_rss_mb = 0;
  double client_bytes = 0, server_bytes = 0;  // on disk after the run (client A, the server)
};

// Runs `node HARNESS/side.js --records RECORDS --n N --push-pull-only --out OUT_JSON`;
// throws BenchError with the harness's own words when it fails.
PeerFigures run_pouchdb_peer(const std::filesystem::path& harness, const std::filesystem::path& records, size_t n,
                             const std::filesystem::path& out_json);

// Bytes of the files in `dir` whose names start with `prefix` (a SQLite file with its -wal).
uint64_t bytes_on_disk(const std::filesystem::path& dir, const std::string& prefix);

}  // namespace nastavnik::bench
