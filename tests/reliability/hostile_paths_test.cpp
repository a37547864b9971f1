// Path tricks in every file name nastavnik-cli and nastavnik-server accept (issue 5,
// item 3). Each is refused with its documented error — exit 1 and one line
// "<program>: <reason>" naming the path — and changes nothing: no file written through a
// symlink, no partial output, no record imported, no store touched. Endless inputs
// (/dev/zero) are refused within bounds. What tests/e2e already covers (export onto an
// existing file and into a missing folder, a damaged replica) is not repeated.

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>

#include "tests/integration/server_fixture.h"
#include "tests/reliability/child_process.h"
#include "tests/reliability/db_query.h"
#include "tests/support/demo_people.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using namespace nastavnik::testing;
namespace fs = std::filesystem;

namespace {

const std::string kDemoRegistry = std::string(NASTAVNIK_TEST_ASSETS) + "/demo/volosovo.json";

ProcessResult run(const char* program, std::vector<std::string> args) {
  args.insert(args.begin(), program);
  // Bounded: a program that hangs on endless input fails the test instead of hanging it.
  return run_process(args, {{"NASTAVNIK_LANG", "en"}}, "", 120);
}

void refused(const ProcessResult& r, const std::string& program, const std::string& names) {
  INFO("exit " << r.exit_code << ", stdout: " << r.out << "stderr: " << r.err);
  CHECK(r.exit_code == 1);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(r.err.starts_with(program + ": "));
  CHECK_THAT(r.err, Catch::Contains(names));
  CHECK_THAT(r.err, !Catch::Contains("internal error"));
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// Every file under `dir` with its size and content, to prove nothing changed.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_symlink())
      out[e.path().string()] = "-> " + fs::read_symlink(e.path()).string();
    else if (e.is_regular_file())
      out[e.path().string()] = read_file(e.path());
    else
      out[e.path().string()] = "<dir>";
  }
  return out;
}

struct CliWorld {
  TempDir dir;
  fs::path data = dir / "data";
  ProcessResult cli(std::vector<std::string> args) {
    args.push_back("--data");
    args.push_back(data.string());
    return run(NASTAVNIK_CLI_PATH, args);
  }
  CliWorld() {
    REQUIRE(cli({"init", "--person", nastavnik::testing::demo::kMethodologist, "--role", "methodologist"})
                .exit_code == 0);
  }
  std::string records() { return query(data / "replica.db", "SELECT COUNT(*) FROM ops").at(0).at(0); }
};

}  // namespace

TEST_CASE("nastavnik-cli refuses odd --data, --out and input paths and changes nothing",
          "[reliability][hostile][paths][cli]") {
  CliWorld w;
  const std::string cli = "nastavnik-cli";
  const fs::path victim = w.dir / "victim.txt";
  write(victim, "do not touch");
  const fs::path folder = w.dir / "folder";
  fs::create_directory(folder);
  const std::string ops_before = w.records();
  const auto before = snapshot(w.dir.path());

  SECTION("--data naming a file, not a folder") {
    for (const auto& args : std::vector<std::vector<std::string>>{{"init"}, {"list"}, {"status"}}) {
      auto argv = args;
      argv.insert(argv.end(), {"--data", victim.string()});
      INFO(argv.front());
      refused(run(NASTAVNIK_CLI_PATH, argv), cli, victim.string());
    }
  }
  SECTION("export --out naming a folder, a symlink, a dangling symlink, a path through a file") {
    const fs::path link = w.dir / "link.json", dangling = w.dir / "dangling.json";
    fs::create_symlink(victim, link);
    fs::create_symlink(w.dir / "created-through-link.json", dangling);
    const auto with_links = snapshot(w.dir.path());
    refused(w.cli({"export", "--format", "json", "--out", folder.string()}), cli, folder.string());
    refused(w.cli({"export", "--format", "json", "--out", link.string()}), cli, link.string());
    refused(w.cli({"export", "--format", "json", "--out", dangling.string()}), cli, dangling.string());
    refused(w.cli({"export", "--format", "json", "--out", (victim / "x.json").string()}), cli,
            victim.string());
    CHECK(snapshot(w.dir.path()) == with_links);
    // --force replaces the link itself, never the file it points to.
    REQUIRE(w.cli({"export", "--format", "json", "--out", link.string(), "--force"}).exit_code == 0);
    CHECK(read_file(victim) == "do not touch");
    CHECK_FALSE(fs::is_symlink(link));
    CHECK(read_file(link).starts_with("["));
    fs::remove(link);
    fs::remove(dangling);
  }
  SECTION("--from-json naming a folder, /dev/zero or nothing") {
    refused(w.cli({"session", "add", "--from-json", folder.string()}), cli, folder.string());
    refused(w.cli({"session", "add", "--from-json", "/dev/zero"}), cli, "/dev/zero");
    refused(w.cli({"session", "add", "--from-json", (w.dir / "missing.jsonl").string()}), cli,
            "missing.jsonl");
  }
  SECTION("import-registry naming a folder, /dev/zero or nothing") {
    refused(w.cli({"import-registry", folder.string()}), cli, folder.string());
    refused(w.cli({"import-registry", "/dev/zero"}), cli, "/dev/zero");
    refused(w.cli({"import-registry", (w.dir / "missing.json").string()}), cli, "missing.json");
  }
  CHECK(w.records() == ops_before);
  CHECK(snapshot(w.dir.path()) == before);
}

TEST_CASE("nastavnik-server refuses odd --store paths and changes nothing",
          "[reliability][hostile][paths][server]") {
  TempDir dir;
  const std::string server = "nastavnik-server";
  const fs::path folder = dir / "folder", empty = dir / "empty.db", text = dir / "notes.txt";
  fs::create_directory(folder);
  write(empty, "");
  write(text, "not a database");
  // A device's replica and another program's database are SQLite files, but not stores.
  CliWorld device;
  const fs::path replica = device.data / "replica.db";
  const fs::path other = dir / "other.sqlite";
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(other.c_str(), &db) == SQLITE_OK);
    REQUIRE(
        sqlite3_exec(
            db,
            "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES('keep')",
            nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  const auto before = snapshot(dir.path());
  const auto replica_before = snapshot(device.data);

  for (const fs::path& store : {folder, empty, text, replica, other, fs::path("/dev/null")}) {
    INFO("--store " << store);
    refused(run(NASTAVNIK_SERVER_PATH, {"stats", "--store", store.string()}), server, store.string());
    refused(run(NASTAVNIK_SERVER_PATH,
                {"enroll-code", "--store", store.string(), "--person", demo::kTutor1, "--role", "tutor"}),
            server, store.string());
    refused(run(NASTAVNIK_SERVER_PATH, {"serve", "--store", store.string(), "--listen", "127.0.0.1:0"}),
            server, store.string());
  }
  for (const fs::path& store : {folder, empty, text, replica, other})
    refused(run(NASTAVNIK_SERVER_PATH, {"init", "--store", store.string()}), server, store.string());
  refused(run(NASTAVNIK_SERVER_PATH, {"init", "--store", (dir / "missing" / "central.db").string()}), server,
          (dir / "missing").string());
  CHECK(snapshot(dir.path()) == before);
  CHECK(snapshot(device.data) == replica_before);
  CHECK(query(other, "SELECT text FROM notes").at(0).at(0) == "keep");
}

TEST_CASE("nastavnik-server: --port-file and import-registry with odd paths",
          "[reliability][hostile][paths][server]") {
  ServerFixture fx;
  const int64_t ops = fx.ops();
  TempDir dir;
  const std::string server = "nastavnik-server";
  const fs::path victim = dir / "victim.txt";
  write(victim, "do not touch");
  const fs::path folder = dir / "folder";
  fs::create_directory(folder);

  SECTION("import-registry naming a folder, /dev/zero or nothing: nothing imported") {
    for (const std::string& file :
         {folder.string(), std::string("/dev/zero"), (dir / "missing.json").string()})
      refused(run(NASTAVNIK_SERVER_PATH, {"import-registry", file, "--store", fx.store_path()}), server,
              file);
  }
  SECTION("--port-file in a missing folder or naming a folder: refused, the server does not stay up") {
    fx.server().stop();  // one serve per store
    for (const fs::path& port_file : {dir / "missing" / "port", folder}) {
      INFO("--port-file " << port_file);
      refused(run(NASTAVNIK_SERVER_PATH, {"serve", "--store", fx.store_path(), "--listen", "127.0.0.1:0",
                                          "--port-file", port_file.string()}),
              server, port_file.string());
    }
    CHECK(fs::is_empty(folder));
    std::set<std::string> left;  // no temporary file left behind
    for (const auto& e : fs::directory_iterator(dir.path())) left.insert(e.path().filename().string());
    CHECK(left == std::set<std::string>{"folder", "victim.txt"});
    fx.server().start();
  }
  SECTION("--port-file where a symlink waits, at the name or at a temporary name: never written through") {
    fx.server().stop();
    TempDir logs;
    const fs::path port_file = dir / "server.port";
    for (const fs::path& planted : {port_file, fs::path(port_file.string() + ".tmp")}) {
      INFO("symlink planted at " << planted);
      fs::remove(port_file);
      fs::remove(planted);
      fs::create_symlink(victim, planted);
      ChildProcess serve({NASTAVNIK_SERVER_PATH, "serve", "--store", fx.store_path(), "--listen",
                          "127.0.0.1:0", "--port-file", port_file.string(), "--log-level", "warn"},
                         logs.path());
      // Written once the server listens: a regular file in place of the symlink.
      REQUIRE(serve.wait_until([&] {
        std::error_code ec;
        return fs::is_regular_file(fs::symlink_status(port_file, ec)) && !read_file(port_file).empty();
      }));
      serve.terminate();
      CHECK(read_file(victim) == "do not touch");
      CHECK_FALSE(fs::is_symlink(port_file));
      CHECK(std::stoi(read_file(port_file)) > 0);
      fs::remove(planted);
    }
    fx.server().start();
  }
  CHECK(fx.ops() == ops);
  CHECK(read_file(victim) == "do not touch");
}
