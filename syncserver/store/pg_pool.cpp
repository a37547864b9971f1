#include "syncserver/store/pg_pool.h"

namespace nastavnik::pg {

Result<std::unique_ptr<Pool>> Pool::open(const std::string& uri, size_t size) {
  std::unique_ptr<Pool> pool(new Pool(uri, size));
  NASTAVNIK_ASSIGN_OR_RETURN(auto first, Connection::open(uri));
  pool->idle_.push_back(std::move(first));
  return pool;
}

Pool::Lease::~Lease() {
  if (pool_ && conn_) pool_->give_back(std::move(conn_));
}

void Pool::give_back(std::unique_ptr<Connection> conn) {
  std::lock_guard<std::mutex> g(mu_);
  --lent_;
  idle_.push_back(std::move(conn));
  freed_.notify_one();
}

Result<Pool::Lease> Pool::acquire() {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock<std::mutex> g(mu_);
    freed_.wait(g, [&] { return !idle_.empty() || lent_ + idle_.size() < size_; });
    ++lent_;
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  Status ready = conn ? (conn->healthy() ? Status::Ok() : conn->reset()) : Status::Ok();
  if (!conn) {
    auto opened = Connection::open(uri_);
    if (opened.ok()) conn = std::move(opened).value();
    else ready = opened.status();
  }
  if (!ready.ok()) {
    std::lock_guard<std::mutex> g(mu_);
    --lent_;
    if (conn) idle_.push_back(std::move(conn));
    freed_.notify_one();
    return ready;
  }
  return Lease(*this, std::move(conn));
}

}  // namespace nastavnik::pg
