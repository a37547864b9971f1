#pragma once
// SQLite files read directly by a test, as another program would open them after a crash:
// a plain connection (which recovers the WAL), no project code in between.

#include <filesystem>
#include <string>
#include <vector>

namespace nastavnik::testing {

using Rows = std::vector<std::vector<std::string>>;

// Every row of `sql` on the database file, each column as text (or blob bytes); a failing
// statement fails the test. A store address works too: sqlite:FILE, or a postgresql://
// database of the tests' cluster (read through psql, text columns only).
Rows query(const std::filesystem::path& db, const std::string& sql);
// The result of PRAGMA integrity_check: "ok" for a healthy file (a PostgreSQL store is
// PostgreSQL's to keep whole: "ok").
std::string integrity_check(const std::filesystem::path& db);

}  // namespace nastavnik::testing
