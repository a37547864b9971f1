#pragma once
// A municipal server the way the field meets it, on loopback: a store with the Volosovo
// registry, served by nastavnik-server alone (the embedded server) or behind the nginx
// front (scripts/front, the shipped nginx rules), and laptops running the real
// nastavnik-cli against it.

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace nastavnik::testing {

enum class Front { kEmbedded, kNginx };

struct FieldSiteOptions {
  Front front = Front::kNginx;
  std::vector<std::string> server_args;  // for `serve`
  std::filesystem::path registry;        // default: the Volosovo demo
  std::filesystem::path server;          // default: the build's nastavnik-server
  std::filesystem::path nginx_conf_dir;  // default: the source tree's syncserver/deploy/nginx
  std::filesystem::path tls_cert, tls_key;  // HTTPS: by the server (embedded) or by nginx
  // A PostgreSQL store (a database of the tests' cluster, postgres_cluster.h) instead of
  // a SQLite file, and how many instances serve it behind nginx.
  bool postgresql = false;
  int instances = 1;
};

class FieldSite {
 public:
  // Creates the store with the registry and starts the server and, for kNginx, the front;
  // throws when either does not start within 30 s.
  explicit FieldSite(const FieldSiteOptions& options);
  explicit FieldSite(Front front, std::vector<std::string> server_args = {},
                     const std::filesystem::path& registry = {})
      : FieldSite(FieldSiteOptions{front, std::move(server_args), registry, {}, {}, {}, {}}) {}
  ~FieldSite();
  FieldSite(const FieldSite&) = delete;
  FieldSite& operator=(const FieldSite&) = delete;

  int port() const { return port_; }
  std::string url() const { return (tls_ ? "https" : "http") + std::string("://127.0.0.1:") + std::to_string(port_); }
  pid_t server_pid() const;
  const std::filesystem::path& dir() const { return dir_.path(); }
  // The store's address: the SQLite file, or the PostgreSQL database's URI.
  std::string store() const { return store_; }
  // The process ids of the server instances behind the front.
  const std::vector<pid_t>& server_pids() const { return front_server_pids_; }
  // `nastavnik-server ARGS... --store STORE`, required to succeed.
  ProcessResult admin(std::vector<std::string> args);
  std::string code_for(const std::string& person_id, const std::string& role);
  // Peak resident memory of the server process so far (VmHWM), in KiB.
  int64_t server_peak_rss_kb() const;
  // Stops the front (SIGTERM) and waits; the server stops with it.
  void stop();

 private:
  TempDir dir_;
  std::filesystem::path server_;
  std::unique_ptr<ServerProcess> embedded_;
  pid_t front_pid_ = -1;
  std::vector<pid_t> front_server_pids_;
  std::string store_;
  std::vector<std::string> key_args_;  // --server-key FILE for a PostgreSQL store
  int port_ = 0;
  bool tls_ = false;
};

// A laptop with the real nastavnik-cli and its own data directory.
class CliLaptop {
 public:
  // `program`: default the build's nastavnik-cli.
  explicit CliLaptop(const std::filesystem::path& dir, std::filesystem::path program = NASTAVNIK_CLI_PATH)
      : dir_(dir), program_(std::move(program)) {}
  ProcessResult run(std::vector<std::string> args, int timeout_s = 120) const;
  // Fails the test unless it exits 0.
  ProcessResult ok(std::vector<std::string> args, int timeout_s = 120) const;
  void init_and_enroll(const std::string& url, const std::string& code) const;
  const std::filesystem::path& data() const { return dir_; }

 private:
  std::filesystem::path dir_, program_;
};

// VmHWM of a running process in KiB (0 when it is gone).
int64_t peak_rss_kb(pid_t pid);
// The result of a command, measured: how long it took.
struct Timed {
  ProcessResult result;
  double seconds = 0;
};
Timed timed(const std::vector<std::string>& argv, int timeout_s = 120);

}  // namespace nastavnik::testing
