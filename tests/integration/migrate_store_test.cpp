// `nastavnik-server migrate-store` from a SQLite store to PostgreSQL through the real
// programs: the copy is checked by the command itself, then again from outside — the
// stores' own reports agree, and the devices of the old store go on syncing with a server on
// the new one as if nothing had happened.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "tests/support/client_device.h"
#include "tests/support/demo_people.h"
#include "tests/support/in_process_server.h"
#include "tests/support/postgres_cluster.h"
#include "tests/support/process.h"
#include "tests/support/http_laptop.h"
#include "tests/support/temp_dir.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

ProcessResult admin(std::vector<std::string> args) {
  args.insert(args.begin(), NASTAVNIK_SERVER_PATH);
  return run_process(args);
}

// A command that must succeed; its standard output.
std::string must(std::vector<std::string> args) {
  auto r = admin(args);
  INFO(args.at(0) << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string code(const std::string& store, const std::vector<std::string>& key, const std::string& person,
                 const std::string& role) {
  std::vector<std::string> args = {"enroll-code", "--store", store, "--person", person, "--role", role};
  args.insert(args.end(), key.begin(), key.end());
  const std::string found = enrollment_code_in(must(args));
  REQUIRE_FALSE(found.empty());
  return found;
}

using Laptop = HttpLaptop;

void sync(Laptop& laptop) {
  auto done = laptop.device.sync();
  INFO(done.status().to_string());
  REQUIRE(done.ok());
  REQUIRE(done->rejected.empty());
}

json stats_of(const std::string& store, const std::vector<std::string>& key) {
  std::vector<std::string> args = {"stats", "--json", "--store", store};
  args.insert(args.end(), key.begin(), key.end());
  return json::parse(must(args));
}

json devices_of(const std::string& store, const std::vector<std::string>& key) {
  std::vector<std::string> args = {"devices", "--json", "--store", store};
  args.insert(args.end(), key.begin(), key.end());
  return json::parse(must(args));
}

}  // namespace

TEST_CASE("migrate-store copies the demo store to PostgreSQL; its devices sync on as before",
          "[integration][migrate]") {
  TempDir dir;
  const std::string sqlite = "sqlite:" + (dir / "central.db").string();
  const std::vector<std::string> key = {"--server-key", (dir / "central.db.server.key").string()};
  must({"init", "--store", sqlite});
  must({"import-registry", std::string(NASTAVNIK_TEST_ASSETS) + "/demo/volosovo.json", "--store", sqlite});

  auto old_server = std::make_unique<ServerProcess>(NASTAVNIK_SERVER_PATH, sqlite, dir / "old");
  fs::create_directories(dir / "old");
  old_server->start({});
  Laptop tutor(old_server->url(), code(sqlite, key, demo::kTutor1, "tutor"));
  Laptop methodologist(old_server->url(), code(sqlite, key, demo::kMethodologist, "methodologist"));
  Laptop teacher(old_server->url(), code(sqlite, key, demo::kTeacher1, "teacher"));
  const std::string shared_session = tutor.device.add_session(demo::kPair1, "Смысловое чтение «Берёзка» № 1 — начало",
                                                              demo::kTeacher1);
  for (int i = 0; i < 20; ++i) tutor.device.add_session(demo::kPair1, "Занятие № " + std::to_string(i), demo::kTeacher1);
  sync(tutor);
  sync(methodologist);
  // The same field edited on two laptops that had not seen each other's edit: a conflict.
  REQUIRE(tutor.device.store().update_record(shared_session, {{"topic", "Тема наставника"}}).ok());
  REQUIRE(methodologist.device.store().update_record(shared_session, {{"topic", "Тема методиста"}}).ok());
  sync(tutor);
  sync(methodologist);
  sync(teacher);
  const std::string unused_code = code(sqlite, key, demo::kTutor2, "tutor");
  old_server->stop();

  const std::string postgresql = PostgresCluster::shared().create_database();
  auto copied = admin({"migrate-store", "--from", sqlite, "--to", postgresql});
  INFO(copied.err);
  REQUIRE(copied.exit_code == 0);
  CHECK_THAT(copied.out, Catch::Contains("records") && Catch::Contains("the same in both"));
  CHECK_THAT(copied.err, Catch::Contains("checking that both stores hold the same"));

  // The two stores' own reports agree (each read by its own engine).
  const json before = stats_of(sqlite, key), after = stats_of(postgresql, key);
  CHECK(before == after);
  CHECK(before.value("conflicts", 0) >= 1);
  CHECK(devices_of(sqlite, key) == devices_of(postgresql, key));
  // A second copy into the same database is refused; the copy is left as it was.
  auto again = admin({"migrate-store", "--from", sqlite, "--to", postgresql});
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Catch::Contains("exists"));

  // A server on the new store, with the old key: the devices go on from their cursors.
  fs::create_directories(dir / "new");
  ServerProcess new_server(NASTAVNIK_SERVER_PATH, postgresql, dir / "new");
  new_server.start(key);
  for (Laptop* l : {&tutor, &methodologist, &teacher}) l->link.point_at(new_server.url());
  auto idle = teacher.device.sync();
  REQUIRE(idle.ok());
  CHECK(idle->ops_received == 0);  // nothing new, and no starting over from the beginning
  const std::string later = tutor.device.add_session(demo::kPair1, "После переезда", demo::kTeacher1);
  sync(tutor);
  sync(teacher);
  CHECK(teacher.device.store().reader().get(later).ok());
  CHECK(teacher.device.count("mentoring_session") == tutor.device.count("mentoring_session"));
  // The unused code still enrolls, once.
  Laptop second_tutor(new_server.url(), unused_code);
  sync(second_tutor);
  CHECK(stats_of(postgresql, key)["devices"]["total"] == 4);
}

TEST_CASE("migrate-store refuses what it cannot do and says why", "[integration][migrate]") {
  TempDir dir;
  const std::string sqlite = "sqlite:" + (dir / "central.db").string();
  must({"init", "--store", sqlite});
  auto same = admin({"migrate-store", "--from", sqlite, "--to", sqlite});
  CHECK(same.exit_code == 2);
  CHECK_THAT(same.err, Catch::Contains("same store"));
  auto missing = admin({"migrate-store", "--from", sqlite});
  CHECK(missing.exit_code == 2);
  auto nothing = admin({"migrate-store", "--from", "sqlite:" + (dir / "none.db").string(), "--to",
                        PostgresCluster::shared().create_database()});
  CHECK(nothing.exit_code == 1);
  CHECK_THAT(nothing.err, Catch::Contains("--from"));
  auto unreachable = admin({"migrate-store", "--from", sqlite, "--to", "postgresql://nastavnik:pw@127.0.0.1:1/x"});
  CHECK(unreachable.exit_code == 1);
  CHECK_THAT(unreachable.err, Catch::Contains("PostgreSQL cannot be reached") && !Catch::Contains(":pw@"));
}

// 100,000 sessions: about a year of a large municipality. Run by scripts/soak (hidden tag),
// and before a release: `integration_tests "[migrate][large]"`.
TEST_CASE("migrate-store copies a store of 100,000 sessions to PostgreSQL, and both hold the same",
          "[.large][integration][migrate]") {
  constexpr int kSessions = 100000;
  TempDir dir;
  std::string sqlite;
  json before;
  {
    InProcessServer server;
    InProcessTransport transport(server);
    auto methodologist = enrolled(server, transport, demo::kMethodologist, "methodologist");
    for (int at = 0; at < kSessions; at += 1000) {
      std::vector<NewRecord> batch;
      for (int i = at; i < at + 1000; ++i)
        batch.push_back({"mentoring_session",
                         "",
                         {{"pair_id", i % 2 ? demo::kPair1 : demo::kPair2},
                          {"mentor_id", i % 2 ? demo::kTutor1 : demo::kTutor2},
                          {"date", "2026-11-" + std::to_string(10 + i % 20)},
                          {"format", i % 3 ? "online" : "offline"},
                          {"stage", "theory"},
                          {"topic", "Занятие «" + std::to_string(i) + "» — № " + std::to_string(i % 37)}}});
      REQUIRE(methodologist->store().create_records(batch).ok());
      if (at % 20000 == 19000) REQUIRE(methodologist->sync().ok());
    }
    REQUIRE(methodologist->sync().ok());
    // The file and its write-ahead log, as a crash would leave them: opening recovers it.
    fs::copy_file(server.store_path(), dir / "central.db");
    const fs::path wal = server.store_path().string() + "-wal";
    if (fs::exists(wal)) fs::copy_file(wal, dir / "central.db-wal");
    sqlite = "sqlite:" + (dir / "central.db").string();
  }
  const std::vector<std::string> no_key;
  before = stats_of(sqlite, no_key);
  REQUIRE(before["records"].value("mentoring_session", 0) == kSessions);
  const std::string postgresql = PostgresCluster::shared().create_database();
  const auto start = std::chrono::steady_clock::now();
  auto copied = admin({"migrate-store", "--from", sqlite, "--to", postgresql});
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  INFO(copied.err);
  REQUIRE(copied.exit_code == 0);
  CHECK_THAT(copied.out, Catch::Contains("the same in both"));
  // For the summary only: no assertion depends on time.
  std::cout << "migrate-store of " << kSessions << " sessions: " << took.count() / 1000.0 << " s, copy and check\n"
            << copied.out;
  CHECK(stats_of(postgresql, no_key) == before);
  CHECK(devices_of(sqlite, no_key) == devices_of(postgresql, no_key));
}
