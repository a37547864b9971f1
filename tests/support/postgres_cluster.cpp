#include "tests/support/postgres_cluster.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "tests/support/spawn.h"

namespace nastavnik::testing {
namespace fs = std::filesystem;
namespace {

constexpr const char* kSuperuser = "nastavnik";
constexpr const char* kPort = "5432";  // only names the socket file: there is no TCP listener

fs::path find_bin() {
  for (const char* version : {"15", "16", "17", "14", "13"}) {
    const fs::path bin = fs::path("/usr/lib/postgresql") / version / "bin";
    if (fs::exists(bin / "initdb") && fs::exists(bin / "pg_ctl")) return bin;
  }
  throw std::runtime_error(
      "PostgreSQL server programs not found under /usr/lib/postgresql/*/bin: run scripts/setup "
      "(it installs postgresql-15)");
}

// Runs argv to the end, as `nobody` when this process is root; output into `log`.
int run_as_owner(std::vector<std::string> argv, const fs::path& log) {
  if (::geteuid() == 0)
    argv.insert(argv.begin(), {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"});
  const pid_t pid = spawn_process(argv, log, log);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void give_to_nobody(const fs::path& path) {
  if (::geteuid() != 0) return;
  if (::chown(path.c_str(), 65534, 65534) != 0) throw std::runtime_error("cannot chown " + path.string());
}

}  // namespace

// As root the server runs as `nobody`, who must reach its folder: /tmp always lets it,
// where $TMPDIR may be a folder of root's own.
static std::filesystem::path cluster_parent() {
  return ::geteuid() == 0 ? std::filesystem::path("/tmp") : std::filesystem::temp_directory_path();
}

PostgresCluster::PostgresCluster(bool durable) : dir_(cluster_parent()), bin_(find_bin()) {
  give_to_nobody(dir_.path());
  const fs::path data = dir_ / "data", setup_log = dir_ / "initdb.log";
  if (run_as_owner({(bin_ / "initdb").string(), "-D", data.string(), "-U", kSuperuser, "--auth=trust",
                    "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"},
                   setup_log) != 0)
    throw std::runtime_error("initdb failed:\n" + read_file(setup_log));
  options_ = "-k " + dir_.path().string() + " -p " + kPort + " -c listen_addresses=''";
  if (!durable) options_ += " -c fsync=off -c full_page_writes=off";
  options_ += " -c max_connections=200 -c shared_buffers=64MB";
  start();
}

void PostgresCluster::start() {
  const fs::path log = dir_ / "server.log", ctl_log = dir_ / "pg_ctl.log";
  if (run_as_owner({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-l", log.string(), "-w", "-t", "60",
                    "-o", options_, "start"},
                   ctl_log) != 0)
    throw std::runtime_error("PostgreSQL did not start:\n" + read_file(ctl_log) + "\n" + read_file(log));
}

void PostgresCluster::stop() {
  const fs::path ctl_log = dir_ / "pg_ctl.log";
  if (run_as_owner({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-m", "fast", "-w", "stop"}, ctl_log) !=
      0)
    throw std::runtime_error("PostgreSQL did not stop:\n" + read_file(ctl_log));
}

PostgresCluster::~PostgresCluster() {
  (void)run_as_owner({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-m", "immediate", "-w", "stop"},
                     dir_ / "stop.log");
}

std::string PostgresCluster::create_database() {
  const std::string name = "store_" + std::to_string(::getpid()) + "_" + std::to_string(++databases_);
  const fs::path log = dir_ / "createdb.log";
  const pid_t pid = spawn_process({(bin_ / "createdb").string(), "-h", dir_.path().string(), "-p", kPort, "-U",
                                   kSuperuser, name},
                                  log, log);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("createdb failed: " + read_file(log));
  return "postgresql:///" + name + "?host=" + dir_.path().string() + "&port=" + kPort + "&user=" + kSuperuser;
}

std::string PostgresCluster::psql(const std::string& uri, const std::string& sql) const {
  TempDir out;
  const pid_t pid = spawn_process({(bin_ / "psql").string(), "-At", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql},
                                  out / "out", out / "err");
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("psql failed: " + read_file(out / "err"));
  return read_file(out / "out");
}

PostgresCluster& PostgresCluster::shared() {
  static PostgresCluster cluster;
  return cluster;
}

bool testing_postgresql() {
  const char* engine = std::getenv("NASTAVNIK_TEST_STORE");
  return engine && std::string(engine) == "postgresql";
}

std::string test_store_address(const fs::path& sqlite_file) {
  if (testing_postgresql()) return PostgresCluster::shared().create_database();
  return "sqlite:" + sqlite_file.string();
}

}  // namespace nastavnik::testing
