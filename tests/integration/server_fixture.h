#pragma once
// A real nastavnik-server process on 127.0.0.1 with a random port, a temporary store with
// the Volosovo demo registry, and helpers to issue codes and read the store's totals
// through the server's own admin commands.

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace nastavnik::testing {

class ServerFixture {
 public:
  ServerFixture();
  ServerProcess& server() { return *server_; }
  std::string url() const { return server_->url(); }
  // The store's file when it is a SQLite store (tests that read it with SQL of their own).
  std::string store_path() const { return (dir_ / "municipal.db").string(); }
  // sqlite:FILE, or a PostgreSQL database under $NASTAVNIK_TEST_STORE (postgres_cluster.h).
  const std::string& store_address() const { return store_address_; }
  // The arguments naming the server key: none for a SQLite store (it is beside the file).
  const std::vector<std::string>& key_args() const { return key_args_; }
  // Runs `nastavnik-server ARGS... --store STORE`; fails the test on a non-zero exit.
  ProcessResult admin(std::vector<std::string> args, bool expect_ok = true);
  std::string code_for(const std::string& person_id, const std::string& role);
  nlohmann::json stats();
  int64_t ops() { return stats().value("ops", int64_t{0}); }

 private:
  TempDir dir_;
  std::string store_address_;
  std::vector<std::string> key_args_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace nastavnik::testing
