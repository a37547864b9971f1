// How operators name the store and the server key: an address (a path, sqlite:PATH, or a
// postgresql:// URI) and --server-key when the key is kept apart
// from the store, through the real nastavnik-server.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "shared/crypto/key_pair.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using namespace nastavnik;
using namespace nastavnik::testing;
namespace fs = std::filesystem;

namespace {

ProcessResult server(std::vector<std::string> args) {
  args.insert(args.begin(), NASTAVNIK_SERVER_PATH);
  return run_process(args);
}

}  // namespace

TEST_CASE("a store named sqlite:PATH with its key kept elsewhere serves with that key", "[integration][store]") {
  TempDir dir;
  fs::create_directories(dir / "keys");
  const std::string store = "sqlite:" + (dir / "central.db").string();
  const std::string key = (dir / "keys" / "nastavnik.key").string();
  auto init = server({"init", "--store", store, "--server-key", key});
  INFO(init.err);
  REQUIRE(init.exit_code == 0);
  CHECK(fs::exists(dir / "central.db"));
  CHECK(fs::exists(dir / "keys" / "nastavnik.pub"));
  CHECK_FALSE(fs::exists(dir / "central.db.server.key"));
  CHECK(server({"init", "--store", (dir / "other.db").string(), "--server-key", key}).exit_code == 1);
  CHECK_FALSE(fs::exists(dir / "other.db"));

  // Without --server-key the key is looked for next to the store, and is not there.
  auto no_key = server({"enroll-code", "--store", store, "--person", "00000000-0000-7000-8000-000300000003",
                        "--role", "teacher"});
  CHECK(no_key.exit_code == 1);
  CHECK_THAT(no_key.err, Catch::Contains("central.db.server.key is missing"));

  ServerProcess process(NASTAVNIK_SERVER_PATH, store, dir.path());
  process.start({"--server-key", key});
  httplib::Client client(process.url());
  auto info = client.Get("/v1/info");
  REQUIRE(info);
  const auto answer = nlohmann::json::parse(info->body);
  auto pinned = crypto::KeyPair::load(dir / "keys" / "nastavnik");
  REQUIRE(pinned.ok());
  CHECK(answer["server"] == pinned->id());
}

TEST_CASE("store addresses that cannot be opened are refused with what to do", "[integration][store]") {
  TempDir dir;
  auto pg = server({"stats", "--store", "postgresql://nastavnik:s3cret@127.0.0.1:1/nastavnik"});
  CHECK(pg.exit_code == 1);
  CHECK_THAT(pg.err, Catch::Contains("PostgreSQL cannot be reached"));
  CHECK_THAT(pg.err, !Catch::Contains("s3cret"));
  auto pg_init = server({"init", "--store", "postgresql://127.0.0.1:1/nastavnik"});
  CHECK(pg_init.exit_code == 1);
  CHECK_THAT(pg_init.err, Catch::Contains("--server-key"));

  auto other = server({"stats", "--store", "mysql://db.example/nastavnik"});
  CHECK(other.exit_code == 2);
  CHECK_THAT(other.err, Catch::Contains("use sqlite:PATH or postgresql://"));
  auto bad_key = server({"init", "--store", (dir / "central.db").string(), "--server-key", (dir / "k.pem").string()});
  CHECK(bad_key.exit_code == 1);
  CHECK_THAT(bad_key.err, Catch::Contains("must be named *.key"));
  CHECK_FALSE(fs::exists(dir / "central.db"));
}
