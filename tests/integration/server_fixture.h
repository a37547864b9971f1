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
  std::string store_path() const { return (dir_ / "municipal.db").string(); }
  // Runs `nastavnik-server ARGS... --store STORE`; fails the test on a non-zero exit.
  ProcessResult admin(std::vector<std::string> args, bool expect_ok = true);
  std::string code_for(const std::string& person_id, const std::string& role);
  nlohmann::json stats();
  int64_t ops() { return stats().value("ops", int64_t{0}); }

 private:
  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace nastavnik::testing
