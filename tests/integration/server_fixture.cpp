#include "tests/integration/server_fixture.h"

#include <catch2/catch.hpp>

#include <regex>

#include "tests/support/postgres_cluster.h"

namespace nastavnik::testing {

ServerFixture::ServerFixture() : store_address_(test_store_address(dir_ / "municipal.db")) {
  if (testing_postgresql()) key_args_ = {"--server-key", (dir_ / "server.key").string()};
  admin({"init"});
  admin({"import-registry", std::string(NASTAVNIK_TEST_ASSETS) + "/demo/volosovo.json"});
  server_ = std::make_unique<ServerProcess>(NASTAVNIK_SERVER_PATH, store_address_, dir_.path());
  server_->start(key_args_);
}

ProcessResult ServerFixture::admin(std::vector<std::string> args, bool expect_ok) {
  std::vector<std::string> argv = {NASTAVNIK_SERVER_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--store");
  argv.push_back(store_address_);
  argv.insert(argv.end(), key_args_.begin(), key_args_.end());
  auto result = run_process(argv);
  if (expect_ok) {
    INFO("nastavnik-server " << args.at(0) << ": " << result.err);
    REQUIRE(result.exit_code == 0);
  }
  return result;
}

std::string ServerFixture::code_for(const std::string& person_id, const std::string& role) {
  const auto result = admin({"enroll-code", "--person", person_id, "--role", role});
  std::smatch m;
  static const std::regex kCode("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
  REQUIRE(std::regex_search(result.out, m, kCode));
  return m.str();
}

nlohmann::json ServerFixture::stats() {
  const auto result = admin({"stats", "--json"});
  auto j = nlohmann::json::parse(result.out, nullptr, false);
  REQUIRE(j.is_object());
  return j;
}

}  // namespace nastavnik::testing
