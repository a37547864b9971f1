#include "syncserver/store/sqlite_reader_pool.h"

#include <sqlite3.h>

namespace nastavnik::server {

SqliteReaderPool::Lease::~Lease() {
  if (!db_) return;
  // A connection goes back with no transaction open: one left open would keep reading an
  // old commit (and hold the WAL from being checkpointed past it).
  if (!sqlite3_get_autocommit(db_->handle())) (void)db_->exec("ROLLBACK");
  pool_->give_back(std::move(db_));
}

Result<SqliteReaderPool::Lease> SqliteReaderPool::acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  returned_.wait(lock, [&] { return !idle_.empty() || open_ < max_readers_; });
  if (!idle_.empty()) {
    auto db = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(db));
  }
  ++open_;
  lock.unlock();
  auto db = sql::Database::open_reader(path_);
  if (!db.ok()) {
    std::lock_guard<std::mutex> undo(mu_);
    --open_;
    returned_.notify_one();
    return db.status();
  }
  return Lease(*this, std::move(db).value());
}

void SqliteReaderPool::give_back(std::unique_ptr<sql::Database> db) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(db));
  }
  returned_.notify_one();
}

}  // namespace nastavnik::server
