#include "tests/reliability/db_query.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "tests/support/postgres_cluster.h"

namespace nastavnik::testing {

namespace {

// psql -At: a row per line, columns split by '|' (the tests' queries return no '|').
Rows query_postgresql(const std::string& uri, const std::string& sql) {
  std::string out;
  try {
    out = PostgresCluster::shared().psql(uri, sql);
  } catch (const std::exception& e) {
    FAIL(sql << ": " << e.what());
  }
  Rows rows;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::vector<std::string> row;
    const std::string line = out.substr(start, end - start);
    size_t from = 0;
    for (;;) {
      const size_t bar = line.find('|', from);
      row.push_back(line.substr(from, bar == std::string::npos ? std::string::npos : bar - from));
      if (bar == std::string::npos) break;
      from = bar + 1;
    }
    rows.push_back(std::move(row));
    start = end + 1;
  }
  return rows;
}

}  // namespace

Rows query(const std::filesystem::path& store, const std::string& sql) {
  const std::string address = store.string();
  if (address.starts_with("postgresql://")) return query_postgresql(address, sql);
  const std::filesystem::path db_path = address.starts_with("sqlite:") ? address.substr(7) : address;
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
  // PostgreSQL keeps its own pages whole (WAL); a crash of nastavnik-server cannot tear them.
  if (db.string().starts_with("postgresql://")) return "ok";
  std::string out;
  for (const auto& r : query(db, "PRAGMA integrity_check")) out += r.at(0);
  return out;
}

}  // namespace nastavnik::testing
