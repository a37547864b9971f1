// Three nastavnik-server instances on one PostgreSQL store behind the nginx front (the
// shipped proxy rules, an upstream of the three): laptops syncing through it at once keep
// their work when one instance is killed, and every session arrives exactly once.
#include <catch2/catch.hpp>

#include <signal.h>

#include <atomic>
#include <thread>

#include "tests/field/field_site.h"
#include "tests/support/demo_people.h"
#include "tests/support/http_laptop.h"

using namespace nastavnik;
using namespace nastavnik::testing;

using Laptop = HttpLaptop;

TEST_CASE("three instances behind nginx on one PostgreSQL store: one killed, the laptops' work all arrives once",
          "[field][front][instances]") {
  FieldSiteOptions options;
  options.postgresql = true;
  options.instances = 3;
  FieldSite site(options);
  REQUIRE(site.server_pids().size() == 3);
  const std::vector<std::pair<std::string, std::string>> people = {
      {demo::kTutor1, demo::kPair1}, {demo::kTutor2, demo::kPair2}, {demo::kMethodologist, demo::kPair1},
      {demo::kMethodologist, demo::kPair2}};
  std::vector<std::unique_ptr<Laptop>> laptops;
  for (const auto& [person, pair] : people)
    laptops.push_back(std::make_unique<Laptop>(
        site.url(), site.code_for(person, person == demo::kMethodologist ? "methodologist" : "tutor")));
  std::atomic<int> failed{0};
  auto work_round = [&](int round) {
    std::vector<std::thread> threads;
    for (size_t i = 0; i < laptops.size(); ++i)
      threads.emplace_back([&, i] {
        for (int s = 0; s < 10; ++s)
          laptops[i]->device.add_session(people[i].second,
                                         "Тема «" + std::to_string(round) + "» № " + std::to_string(s));
        SyncSettings settings;
        settings.max_ops_per_changeset = 4;
        auto done = laptops[i]->device.sync(settings);
        if (!done.ok() || !done->rejected.empty()) ++failed;
      });
    for (auto& t : threads) t.join();
  };
  work_round(1);
  CHECK(failed == 0);
  // One instance dies (kill -9) while the laptops go on: nginx sends their requests to the
  // other two.
  ::kill(site.server_pids()[0], SIGKILL);
  work_round(2);
  work_round(3);
  CHECK(failed == 0);

  // A methodologist's new laptop pulls everything: each session once.
  Laptop verifier(site.url(), site.code_for(demo::kMethodologist, "methodologist"));
  auto pulled = verifier.device.sync();
  REQUIRE(pulled.ok());
  CHECK(verifier.device.count("mentoring_session") == 3 * 10 * static_cast<int64_t>(laptops.size()));
  for (auto& l : laptops) {
    const auto pending = l->device.store().outbox().pending();
    REQUIRE(pending.ok());
    CHECK(pending->unacked_changesets == 0);
    CHECK(pending->unsealed_ops == 0);
  }
}
