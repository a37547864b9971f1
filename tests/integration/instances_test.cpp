// Several stateless nastavnik-server instances sharing one PostgreSQL store (a cluster the
// test starts itself): a device's chain holds when its changeset reaches two instances at
// once, an enrollment code is redeemed once, pulls never skip a feed row while both
// instances ingest, and a killed instance loses nothing acknowledged.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <atomic>
#include <future>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "shared/ops/changeset.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/sync_messages.h"
#include "tests/support/demo_people.h"
#include "tests/support/postgres_cluster.h"
#include "tests/support/process.h"
#include "tests/support/http_laptop.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wall_clock.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// One PostgreSQL store and two server instances on it, each on its own port.
struct TwoInstances {
  TempDir dir;
  std::string store = PostgresCluster::shared().create_database();
  std::vector<std::string> key = {"--server-key", (dir / "server.key").string()};
  std::unique_ptr<ServerProcess> a, b;

  TwoInstances() {
    admin({"init"});
    admin({"import-registry", std::string(NASTAVNIK_TEST_ASSETS) + "/demo/volosovo.json"});
    fs::create_directories(dir / "a");
    fs::create_directories(dir / "b");
    a = std::make_unique<ServerProcess>(NASTAVNIK_SERVER_PATH, store, dir / "a");
    b = std::make_unique<ServerProcess>(NASTAVNIK_SERVER_PATH, store, dir / "b");
    a->start(key);
    b->start(key);
  }
  std::string admin(std::vector<std::string> args) {
    args.insert(args.begin(), NASTAVNIK_SERVER_PATH);
    args.insert(args.end(), {"--store", store});
    args.insert(args.end(), key.begin(), key.end());
    auto r = run_process(args);
    INFO(args.at(1) << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
  }
  std::string code_for(const std::string& person, const std::string& role) {
    const std::string found = enrollment_code_in(admin({"enroll-code", "--person", person, "--role", role}));
    REQUIRE_FALSE(found.empty());
    return found;
  }
  // Every op stamp in the store.
  std::set<std::string> op_stamps() {
    std::set<std::string> out;
    std::istringstream lines(PostgresCluster::shared().psql(store, "SELECT hlc FROM ops"));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) out.insert(line);
    return out;
  }
};

using Laptop = HttpLaptop;

// Every op stamp in the laptop's replica (each once: stamps key the op log).
std::set<std::string> op_stamps_of(Laptop& laptop) {
  std::set<std::string> out;
  auto db = sql::Database::open(laptop.device.replica_path(), sql::Database::Mode::kOpenExisting);
  REQUIRE(db.ok());
  auto st = (*db)->prepare("SELECT hlc FROM ops");
  REQUIRE(st.ok());
  while (st->step().value()) out.insert(st->text(0));
  return out;
}

httplib::Result signed_sync(const std::string& url, const crypto::KeyPair& key, const std::string& body,
                            uint64_t time_ms) {
  httplib::Client client(url);
  client.set_read_timeout(30, 0);
  const auto sig = wire::sign_request(key, "POST", "/v1/sync", time_ms, body);
  return client.Post("/v1/sync",
                     {{wire::kDeviceHeader, sig.device}, {wire::kTimeHeader, std::to_string(sig.time_ms)},
                      {wire::kSignatureHeader, sig.signature_b64}},
                     body, "application/x-nastavnik-sync");
}

// The status the server-signed receipt gives the request's one changeset.
std::string outcome_of(const httplib::Result& res, const crypto::PublicKey& server) {
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  const json answer = json::parse(res->body, nullptr, false);
  REQUIRE(answer.contains("receipt"));
  auto receipt = wire::open_document(wire::kReceiptContext, answer["receipt"], server);
  REQUIRE(receipt.ok());
  auto parsed = wire::receipt_from_json(*receipt);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->results.size() == 1);
  return wire::outcome_name(parsed->results[0].outcome);
}

}  // namespace

TEST_CASE("one changeset reaching two instances at once: one accepts it, the other answers duplicate",
          "[integration][instances]") {
  TwoInstances cluster;
  Laptop tutor(cluster.a->url(), cluster.code_for(demo::kTutor1, "tutor"));
  const auto server = crypto::KeyPair::load(cluster.dir / "server").value();
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 20; ++i)
      tutor.device.add_session(demo::kPair1, "Занятие " + std::to_string(round) + "." + std::to_string(i));
    auto entry = tutor.device.store().seal_pending(tutor.device.key(), 100).value().value();
    wire::SyncRequest request;
    request.changesets = ChangesetCodec::unframe(entry.frame).value();
    const std::string body = wire::encode_sync_request(request);
    // Two requests (each signed anew: neither is a replay of the other) with the same changeset.
    const uint64_t now = system_wall_clock_ms();
    auto to_a = std::async(std::launch::async, [&] { return signed_sync(cluster.a->url(), tutor.device.key(), body, now); });
    auto to_b =
        std::async(std::launch::async, [&] { return signed_sync(cluster.b->url(), tutor.device.key(), body, now + 1); });
    std::multiset<std::string> outcomes = {outcome_of(to_a.get(), server.public_key),
                                           outcome_of(to_b.get(), server.public_key)};
    CHECK(outcomes == std::multiset<std::string>{"accepted", "duplicate"});
  }
  // The chain holds: the device's next sync through either instance is accepted whole.
  auto next = tutor.device.sync();
  REQUIRE(next.ok());
  CHECK(next->rejected.empty());
  CHECK(cluster.op_stamps().size() >= 100);
  CHECK(json::parse(cluster.admin({"stats", "--json"}))["changesets"] == 5 + 1);  // + the signed registry import
}

TEST_CASE("one enrollment code presented at two instances at once enrolls one device", "[integration][instances]") {
  TwoInstances cluster;
  for (int round = 0; round < 5; ++round) {
    const std::string code = cluster.code_for(demo::kTeacher1, "teacher");
    auto enroll = [&](const std::string& url) {
      const auto key = crypto::KeyPair::generate();
      const json body = {{"code", code}, {"public_key", crypto::to_hex(key.public_key)}, {"name", "x"}};
      httplib::Client client(url);
      auto res = client.Post("/v1/enroll", body.dump(), "application/json");
      return res ? res->status : -1;
    };
    auto at_a = std::async(std::launch::async, enroll, cluster.a->url());
    auto at_b = std::async(std::launch::async, enroll, cluster.b->url());
    std::multiset<int> statuses = {at_a.get(), at_b.get()};
    CHECK(statuses == std::multiset<int>{200, 403});
  }
  CHECK(json::parse(cluster.admin({"stats", "--json"}))["devices"]["total"] == 5);
}

TEST_CASE("ingest on two instances with pulls running: every device ends with every op of its scope once",
          "[integration][instances]") {
  TwoInstances cluster;
  // Writers alternate between the instances; readers (who see everything) pull all along.
  std::vector<std::unique_ptr<Laptop>> writers, readers;
  writers.push_back(std::make_unique<Laptop>(cluster.a->url(), cluster.code_for(demo::kTutor1, "tutor")));
  writers.push_back(std::make_unique<Laptop>(cluster.b->url(), cluster.code_for(demo::kTutor2, "tutor")));
  writers.push_back(std::make_unique<Laptop>(cluster.a->url(), cluster.code_for(demo::kMethodologist, "methodologist")));
  readers.push_back(std::make_unique<Laptop>(cluster.a->url(), cluster.code_for(demo::kMethodologist, "methodologist")));
  readers.push_back(std::make_unique<Laptop>(cluster.b->url(), cluster.code_for(demo::kMethodologist, "methodologist")));
  const std::vector<std::string> pairs = {demo::kPair1, demo::kPair2, demo::kPair1};
  std::atomic<bool> writing{true};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (size_t w = 0; w < writers.size(); ++w)
    threads.emplace_back([&, w] {
      for (int round = 0; round < 12; ++round) {
        for (int i = 0; i < 8; ++i) writers[w]->device.add_session(pairs[w], "Тема " + std::to_string(round));
        writers[w]->link.point_at(round % 2 ? cluster.a->url() : cluster.b->url());
        SyncSettings small;
        small.max_ops_per_changeset = 3;
        if (!writers[w]->device.sync(small).ok()) ++failures;
      }
    });
  for (auto& reader : readers)
    threads.emplace_back([&, r = reader.get()] {
      SyncSettings small;
      small.page_limit = 5;  // many small pages: many reads while rows commit
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      for (int i = 0; i < 2000 && writing && std::chrono::steady_clock::now() < deadline; ++i)
        if (!r->device.sync(small).ok()) ++failures;
    });
  for (size_t w = 0; w < writers.size(); ++w) threads[w].join();
  writing = false;
  for (size_t t = writers.size(); t < threads.size(); ++t) threads[t].join();
  CHECK(failures == 0);
  // A last pull each; a skipped row would be missing for good (the cursor is past it).
  for (auto& reader : readers) REQUIRE(reader->device.sync().ok());
  for (auto& writer : writers) REQUIRE(writer->device.sync().ok());
  const auto stored = cluster.op_stamps();
  CHECK(stored.size() >= 3 * 12 * 8);
  for (auto& reader : readers) CHECK(op_stamps_of(*reader) == stored);
  // The tutor of pair 1 sees pair 1's sessions (hers and the methodologist's), none of pair 2's.
  CHECK(writers[0]->device.count("mentoring_session") == 2 * 12 * 8);
  CHECK(writers[1]->device.count("mentoring_session") == 12 * 8);
}

TEST_CASE("kill -9 of one of two instances mid-ingest: the retry through the other completes, nothing lost",
          "[integration][instances]") {
  TwoInstances cluster;
  Laptop tutor(cluster.a->url(), cluster.code_for(demo::kTutor1, "tutor"));
  std::vector<NewRecord> batch;
  for (int i = 0; i < 300; ++i)
    batch.push_back({"mentoring_session",
                     "",
                     {{"pair_id", demo::kPair1},
                      {"mentor_id", demo::kTutor1},
                      {"date", "2026-11-20"},
                      {"format", "online"},
                      {"stage", "theory"},
                      {"topic", "Занятие №" + std::to_string(i)}}});
  REQUIRE(tutor.device.store().create_records(batch).ok());
  SyncSettings small;
  small.max_ops_per_changeset = 5;
  small.max_request_bytes = 3000;  // a request or two per changeset: the kill lands mid-push
  small.max_attempts = 1;
  std::atomic<int64_t> sent{0};
  std::thread killer([&] {
    for (int i = 0; i < 20000 && sent < 20; ++i) std::this_thread::sleep_for(std::chrono::microseconds(500));
    cluster.a->kill_hard();
  });
  SyncEngine engine(tutor.device.store(), tutor.device.key(), tutor.link, small, [](uint64_t) {});
  auto first = engine.run([&](const SyncProgress& p) { sent = p.changesets_sent; });
  killer.join();
  REQUIRE_FALSE(first.ok());  // cut short by the kill
  tutor.link.point_at(cluster.b->url());
  auto retried = tutor.device.sync();
  INFO(retried.status().to_string());
  REQUIRE(retried.ok());
  CHECK(retried->rejected.empty());
  // Everything the laptop holds as acknowledged, and everything it wrote, is in the store once.
  const auto pending = tutor.device.store().outbox().pending();
  REQUIRE(pending.ok());
  CHECK(pending->unacked_changesets == 0);
  CHECK(pending->unsealed_ops == 0);
  std::set<std::string> written, stored_of_tutor;
  for (const auto& stamp : op_stamps_of(tutor))
    if (stamp.ends_with(tutor.device.key().id())) written.insert(stamp);
  for (const auto& stamp : cluster.op_stamps())
    if (stamp.ends_with(tutor.device.key().id())) stored_of_tutor.insert(stamp);
  CHECK(written.size() == 300);
  CHECK(stored_of_tutor == written);
  // Each changeset the laptop sealed is in the store once.
  auto db = sql::Database::open(tutor.device.replica_path(), sql::Database::Mode::kOpenExisting);
  REQUIRE(db.ok());
  auto sealed = (*db)->prepare("SELECT COUNT(*) FROM changesets");
  REQUIRE(sealed.ok());
  REQUIRE(sealed->step().value());
  const json stats = json::parse(cluster.admin({"stats", "--json"}));
  CHECK(stats["changesets"] == sealed->integer(0) + 1);  // and the registry import the server signed
}

TEST_CASE("PostgreSQL going away under a running server: syncs are answered 503 and lose nothing, then resume",
          "[integration][instances][outage]") {
  PostgresCluster own;  // this test stops its database: a cluster of its own
  TempDir dir;
  const std::string store = own.create_database();
  const std::vector<std::string> key = {"--server-key", (dir / "server.key").string()};
  auto admin = [&](std::vector<std::string> args) {
    args.insert(args.begin(), NASTAVNIK_SERVER_PATH);
    args.insert(args.end(), {"--store", store});
    args.insert(args.end(), key.begin(), key.end());
    auto r = run_process(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
  };
  admin({"init"});
  admin({"import-registry", std::string(NASTAVNIK_TEST_ASSETS) + "/demo/volosovo.json"});
  const std::string code = enrollment_code_in(admin({"enroll-code", "--person", demo::kTutor1, "--role", "tutor"}));
  REQUIRE_FALSE(code.empty());
  ServerProcess server(NASTAVNIK_SERVER_PATH, store, dir.path());
  server.start(key);
  Laptop tutor(server.url(), code);
  tutor.device.add_session(demo::kPair1, "До остановки");
  REQUIRE(tutor.device.sync().ok());

  own.stop();
  const std::string written = tutor.device.add_session(demo::kPair1, "Пока база недоступна");
  SyncSettings once;
  once.max_attempts = 1;
  auto refused = tutor.device.sync(once);
  REQUIRE_FALSE(refused.ok());
  // A server-side outage: to be retried, never the device's fault.
  INFO(refused.status().to_string());
  CHECK((refused.status().code() == StatusCode::kServerFault || refused.status().code() == StatusCode::kUnavailable));
  httplib::Client client(server.url());
  auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 503);
  CHECK(tutor.device.store().outbox().pending()->unsealed_ops + tutor.device.store().outbox().pending()->ops_in_unacked >= 1);

  own.start();  // the server reconnects by itself
  auto resumed = tutor.device.sync();
  INFO(resumed.status().to_string());
  REQUIRE(resumed.ok());
  CHECK(resumed->rejected.empty());
  const auto pending = tutor.device.store().outbox().pending();
  CHECK(pending->unacked_changesets == 0);
  CHECK(pending->unsealed_ops == 0);
  CHECK_THAT(own.psql(store, "SELECT COUNT(*) FROM records WHERE id = '" + written + "'"), Catch::StartsWith("1"));
  auto healthy = client.Get("/healthz");
  REQUIRE(healthy);
  CHECK(healthy->status == 200);
}
