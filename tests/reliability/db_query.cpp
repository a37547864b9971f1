#include "tests/reliability/db_query.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>

namespace nastavnik::testing {

Rows query(const std::filesystem::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  const int prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  INFO(sql << ": " << sqlite3_errmsg(db));
  if (prepared != SQLITE_OK) sqlite3_close(db);
  REQUIRE(prepared == SQLITE_OK);
  Rows rows;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(st, i));
      row.emplace_back(p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(st, i))) : std::string());
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_DONE);
  return rows;
}

std::string integrity_check(const std::filesystem::path& db) {
  std::string out;
  for (const auto& r : query(db, "PRAGMA integrity_check")) out += r.at(0);
  return out;
}

}  // namespace nastavnik::testing
