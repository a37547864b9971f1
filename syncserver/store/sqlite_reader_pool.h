#pragma once
// Connections that only read a SQLite central store, lent to one thread at a time. In WAL
// mode a reader sees the last commit while the store's own connection writes, so pulls
// need not wait behind an ingest's durable commit (or each other) for the one connection.

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::server {

class SqliteReaderPool {
 public:
  SqliteReaderPool(std::filesystem::path path, size_t max_readers)
      : path_(std::move(path)), max_readers_(max_readers) {}

  // A connection for the lifetime of the lease; it goes back to the pool when the lease ends.
  class Lease {
   public:
    Lease(SqliteReaderPool& pool, std::unique_ptr<sql::Database> db) : pool_(&pool), db_(std::move(db)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    sql::Database& db() { return *db_; }

   private:
    SqliteReaderPool* pool_;
    std::unique_ptr<sql::Database> db_;
  };

  // A free connection, a new one while fewer than `max_readers` are open, or the next one
  // returned.
  Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<sql::Database> db);

  const std::filesystem::path path_;
  const size_t max_readers_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<sql::Database>> idle_;
  size_t open_ = 0;
};

}  // namespace nastavnik::server
