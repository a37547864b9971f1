#pragma once
// Connections to one PostgreSQL database shared by a server's threads: each call borrows
// one for as long as it needs (an ingest for its whole transaction) and gives it back. A
// connection found broken is reconnected before it is lent again, so a restarted database
// costs the requests in flight, not the server.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "shared/core/status.h"
#include "syncserver/store/pg_connection.h"

namespace nastavnik::pg {

class Pool {
 public:
  // Opens the first connection now (so a wrong address fails at once), the rest on demand.
  static Result<std::unique_ptr<Pool>> open(const std::string& uri, size_t size);

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> conn) : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };
  Result<Lease> acquire();

 private:
  Pool(std::string uri, size_t size) : uri_(std::move(uri)), size_(size) {}
  void give_back(std::unique_ptr<Connection> conn);

  const std::string uri_;
  const size_t size_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t lent_ = 0;
};

}  // namespace nastavnik::pg
