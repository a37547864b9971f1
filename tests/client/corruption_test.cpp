#include <catch2/catch.hpp>

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
