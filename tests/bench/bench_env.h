#pragma once
// What the benchmarks run on: the real programs as child processes (nastavnik-server serve
// on 127.0.0.1 with a free port, nastavnik-cli with its own data directory), measured with
// wait4() for wall time and peak resident memory. The benchmark programs are harnesses,
// not product code: a step that cannot be set up throws BenchError, which main() prints.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"

namespace nastavnik::bench {

struct BenchError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The value, or a BenchError naming `what` and why not.
template <typename T>
T need(Result<T> r, const std::string& what) {
  if (!r.ok()) throw BenchError(what + ": " + r.status().to_string());
  return std::move(r).value();
}
inline void need(const Status& s, const std::string& what) {
  if (!s.ok()) throw BenchError(what + ": " + s.to_string());
}

// Where the programs and assets are: the build's own, unless the environment says
// otherwise (NASTAVNIK_SERVER_BIN, NASTAVNIK_CLI_BIN, NASTAVNIK_ASSETS).
struct Programs {
  std::filesystem::path server, cli, assets;
  std::filesystem::path registry;  // the registry servers import; empty: the Volosovo demo
  static Programs from_build();
  std::filesystem::path demo_registry() const {
    return registry.empty() ? assets / "demo" / "volosovo.json" : registry;
  }
};

// A finished child process.
struct Measured {
  int exit_code = -1;      // -1: killed (by a signal or the timeout)
  std::string out, err;
  double wall_ms = 0;
  // The child's own peak resident memory: its VmHWM, sampled every 2 ms while it runs.
  // (wait4's ru_maxrss would not do: across fork and exec it keeps the parent's peak, and
  // the benchmark itself holds every generated record.)
  int64_t peak_rss_kb = 0;
  double cpu_ms = 0;  // the child's own user + system time (wait4)
};

// VmHWM (peak resident memory) of a running process, from /proc; 0 once it has ended.
int64_t vm_hwm_kb(pid_t pid);

// Runs `argv` (argv[0] a path) with stdin from /dev/null, waits at most `timeout_s`.
Measured run_measured(const std::vector<std::string>& argv, int timeout_s = 600,
                      const std::map<std::string, std::string>& env = {});

// A real nastavnik-server with its own store holding the Volosovo demo registry.
// Where and how a BenchServer serves: its store (empty: a SQLite file in its folder, else a
// store address with the key file it needs), and whether nginx fronts it (scripts/front)
// with how many instances in its upstream.
struct ServerSetup {
  std::string store;
  std::filesystem::path key_file;
  bool front = false;
  int instances = 1;
  std::string describe() const;
};

class BenchServer {
 public:
  BenchServer(const Programs& programs, std::filesystem::path dir, ServerSetup setup = {});
  ~BenchServer();
  BenchServer(const BenchServer&) = delete;
  BenchServer& operator=(const BenchServer&) = delete;

  void start();
  void stop();  // SIGTERM, then waits
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // The store's address (a SQLite file's path, or postgresql://...).
  std::string store() const { return setup_.store.empty() ? (dir_ / "municipal.db").string() : setup_.store; }

  // `nastavnik-server ARGS... --store STORE`; throws unless it exits 0.
  Measured admin(std::vector<std::string> args);
  std::string code_for(const std::string& person_id, const std::string& role);
  nlohmann::json stats();  // `stats --json`
  // VmHWM of the running server, in KiB (0 when it is not running); behind the front, of
  // its largest instance.
  int64_t peak_rss_kb() const;
  // CPU time (user + system) the running server (every instance) has used so far, in seconds.
  double cpu_seconds() const;

 private:
  std::vector<std::string> key_args() const;
  std::filesystem::path front_conf_for_one_address() const;
  Programs programs_;
  std::filesystem::path dir_;
  ServerSetup setup_;
  pid_t pid_ = -1;                  // the server, or scripts/front
  std::vector<pid_t> server_pids_;  // the server instances
  int port_ = 0;
};

// A nastavnik-cli device with its own data directory.
class CliDevice {
 public:
  CliDevice(const Programs& programs, std::filesystem::path data_dir);
  // `nastavnik-cli ARGS... --data DIR`.
  Measured run(std::vector<std::string> args, int timeout_s = 1800);
  // Like run(), but throws with the program's message unless it exits 0.
  Measured run_ok(std::vector<std::string> args, int timeout_s = 1800);
  void init_and_enroll(const std::string& server_url, const std::string& code);
  Measured add_sessions(const std::filesystem::path& jsonl);
  const std::filesystem::path& data_dir() const { return dir_; }

 private:
  Programs programs_;
  std::filesystem::path dir_;
};

// One `nastavnik-cli sync --json` run.
struct CliSync {
  Measured process;
  nlohmann::json summary;  // the printed summary (requests, ops_sent, ops_received, ...)
  int requests() const { return summary.value("requests", 0); }
};
// Runs the sync; throws unless it exits 0 (`allow_failure`: returns the failed run as is).
CliSync cli_sync(CliDevice& device, bool allow_failure = false, int timeout_s = 1800);

// Milliseconds on the steady clock, for timing inside this process.
double now_ms();
// CPU time of the calling thread, in seconds.
double thread_cpu_seconds();
// CPU time of this whole process (every thread, user + system), in seconds.
double process_cpu_seconds();

}  // namespace nastavnik::bench
