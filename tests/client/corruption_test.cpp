#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

#include "client/store/local_store.h"
#include "tests/support/temp_dir.h"

using namespace nastavnik;

namespace {

// A replica with enough rows to span many pages.
std::filesystem::path make_replica(const testing::TempDir& dir) {
  const auto path = dir / "replica.db";
  auto store = LocalStore::create(path, std::string(32, 'a'));
  REQUIRE(store.ok());
  for (int i = 0; i < 300; ++i)
    REQUIRE((*store)->create_record("mentoring_session",
                                    {{"mentor_id", "00000000-0000-7000-8000-000300000010"}, {"date", "2026-11-20"},
                                     {"format", "offline"}, {"stage", "theory"},
                                     {"topic", "Тема занятия номер " + std::to_string(i) + std::string(200, 'x')}})
                .ok());
  store->reset();
  // Fold the WAL into the main file so the damage below hits real pages.
  auto db = sql::Database::open(path, sql::Database::Mode::kOpenExisting);
  REQUIRE(db.ok());
  REQUIRE((*db)->exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  return path;
}

void expect_refused_untouched(const std::filesystem::path& path) {
  const std::string before = testing::read_file(path);
  auto store = LocalStore::open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == StatusCode::kCorruption);
  CHECK_THAT(store.status().message(), Catch::Contains("left untouched"));
  CHECK(testing::read_file(path) == before);
}

}  // namespace

TEST_CASE("a scribbled replica gives a clear error and is not overwritten", "[store][corruption]") {
  testing::TempDir dir;
  const auto path = make_replica(dir);
  const auto size = std::filesystem::file_size(path);
  REQUIRE(size > 20 * 4096);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    const std::string garbage(8192, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  expect_refused_untouched(path);
}

TEST_CASE("a truncated replica gives a clear error and is not overwritten", "[store][corruption]") {
  testing::TempDir dir;
  const auto path = make_replica(dir);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  expect_refused_untouched(path);
}

TEST_CASE("a file that is not a database is refused", "[store][corruption]") {
  testing::TempDir dir;
  const auto path = dir / "replica.db";
  std::ofstream(path) << "these are somebody's notes, not a database";
  expect_refused_untouched(path);
}

TEST_CASE("a missing replica is reported as such", "[store][corruption]") {
  testing::TempDir dir;
  CHECK(LocalStore::open(dir / "nothing.db").status().code() == StatusCode::kNotFound);
  CHECK_FALSE(std::filesystem::exists(dir / "nothing.db"));
}

TEST_CASE("a replica as its last clean close left it opens without reading every page; any other is checked in full",
          "[store][corruption]") {
  testing::TempDir dir;
  const auto path = make_replica(dir);
  using sql::Database;
  auto opened_checks = [&] {
    auto db = Database::open(path, Database::Mode::kOpenExisting);
    REQUIRE(db.ok());
    return (*db)->checked_fully();
  };
  CHECK_FALSE(opened_checks());  // make_replica closed the replica cleanly

  {
    // Another program opening it while the replica is open finds no stamp: it may crash.
    auto store = LocalStore::open(path);
    REQUIRE(store.ok());
    CHECK(opened_checks());
  }
  CHECK_FALSE(opened_checks());
  // Touched by something else since (a restore, a copy back, another program): checked.
  std::filesystem::last_write_time(path, std::filesystem::last_write_time(path) + std::chrono::seconds(1));
  CHECK(opened_checks());
  { REQUIRE(LocalStore::open(path).ok()); }
  CHECK_FALSE(opened_checks());
  // A -wal file left over (a crash with committed work not yet in the main file): checked.
  { std::ofstream(path.string() + "-wal"); }
  CHECK(opened_checks());
  // The stamp is the owner's alone, like the replica.
  { REQUIRE(LocalStore::open(path).ok()); }
  REQUIRE(std::filesystem::exists(path.string() + ".clean"));
  CHECK((std::filesystem::status(path.string() + ".clean").permissions() & std::filesystem::perms::others_read) ==
        std::filesystem::perms::none);
}
