#pragma once
// A real PostgreSQL server for the tests and benchmarks, never a system service: a new
// cluster (initdb) in a temporary directory, started with pg_ctl, listening only on a unix
// socket in that directory, run as an unprivileged user (`nobody`) when the tests run as
// root (PostgreSQL refuses to run as root), stopped and removed on destruction. No Catch2
// inside. A cluster that cannot be started throws, with initdb's or the server's log: a
// test that needs it fails, it is not skipped.

#include <filesystem>
#include <string>

#include "tests/support/temp_dir.h"

namespace nastavnik::testing {

class PostgresCluster {
 public:
  // `durable`: fsync as a production server does (the benchmarks); the tests turn it off
  // (a kill -9 of a nastavnik-server never loses a PostgreSQL commit either way).
  explicit PostgresCluster(bool durable = false);
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // Stops the server (fast shutdown: connections are cut) and starts it again on the same
  // data: a database restarting, or going away for a while, under a running service.
  void stop();
  void start();

  // Creates a new, empty database and gives its connection URI (postgresql://...).
  std::string create_database();
  // The directory of the PostgreSQL programs (initdb, psql, pg_dump...).
  const std::filesystem::path& bin() const { return bin_; }
  const std::filesystem::path& socket_dir() const { return dir_.path(); }
  // Runs SQL through psql on a database of the cluster; gives psql's output (-At).
  std::string psql(const std::string& uri, const std::string& sql) const;

  // One cluster per process, started on first use and stopped at exit.
  static PostgresCluster& shared();

 private:
  TempDir dir_;
  std::filesystem::path bin_;
  std::string options_;  // the server's settings, for start()
  int databases_ = 0;
};

// The store address a test should use: the SQLite file `sqlite_file`, or a new database of
// the shared cluster when $NASTAVNIK_TEST_STORE is "postgresql" (CTest runs the store's
// suites both ways).
std::string test_store_address(const std::filesystem::path& sqlite_file);
bool testing_postgresql();

}  // namespace nastavnik::testing
