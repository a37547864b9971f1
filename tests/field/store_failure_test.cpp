// A store whose disk fails while the server runs (issue 9): the disk fills up. /healthz
// answers 503 with the reason, a device is told that the server has a problem (never that
// its request was wrong, never SQLite's own words), the log has the full reason, nothing
// acknowledged is lost, and service resumes by itself once the cause is removed. `serve`
// refuses a read-only or damaged store at start.
// The disk is real: a small tmpfs mounted in a private mount namespace (unshare, as the
// invoking user) and filled through /proc/PID/root. A disk cannot be made read-only under
// a process that has files on it open for writing (the kernel answers "mount point is
// busy"; only its own emergency remount after I/O errors can), so the read-only disk is
// tested at start, where `serve` must refuse it; a write refused while running takes the
// same path as the full disk here (SQLite's I/O error, the store's IoError).

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/field/field_site.h"
#include "tests/support/demo_people.h"
#include "tests/support/spawn.h"

using namespace nastavnik::testing;
using nlohmann::json;

namespace {

// nastavnik-server on a store that lives on its own small disk.
class ServerOnSmallDisk {
 public:
  // Copies the store of `site` (created and imported there, server not started) onto a
  // tmpfs of `size_mb` in a private mount namespace and serves it.
  ServerOnSmallDisk(const std::filesystem::path& dir, const std::filesystem::path& store, int size_mb,
                    bool read_only_at_start = false)
      : mount_(dir / "disk"), port_file_(dir / "disk.port"), log_(dir / "disk-server.log") {
    std::filesystem::create_directories(mount_);
    const std::string copy = "cp " + store.string() + " " + store.string() + ".server.key " + store.string() +
                             ".server.pub " + mount_.string() + "/";
    const std::string script = "mount -t tmpfs -o size=" + std::to_string(size_mb) + "m tmpfs " + mount_.string() +
                               " && " + copy + (read_only_at_start ? " && mount -o remount,ro " + mount_.string() : "") +
                               " && exec " + NASTAVNIK_SERVER_PATH + " serve --store " + store_on_disk() +
                               " --listen 127.0.0.1:0 --port-file " + port_file_.string();
    std::vector<std::string> argv = {"/usr/bin/unshare", "--user", "--map-root-user", "--mount", "/bin/sh", "-c",
                                     script};
    pid_ = spawn_process(argv, "/dev/null", log_);
    for (int i = 0; i < 1500; ++i) {  // at most 15 s
      std::ifstream in(port_file_);
      if (in >> port_ && port_ > 0) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("the server on the small disk did not start: " << read_file(log_));
  }
  ~ServerOnSmallDisk() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }

  bool running() const { return pid_ > 0; }
  int exit_code() const { return exit_code_; }
  std::string log() const { return read_file(log_); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string store_on_disk() const { return (mount_ / "municipal.db").string(); }
  // The mounted disk as this process reaches it: through the server's own root.
  std::filesystem::path seen_from_outside() const {
    return std::filesystem::path("/proc/" + std::to_string(pid_) + "/root") / mount_.relative_path();
  }

  // Writes a filler file until the disk is full.
  void fill() {
    std::ofstream out(seen_from_outside() / "filler", std::ios::binary);
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 4096 && out; ++i) out.write(chunk.data(), chunk.size()), out.flush();
  }
  void unfill() { std::filesystem::remove(seen_from_outside() / "filler"); }
  // `nastavnik-server ARGS --store STORE`, run inside the server's mount namespace.
  ProcessResult admin(std::vector<std::string> args) const {
    std::vector<std::string> argv = {"/usr/bin/nsenter", "--target", std::to_string(pid_), "--mount", "--user",
                                     "--preserve-credentials", NASTAVNIK_SERVER_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--store", store_on_disk()});
    return run_process(argv);
  }

  httplib::Result get(const std::string& path) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    return client.Get(path);
  }

 private:
  std::filesystem::path mount_, port_file_, log_;
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = 0;
};

// A store with the demo registry, made by the real admin commands.
std::filesystem::path demo_store(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const std::string store = (dir / "municipal.db").string();
  for (std::vector<std::string> args : {std::vector<std::string>{"init"},
                                        {"import-registry", std::string(NASTAVNIK_TEST_ASSETS) + "/demo/volosovo.json"}}) {
    args.insert(args.begin(), NASTAVNIK_SERVER_PATH);
    args.push_back("--store");
    args.push_back(store);
    const auto r = run_process(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  return store;
}

std::string enroll_code(const std::filesystem::path& store, const std::string& person, const std::string& role) {
  const auto r = run_process(
      {NASTAVNIK_SERVER_PATH, "enroll-code", "--store", store.string(), "--person", person, "--role", role});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  static const std::regex kCode("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
  REQUIRE(std::regex_search(r.out, m, kCode));
  return m.str();
}

void expect_store_problem(ServerOnSmallDisk& server, const CliLaptop& laptop, const char* cause) {
  INFO(cause);
  auto health = server.get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 503);
  CHECK(health->get_header_value("Retry-After") != "");
  CHECK_THAT(health->body, Catch::Contains("cannot take a write"));
  laptop.ok({"session", "add", "--topic", std::string("Запись, пока ") + cause, "--stage", "theory", "--format",
             "offline", "--pair-id", demo::kPair1});
  const auto sync = laptop.run({"sync"}, 180);
  INFO(sync.err);
  CHECK(sync.exit_code == 1);
  CHECK_THAT(sync.err, Catch::Contains("server has a problem"));
  CHECK_THAT(sync.err, !Catch::Contains("bad_request") && !Catch::Contains("sqlite", Catch::CaseSensitive::No) &&
                           !Catch::Contains("disk I/O") && !Catch::Contains(server.store_on_disk()));
  // The log has the full reason, at error level.
  CHECK_THAT(server.log(), Catch::Contains(" error "));
}

void expect_recovered(ServerOnSmallDisk& server, const CliLaptop& laptop) {
  bool healthy = false;
  for (int i = 0; i < 50 && !healthy; ++i) {
    auto res = server.get("/healthz");
    healthy = res && res->status == 200;
    if (!healthy) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(healthy);
  const auto sync = laptop.run({"sync", "--json"}, 180);
  INFO(sync.err);
  REQUIRE(sync.exit_code == 0);
  const json pending = json::parse(laptop.ok({"pending", "--json"}).out, nullptr, false);
  INFO(pending.dump());
  CHECK(pending.value("unacked_changesets", json::array({1})).empty());
  CHECK(pending.value("unsealed_ops", -1) == 0);
}

}  // namespace

TEST_CASE("a disk that fills up under the running server: 503, nothing lost, service resumes",
          "[field][store_failure]") {
  TempDir dir;
  const auto store = demo_store(dir / "prepared");
  const std::string code = enroll_code(store, demo::kTutor1, "tutor");
  ServerOnSmallDisk server(dir.path(), store, 24);
  REQUIRE(server.running());
  CliLaptop laptop(dir / "laptop");
  laptop.init_and_enroll(server.url(), code);
  laptop.ok({"session", "add", "--topic", "Первая запись", "--stage", "theory", "--format", "offline", "--pair-id",
             demo::kPair1});
  laptop.ok({"sync"});

  for (const char* round : {"the disk is full", "the disk is full again"}) {
    server.fill();
    expect_store_problem(server, laptop, round);
    server.unfill();
    expect_recovered(server, laptop);
  }

  // Every session written is on the server exactly once: nothing acknowledged was lost,
  // nothing applied twice.
  const auto list = laptop.ok({"list", "--entity", "mentoring_session", "--json"});
  const json sessions = json::parse(list.out, nullptr, false);
  REQUIRE(sessions.is_array());
  CHECK(sessions.size() == 3);
  const auto stats = server.admin({"stats", "--json"});
  INFO(stats.err);
  REQUIRE(stats.exit_code == 0);
  const json counts = json::parse(stats.out, nullptr, false);
  INFO(stats.out);
  CHECK(counts["records"].value("mentoring_session", 0) == 3);
}

TEST_CASE("serve refuses a read-only store at start, and a damaged one", "[field][store_failure]") {
  TempDir dir;
  const auto store = demo_store(dir / "prepared");
  {
    ServerOnSmallDisk read_only(dir.path(), store, 24, true);
    CHECK_FALSE(read_only.running());
    CHECK(read_only.exit_code() == 1);
    CHECK_THAT(read_only.log(), Catch::Contains("cannot take a write"));
  }
  // Scribbled pages in the middle of the file: refused, and left as it was.
  {
    std::fstream f(store, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(8192);
    const std::string junk(8192, '\x5a');
    f.write(junk.data(), junk.size());
  }
  const auto before = read_file(store);
  const auto serve = run_process({NASTAVNIK_SERVER_PATH, "serve", "--store", store.string(), "--listen", "127.0.0.1:0"}, {},
                                 "", 20);
  CHECK(serve.exit_code == 1);
  CHECK_THAT(serve.err, Catch::Contains("damaged"));
  CHECK(read_file(store) == before);
}
