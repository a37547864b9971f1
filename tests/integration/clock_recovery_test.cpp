// A laptop whose clock ran three days ahead, against the real server: its work is refused
// `clock_ahead`; once the clock is fixed (or as soon as the device hears the server's time)
// it stamps right again and the refused work goes again, nothing typed lost. The laptop's
// clock is a shim; the server's is the real one.

#include <catch2/catch.hpp>

#include "client/sync/enrollment_client.h"
#include "client/sync/http_transport.h"
#include "client/sync/sync_engine.h"
#include "client/store/local_store.h"
#include "shared/crypto/key_pair.h"
#include "tests/integration/server_fixture.h"
#include "tests/support/demo_people.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wall_clock.h"

using namespace nastavnik;
using namespace nastavnik::testing;

namespace {

constexpr uint64_t kThreeDaysMs = 3ULL * 24 * 3600 * 1000;

nlohmann::json session(const std::string& topic) {
  return {{"pair_id", demo::kPair1}, {"mentor_id", demo::kTutor1}, {"date", "2026-11-20"},
          {"format", "online"},     {"stage", "theory"},         {"topic", topic}};
}

struct FastLaptop {
  explicit FastLaptop(ServerFixture& fx)
      : clock(system_wall_clock_ms() + kThreeDaysMs),
        transport(HttpTransport::connect(fx.url(), {2, 10, true, ""}).value()),
        key(crypto::KeyPair::generate()),
        store(LocalStore::create(dir / "replica.db", key.id(), {clock.fn()}).value()) {
    REQUIRE(enroll_device(*store, key, *transport, fx.url(), fx.code_for(demo::kTutor1, "tutor"), "x").ok());
  }
  Result<SyncSummary> sync() { return SyncEngine(*store, key, *transport, {}, [](uint64_t) {}).run(); }

  ManualClock clock;
  TempDir dir;
  std::unique_ptr<HttpTransport> transport;
  crypto::KeyPair key;
  std::unique_ptr<LocalStore> store;
};

// The server's copy of a record's topic, through a second device of the same tutor.
std::optional<std::string> topic_at_server(ServerFixture& fx, const std::string& id) {
  TempDir dir;
  auto transport = HttpTransport::connect(fx.url(), {2, 10, true, ""}).value();
  const auto key = crypto::KeyPair::generate();
  auto store = LocalStore::create(dir / "replica.db", key.id()).value();
  REQUIRE(enroll_device(*store, key, *transport, fx.url(), fx.code_for(demo::kTutor1, "tutor"), "y").ok());
  REQUIRE(SyncEngine(*store, key, *transport, {}, [](uint64_t) {}).run().ok());
  auto record = store->reader().get(id);
  if (!record.ok()) return std::nullopt;
  return record->data.value("topic", "");
}

}  // namespace

TEST_CASE("a laptop three days ahead: refused, clock fixed, the work re-recorded and the refused ops resent",
          "[integration][clock]") {
  ServerFixture fx;
  FastLaptop laptop(fx);
  const int64_t before = fx.ops();
  const auto first = laptop.store->create_record("mentoring_session", session("Записано при спешащих часах"));
  REQUIRE(first.ok());
  auto refused = laptop.sync();
  REQUIRE(refused.ok());
  // Hearing the server's time corrected the clock and sent the work again in the same sync.
  CHECK(refused->restamped == 1);
  CHECK(refused->rejected.empty());
  CHECK(fx.ops() == before + 1);
  CHECK(topic_at_server(fx, *first) == "Записано при спешащих часах");
}

TEST_CASE("a refused op is resent with one action once the clock is set right, and new work is accepted",
          "[integration][clock]") {
  ServerFixture fx;
  FastLaptop laptop(fx);
  const int64_t before = fx.ops();
  // Work recorded and sealed while the clock was ahead.
  const auto first = laptop.store->create_record("mentoring_session", session("Первая запись"));
  REQUIRE(first.ok());
  REQUIRE(laptop.store->seal_pending(laptop.key, 100).ok());
  {
    auto outbox = laptop.store->outbox().unacked().value();
    REQUIRE(outbox.size() == 1);
  }
  // The person fixes the date and time; nothing was sent yet.
  laptop.clock.set(system_wall_clock_ms());
  // New work recorded after the fix, while the sealed changeset still waits for its answer
  // (it is signed and cannot be re-stamped before the server has refused it).
  const auto second = laptop.store->create_record("mentoring_session", session("Вторая запись"));
  REQUIRE(second.ok());
  auto summary = laptop.sync();
  REQUIRE(summary.ok());
  // The sealed changeset went with its old stamp and was refused; the device re-stamped it
  // after the answer and sent it again in the same sync.
  CHECK(summary->rejected.empty());
  CHECK(summary->restamped >= 1);
  CHECK(fx.ops() == before + 2);
  CHECK(topic_at_server(fx, *first) == "Первая запись");
  CHECK(topic_at_server(fx, *second) == "Вторая запись");
  CHECK(laptop.store->rejections(false)->empty());
  CHECK(laptop.store->outbox().backlog()->unsealed_ops == 0);
}

TEST_CASE("resend re-stamps ops refused for the clock even when their stamp is now in the past",
          "[integration][clock]") {
  ServerFixture fx;
  FastLaptop laptop(fx);
  const auto id = laptop.store->create_record("mentoring_session", session("Отклонённая запись"));
  REQUIRE(id.ok());
  // A refusal as an earlier version left it: the op refused, the clock not corrected.
  REQUIRE(laptop.store->seal_pending(laptop.key, 100).ok());
  const auto hlc = laptop.store->reader().get(*id)->updated_hlc;
  REQUIRE(laptop.store->mark_acked(1).ok());
  REQUIRE(laptop.store->record_rejections({Rejection{hlc, "", "", "clock_ahead", "stamped ahead", 0, false}}).ok());
  laptop.clock.advance(60'000);
  CHECK(laptop.store->recover_clock().value() == 0);  // nothing is ahead of the laptop's own clock
  CHECK(laptop.store->outbox().backlog()->unsealed_ops == 0);
  const int64_t before = fx.ops();
  CHECK(laptop.store->resend_refused_for_clock().value() == 1);
  CHECK(laptop.store->rejections(false)->empty());
  // The record still holds what was typed, under the new stamp.
  const auto record = laptop.store->reader().get(*id).value();
  CHECK(record.data.value("topic", "") == "Отклонённая запись");
  CHECK(record.updated_hlc != hlc);
  // Still ahead of the server's: the sync hears its time and corrects the stamp once more.
  auto summary = laptop.sync();
  REQUIRE(summary.ok());
  CHECK(summary->rejected.empty());
  CHECK(fx.ops() == before + 1);
  CHECK(topic_at_server(fx, *id) == "Отклонённая запись");
}

TEST_CASE("a clock fixed before any sync: the ops stamped ahead are stamped again at the next start",
          "[integration][clock]") {
  ServerFixture fx;
  FastLaptop laptop(fx);
  const auto id = laptop.store->create_record("mentoring_session", session("До исправления часов"));
  REQUIRE(id.ok());
  REQUIRE(laptop.store->update_record(*id, {{"topic", "Исправлено при спешащих часах"}}).ok());
  const auto path = laptop.store->path();
  laptop.store.reset();
  laptop.clock.set(system_wall_clock_ms());
  laptop.store = LocalStore::open(path, {laptop.clock.fn()}).value();
  const auto record = laptop.store->reader().get(*id).value();
  CHECK(record.data.value("topic", "") == "Исправлено при спешащих часах");
  CHECK(Hlc::parse(record.updated_hlc)->ms <= system_wall_clock_ms() + 1000);
  // Writes after the restart order after the re-stamped ones.
  REQUIRE(laptop.store->update_record(*id, {{"topic", "После исправления"}}).ok());
  const int64_t before = fx.ops();
  auto summary = laptop.sync();
  REQUIRE(summary.ok());
  CHECK(summary->rejected.empty());
  CHECK(fx.ops() == before + 3);
  CHECK(topic_at_server(fx, *id) == "После исправления");
}
