// Enrollment over the field's links (issue 9): an answer lost in transit, a typo in the
// expected server key, a laptop stranded half-enrolled, and someone guessing codes. The
// real server, the real nastavnik-cli, a proxy that cuts the answer.

#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/field/field_site.h"
#include "tests/support/demo_people.h"
#include "tests/support/fault_proxy.h"

using namespace nastavnik::testing;
using nlohmann::json;

namespace {

json devices(FieldSite& site) { return json::parse(site.admin({"devices", "--json"}).out, nullptr, false); }

}  // namespace

TEST_CASE("an enrollment whose answer is cut is retried with the same code and succeeds", "[field][enroll]") {
  FieldSite site(Front::kEmbedded);
  FaultProxy proxy(site.port());
  CliLaptop laptop(site.dir() / "laptop");
  laptop.ok({"init"});
  const std::string code = site.code_for(demo::kTutor1, "tutor");
  const std::string url = "http://127.0.0.1:" + std::to_string(proxy.port());
  FaultPlan cut;
  cut.cut_after_response_bytes = 100;  // inside the signed answer
  proxy.set_plan(cut);
  const auto lost = laptop.run({"enroll", "--server", url, "--code", code});
  CHECK(lost.exit_code == 1);
  CHECK(proxy.cuts() == 1);
  // The server spent the code on this key; the laptop did not get the answer.
  REQUIRE(devices(site).size() == 1);
  proxy.set_plan({});
  const auto again = laptop.ok({"enroll", "--server", url, "--code", code});
  CHECK_THAT(again.out, Catch::Contains("Грамотеева"));
  CHECK(devices(site).size() == 1);
  laptop.ok({"sync"});
  // The same code from another key is still refused.
  CliLaptop other(site.dir() / "other");
  other.ok({"init"});
  const auto refused = other.run({"enroll", "--server", site.url(), "--code", code});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("already used"));
}

TEST_CASE("a wrong expected server key is caught before the code is spent", "[field][enroll]") {
  FieldSite site(Front::kEmbedded);
  CliLaptop laptop(site.dir() / "laptop");
  laptop.ok({"init"});
  const std::string code = site.code_for(demo::kTutor1, "tutor");
  const auto typo = laptop.run({"enroll", "--server", site.url(), "--code", code, "--expect-server-key", "0bad"});
  CHECK(typo.exit_code == 1);
  CHECK_THAT(typo.err, Catch::Contains("not the expected") && Catch::Contains("not used"));
  CHECK(devices(site).empty());
  // The key id as the methodologist reads it out: in groups, any case.
  const json info = json::parse(httplib::Client(site.url()).Get("/v1/info")->body);
  std::string spoken = info.value("server", "").substr(0, 8);
  spoken.insert(4, "-");
  for (auto& c : spoken) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  laptop.ok({"enroll", "--server", site.url(), "--code", code, "--expect-server-key", spoken});
  CHECK(devices(site).size() == 1);
}

TEST_CASE("a laptop stranded half-enrolled enrolls with a fresh code and keeps its records", "[field][enroll]") {
  FieldSite site(Front::kEmbedded);
  FaultProxy proxy(site.port());
  CliLaptop laptop(site.dir() / "laptop");
  // Set up for its person before it could reach the server, and used offline.
  laptop.ok({"init", "--person", demo::kTutor1, "--role", "tutor"});
  laptop.ok({"session", "add", "--topic", "Записано до подключения", "--stage", "theory", "--format", "offline",
             "--pair-id", demo::kPair1});
  const std::string url = "http://127.0.0.1:" + std::to_string(proxy.port());
  FaultPlan cut;
  cut.cut_after_response_bytes = 100;
  proxy.set_plan(cut);
  CHECK(laptop.run({"enroll", "--server", url, "--code", site.code_for(demo::kTutor1, "tutor")}).exit_code == 1);
  proxy.set_plan({});
  // The operator gives up on that code: revokes the half-enrolled device, issues a new one.
  const json half = devices(site);
  REQUIRE(half.size() == 1);
  const std::string device = half[0].value("id", "");
  REQUIRE(device.size() == 32);
  site.admin({"revoke", device.substr(0, 8)});
  laptop.ok({"enroll", "--server", site.url(), "--code", site.code_for(demo::kTutor1, "tutor")});
  const json listed = devices(site);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].value("status", "") == "active");
  const json sync = json::parse(laptop.ok({"sync", "--json"}).out);
  CHECK(sync.value("ops_sent", 0) >= 1);
  CHECK(sync.value("rejected", json::array()).empty());
}

TEST_CASE("wrong codes from one address are answered 429, other addresses are not held up", "[field][enroll]") {
  for (Front front : {Front::kEmbedded, Front::kNginx}) {
    FieldSite site(front);
    INFO((front == Front::kNginx ? "behind nginx" : "embedded"));
    FaultProxy guesser(site.port(), "127.0.0.5");
    httplib::Client client("127.0.0.1", guesser.port());
    int too_many = 0, wrong = 0;
    std::string retry_after;
    for (int i = 0; i < 20; ++i) {
      const json body = {{"code", "AAAA-BBBB-CC" + std::to_string(10 + i)},
                         {"public_key", std::string(64, 'a')}, {"name", "guess"}};
      auto res = client.Post("/v1/enroll", body.dump(), "application/json");
      REQUIRE(res);
      if (res->status == 429) {
        ++too_many;
        retry_after = res->get_header_value("Retry-After");
        CHECK(json::parse(res->body, nullptr, false)["error"].value("code", "") == "too_many_attempts");
      } else {
        CHECK(res->status == 403);
        ++wrong;
      }
    }
    CHECK(too_many >= 5);
    CHECK(wrong <= 15);
    CHECK(!retry_after.empty());
    // A teacher at another school enrolls meanwhile.
    CliLaptop laptop(site.dir() / "teacher");
    laptop.init_and_enroll(site.url(), site.code_for(demo::kTeacher1, "teacher"));
  }
}

TEST_CASE("wrong JSON types are 400, and the store's files are the service user's alone", "[field][enroll][hygiene]") {
  FieldSite site(Front::kEmbedded);
  httplib::Client client(site.url());
  const std::string key(64, 'b');
  for (const json& body : {json{{"code", "AAAA-BBBB-CCCC"}, {"public_key", key}, {"name", 5}},
                           json{{"code", 123}, {"public_key", key}},
                           json{{"code", "AAAA-BBBB-CCCC"}, {"public_key", json::array()}},
                           json{{"code", "AAAA-BBBB-CCCC"}, {"public_key", key}, {"name", "ноутбук\x1b[2J"}}}) {
    INFO(body.dump());
    auto res = client.Post("/v1/enroll", body.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body, nullptr, false)["error"].value("code", "") == "bad_request");
  }
  CliLaptop laptop(site.dir() / "laptop");
  laptop.init_and_enroll(site.url(), site.code_for(demo::kTutor1, "tutor"));
  const auto mode = [](const std::filesystem::path& p) {
    return static_cast<unsigned>(std::filesystem::status(p).permissions()) & 0777u;
  };
  for (const std::string suffix : {"", "-wal", "-shm", ".server.key"}) {
    const std::filesystem::path file = site.store() + suffix;
    INFO(file);
    REQUIRE(std::filesystem::exists(file));
    CHECK(mode(file) == 0600u);
  }
}
