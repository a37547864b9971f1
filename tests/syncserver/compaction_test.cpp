// Compaction: superseded ops leave the central store's op log and feed below the lowest
// cursor of the active devices, and replicas trim the superseded ops the server has.
// Whoever starts over from the compacted feed ends where a device that never fell behind is.
#include <catch2/catch.hpp>

#include <map>

#include "shared/domain/schema.h"
#include "shared/sqlite/sqlite_db.h"
#include "syncserver/admin/compaction.h"
#include "tests/support/client_device.h"
#include "tests/support/demo_people.h"
#include "tests/support/in_process_server.h"

using namespace nastavnik;
using namespace nastavnik::testing;

namespace {

constexpr uint64_t kDay = 24ULL * 3600 * 1000;

// Every record a replica holds, deleted ones too: id -> (entity, deleted, fields).
std::map<std::string, std::tuple<std::string, bool, nlohmann::json>> everything(ClientDevice& d) {
  std::map<std::string, std::tuple<std::string, bool, nlohmann::json>> out;
  for (const auto& e : DomainSchema::instance().entities()) {
    RecordQuery q;
    q.entity = e.name;
    q.include_deleted = true;
    q.limit = 0;
    auto rows = d.store().reader().list(q);
    REQUIRE(rows.ok());
    for (const auto& r : *rows) out[r.id] = {r.entity, r.deleted, r.data};
  }
  return out;
}

size_t ops_of(server::CentralStore& store, const std::string& record_id) {
  auto unit = store.begin_ingest();
  REQUIRE(unit.ok());
  auto stamps = (*unit)->op_stamps(record_id);
  REQUIRE(stamps.ok());
  return stamps->size();
}

server::Device device_of(server::CentralStore& store, const ClientDevice& d) {
  auto found = store.find_device(d.key().id());
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  return **found;
}

// The device synced at `when` (its cursor and scope as they are).
void seen_at(server::CentralStore& store, const ClientDevice& d, uint64_t when) {
  const auto dev = device_of(store, d);
  REQUIRE(store.touch_device(dev.id, when, dev.scope_fingerprint, dev.cursor, false).ok());
}

}  // namespace

TEST_CASE("a device far behind and a new device converge with compacted history; nothing unpulled is compacted",
          "[sync][compaction]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto methodologist = enrolled(server, transport, demo::kMethodologist, "methodologist");
  auto steady = enrolled(server, transport, demo::kTeacher1, "teacher");
  auto behind = enrolled(server, transport, demo::kTeacher1, "teacher");  // the same teacher's other laptop
  REQUIRE(steady->sync().ok());
  // Twice: the server learns a device's cursor from its next request.
  REQUIRE(behind->sync().ok());
  REQUIRE(behind->sync().ok());
  REQUIRE(device_of(server.store(), *behind).cursor > 0);

  // A session rewritten three times, another deleted: superseded ops on both.
  const std::string session = methodologist->add_session(demo::kPair1, "Смысловое чтение", demo::kTeacher1);
  const std::string dropped = methodologist->add_session(demo::kPair1, "Отменённое занятие", demo::kTeacher1);
  REQUIRE(methodologist->sync().ok());
  for (const char* topic : {"Смысловое чтение «до, во время»", "Смысловое чтение — №2", "Смысловое чтение — итог"}) {
    REQUIRE(methodologist->store().update_record(session, {{"topic", topic}}).ok());
    REQUIRE(methodologist->sync().ok());
    REQUIRE(steady->sync().ok());
  }
  // A session of another pair moved into the teacher's: its ops are fed again.
  const std::string moved = methodologist->add_session(demo::kPair2, "Не та пара");
  REQUIRE(methodologist->sync().ok());
  REQUIRE(methodologist->store().update_record(moved, {{"pair_id", demo::kPair1}, {"mentees", {demo::kTeacher1}}}).ok());
  REQUIRE(methodologist->store().update_record(dropped, {{"notes", "перенесено"}}).ok());
  REQUIRE(methodologist->store().delete_record(dropped).ok());
  REQUIRE(methodologist->sync().ok());
  REQUIRE(steady->sync().ok());
  REQUIRE(ops_of(server.store(), session) == 4);

  // The laptop that fell behind holds the point back: its unpulled history stays.
  const uint64_t now = system_wall_clock_ms();
  auto held = server::plan_compaction(server.store(), now, 180 * kDay);
  REQUIRE(held.ok());
  CHECK(held->point == device_of(server.store(), *behind).cursor);
  REQUIRE(server::compact_store(server.store(), *held).ok());
  CHECK(ops_of(server.store(), session) == 4);
  CHECK(ops_of(server.store(), dropped) == 3);

  // Half a year later the others have synced (twice: the server learns a cursor from the
  // request after), the laptop has not: it no longer counts.
  for (auto* d : {methodologist.get(), steady.get()}) REQUIRE(d->sync().ok());
  const uint64_t later = now + 200 * kDay;
  seen_at(server.store(), *methodologist, later);
  seen_at(server.store(), *steady, later);
  auto plan = server::plan_compaction(server.store(), later, 180 * kDay);
  REQUIRE(plan.ok());
  CHECK(plan->inactive == 1);
  auto report = server::compact_store(server.store(), *plan);
  REQUIRE(report.ok());
  // The two topics written over since; the first op still holds the session's other fields,
  // and a deleted record keeps its last fields, so every op of `dropped` stays.
  CHECK(report->ops_removed == 2);
  CHECK(ops_of(server.store(), session) == 2);
  CHECK(server.store().compaction_point().value() == plan->point);

  // A new laptop of the same teacher, and the one that fell behind, start from the
  // compacted feed and end as the one that never fell behind.
  // Small pages: a pull from the start crosses the compaction point page by page and must
  // not be sent back to the start again.
  SyncSettings small_pages;
  small_pages.page_limit = 5;
  small_pages.max_rounds = 100;
  auto fresh = enrolled(server, transport, demo::kTeacher1, "teacher");
  auto first = fresh->sync(small_pages);
  REQUIRE(first.ok());
  CHECK(first->requests > 3);
  REQUIRE(device_of(server.store(), *behind).snapshot_due);
  auto back = behind->sync(small_pages);
  REQUIRE(back.ok());
  CHECK(back->requests > 3);
  CHECK_FALSE(device_of(server.store(), *behind).snapshot_due);  // it started over, once
  const auto expected = everything(*steady);
  CHECK(expected.count(session) == 1);
  CHECK(std::get<2>(expected.at(session))["topic"] == "Смысловое чтение — итог");
  CHECK(std::get<1>(expected.at(dropped)));
  CHECK(expected.count(moved) == 1);
  CHECK(everything(*fresh) == expected);
  CHECK(everything(*behind) == expected);
  // And new writes still reach everyone.
  REQUIRE(methodologist->store().update_record(session, {{"notes", "после сжатия"}}).ok());
  REQUIRE(methodologist->sync().ok());
  for (auto* d : {steady.get(), fresh.get(), behind.get()}) {
    REQUIRE(d->sync().ok());
    CHECK(d->store().reader().get(session)->data["notes"] == "после сжатия");
  }
}

TEST_CASE("compaction that removes the newest op of the feed sends nobody back to the start", "[sync][compaction]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto methodologist = enrolled(server, transport, demo::kMethodologist, "methodologist");
  auto teacher = enrolled(server, transport, demo::kTeacher1, "teacher");
  // A session of another pair, retitled, then moved into the teacher's pair and retitled
  // again: its earlier ops are fed again after the move, the retitling last, at the head,
  // though the move's own op superseded it.
  const std::string session = methodologist->add_session(demo::kPair2, "Тема 1");
  REQUIRE(methodologist->sync().ok());
  REQUIRE(methodologist->store().update_record(session, {{"topic", "Тема 2"}}).ok());
  REQUIRE(methodologist->sync().ok());
  REQUIRE(methodologist->store()
              .update_record(session, {{"topic", "Тема 3"}, {"pair_id", demo::kPair1}, {"mentees", {demo::kTeacher1}}})
              .ok());
  REQUIRE(methodologist->sync().ok());
  for (auto* d : {methodologist.get(), teacher.get()}) {
    REQUIRE(d->sync().ok());
    REQUIRE(d->sync().ok());  // the server learns a cursor from the request after
  }
  const uint64_t head = server.store().feed_head().value();
  REQUIRE(device_of(server.store(), *teacher).cursor == head);

  auto plan = server::plan_compaction(server.store(), system_wall_clock_ms(), 180 * kDay);
  REQUIRE(plan.ok());
  REQUIRE(plan->point == head);
  auto report = server::compact_store(server.store(), *plan);
  REQUIRE(report.ok());
  CHECK(report->ops_removed >= 1);
  // The op at the head is gone, and the head stays where it was.
  auto newest = server.store().read_feed(head - 1, 10, {});
  REQUIRE(newest.ok());
  CHECK(newest->empty());
  CHECK(server.store().feed_head().value() == head);

  int pages = 0, resets = 0;
  transport.tamper_reply = [&](std::string& body) {
    const auto reply = nlohmann::json::parse(body, nullptr, false);
    if (!reply.is_object() || !reply.contains("page")) return;
    ++pages;
    if (nlohmann::json::parse(reply["page"]["body"].get<std::string>()).value("reset", false)) ++resets;
  };
  REQUIRE(teacher->sync().ok());
  CHECK(resets == 0);
  CHECK(teacher->store().reader().get(session)->data["topic"] == "Тема 3");
  // New work still reaches the teacher, above the head.
  REQUIRE(methodologist->store().update_record(session, {{"notes", "после сжатия"}}).ok());
  REQUIRE(methodologist->sync().ok());
  REQUIRE(teacher->sync().ok());
  CHECK(teacher->store().reader().get(session)->data["notes"] == "после сжатия");
  CHECK(pages >= 2);
  CHECK(resets == 0);
}

TEST_CASE("a replica trims superseded ops the server has, and keeps what is still to be sent", "[sync][compaction]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto tutor = enrolled(server, transport, demo::kTutor1, "tutor");
  const std::string session = tutor->add_session(demo::kPair1, "Пробный урок", demo::kTeacher1);
  REQUIRE(tutor->store().update_record(session, {{"topic", "Пробный урок — №1"}}).ok());
  REQUIRE(tutor->store().update_record(session, {{"topic", "Пробный урок — №2"}}).ok());
  REQUIRE(tutor->sync().ok());
  REQUIRE(tutor->store().update_record(session, {{"topic", "Пробный урок — №3"}}).ok());

  const auto ops_in_replica = [&] {
    auto db = sql::Database::open(tutor->replica_path(), sql::Database::Mode::kOpenExisting);
    REQUIRE(db.ok());
    auto st = (*db)->prepare("SELECT COUNT(*) FROM ops WHERE record_id = ?");
    REQUIRE(st.ok());
    st->bind(1, session);
    REQUIRE(st->step().value());
    return st->integer(0);
  };
  REQUIRE(ops_in_replica() == 4);
  // Within the history window nothing goes.
  CHECK(tutor->store().trim_acknowledged_ops(system_wall_clock_ms() - kDay).value() == 0);
  // Past it: "№1" and "№2" were sent and acknowledged; "№3" is still to be sent.
  CHECK(tutor->store().trim_acknowledged_ops(system_wall_clock_ms() + kDay).value() == 2);
  CHECK(ops_in_replica() == 2);
  CHECK(tutor->store().reader().get(session)->data["topic"] == "Пробный урок — №3");
  auto synced = tutor->sync();
  REQUIRE(synced.ok());
  CHECK(synced->ops_sent == 1);
  CHECK(server.store().record(session)->data["topic"] == "Пробный урок — №3");
}
