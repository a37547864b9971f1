#pragma once
// A small RAII layer over the SQLite C API for the two stores (client replica and central
// store). Lives in its own CMake target, nastavnik_sqlite, so that the common library
// stays free of SQLite.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "shared/core/status.h"

namespace nastavnik::sql {

class Statement;

// Compiled statements kept for reuse. The stores run the same few dozen SQL texts for every
// op they apply, and compiling a statement costs more than running one of these small
// ones. A statement goes back here, reset, when its Statement is destroyed.
class StatementCache {
 public:
  // A kept statement for exactly this text, or nullptr.
  sqlite3_stmt* take(const std::string& sql);
  // Keeps `stmt` (reset, bindings cleared) for the next take(), or finalizes it when the
  // database is closing or enough copies of the text are kept.
  void give_back(std::string sql, sqlite3_stmt* stmt);
  // Finalizes everything kept; statements given back later are finalized at once.
  void close();

 private:
  static constexpr size_t kMaxCopiesPerText = 4;
  std::mutex mu_;
  bool closed_ = false;
  std::unordered_multimap<std::string, sqlite3_stmt*> kept_;
};

class Database {
 public:
  enum class Mode { kOpenExisting, kCreateNew };
  // Opens the file. kOpenExisting never creates it; kCreateNew fails if it exists.
  // A file that is not a healthy SQLite database gives Corruption and is left untouched.
  // Every page is read (quick_check) unless the file is as our last clean close left it.
  static Result<std::unique_ptr<Database>> open(const std::filesystem::path& path, Mode mode);
  // Another connection, for reading only (`query_only`), to a file this process already
  // opened with open() and so checked: no integrity check, never a clean-close stamp. In
  // WAL mode it reads the last commit while the first connection writes.
  static Result<std::unique_ptr<Database>> open_reader(const std::filesystem::path& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* handle() { return db_; }
  const std::filesystem::path& path() const { return path_; }
  // The current error as a Status, mapping SQLITE_CORRUPT/NOTADB to Corruption.
  Status error(std::string_view what) const;
  // Whether open() read every page (the file may have changed since our last clean close;
  // clean_close_stamp.h).
  bool checked_fully() const { return checked_fully_; }
  // The file is one of our stores (its owner checked): its stamp is removed now and written
  // again when it closes cleanly. Another program's database never gets one.
  void track_clean_close();

 private:
  Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  // The connection both open() and open_reader() start from: read-write, serialised, a
  // 5 s busy timeout, extended result codes.
  static Result<std::unique_ptr<Database>> connect(const std::filesystem::path& path);
  sqlite3* db_;
  std::filesystem::path path_;
  std::shared_ptr<StatementCache> cache_ = std::make_shared<StatementCache>();
  bool checked_fully_ = false;
  bool tracking_clean_close_ = false;
};

class Statement {
 public:
  Statement(Database* db, sqlite3_stmt* stmt, std::shared_ptr<StatementCache> cache, std::string sql)
      : db_(db), stmt_(stmt), cache_(std::move(cache)), sql_(std::move(sql)) {}
  Statement(Statement&& o) noexcept
      : db_(o.db_), stmt_(o.stmt_), cache_(std::move(o.cache_)), sql_(std::move(o.sql_)) {
    o.stmt_ = nullptr;
  }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Binding is 1-based like SQLite's.
  Statement& bind(int i, std::string_view text);
  Statement& bind(int i, int64_t v);
  Statement& bind_blob(int i, std::string_view bytes);
  Statement& bind_null(int i);
  Statement& bind_opt(int i, const std::optional<std::string>& text);

  // True while a row is available; false when done. Errors come back as Status.
  Result<bool> step();
  // Runs to completion, for statements without rows.
  Status run();
  void reset();

  std::string text(int col) const;
  std::optional<std::string> opt_text(int col) const;
  int64_t integer(int col) const;
  std::string blob(int col) const;
  bool is_null(int col) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
  std::shared_ptr<StatementCache> cache_;  // where stmt_ goes back to
  std::string sql_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Status begin();
  Status commit();

 private:
  Database& db_;
  bool open_ = false;
};

// A read transaction: every statement until it ends reads the same commit, whatever other
// connections write meanwhile. Ends (COMMIT) when destroyed.
class ReadTransaction {
 public:
  static Result<ReadTransaction> begin(Database& db);
  ReadTransaction(ReadTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  ReadTransaction& operator=(ReadTransaction&&) = delete;
  ~ReadTransaction();

 private:
  explicit ReadTransaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace nastavnik::sql
