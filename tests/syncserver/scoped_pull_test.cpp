// Pulls of a narrow scope read only the feed rows tagged for it, and the registry a scope
// is built from is kept between requests but never stale.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <set>
#include <tuple>

#include "shared/domain/registry_file.h"
#include "shared/sqlite/sqlite_db.h"
#include "shared/sqlite/record_reader.h"
#include "syncserver/admin/registry_import.h"
#include "syncserver/ingest/feed_writer.h"
#include "syncserver/ingest/store_opening.h"
#include "syncserver/store/sqlite_central_store.h"
#include "tests/support/client_device.h"
#include "tests/support/demo_people.h"
#include "tests/support/field_writes_layout.h"
#include "tests/support/layout_5.h"
#include "tests/support/in_process_server.h"
#include "tests/support/postgres_cluster.h"

using namespace nastavnik;
using namespace nastavnik::testing;

namespace {

std::set<std::pair<std::string, int64_t>> feed_tags(sql::Database& db) {
  std::set<std::pair<std::string, int64_t>> out;
  auto st = db.prepare("SELECT tag, seq FROM feed_tags");
  REQUIRE(st.ok());
  while (st->step().value()) out.emplace(st->text(0), st->integer(1));
  return out;
}

// Every record's data and the stamps of its fields, as the record engine reads them.
std::map<std::string, std::pair<std::string, std::map<std::string, Hlc>>> records_with_stamps(sql::Database& db) {
  std::map<std::string, std::pair<std::string, std::map<std::string, Hlc>>> out;
  auto st = db.prepare("SELECT id, data FROM records");
  REQUIRE(st.ok());
  while (st->step().value()) {
    auto stamps = replica::ReplicaReader(db).field_stamps(st->text(0));
    REQUIRE(stamps.ok());
    out[st->text(0)] = {st->text(1), *stamps};
  }
  return out;
}

// The feed's tags as the store's own export reads them, whatever its engine.
std::set<std::pair<std::string, int64_t>> feed_tags(server::CentralStore& store) {
  std::set<std::pair<std::string, int64_t>> out;
  REQUIRE(store
              .export_table("feed_tags",
                            [&](const server::TableChunk& chunk) {
                              for (const auto& row : chunk.rows) out.insert({*row[0], std::stoll(*row[1])});
                              return Status::Ok();
                            })
              .ok());
  return out;
}

// Runs SQL on the store behind the server's back, through a connection of its own.
void alter_store(InProcessServer& server, const std::string& sql) {
  if (testing_postgresql()) {
    PostgresCluster::shared().psql(server.store_address(), sql);
    return;
  }
  auto db = sql::Database::open(server.store_path(), sql::Database::Mode::kOpenExisting);
  REQUIRE(db.ok());
  REQUIRE((*db)->exec(sql).ok());
}

// The registry's assignment ...ff, tutor 2 mentoring teacher 1 in `pair`, imported as
// `nastavnik-server import-registry` would: another handle on the store, while it serves.
void assign_tutor2(InProcessServer& server, const std::string& pair) {
  nlohmann::json registry = {
      {"format", "nastavnik-registry"},
      {"version", 1},
      {"records",
       {{{"entity", "assignment"},
         {"id", "00000000-0000-7000-8000-0005000000ff"},
         {"fields",
          {{"pair_id", pair}, {"kind", "teacher_teacher"}, {"mentor_id", demo::kTutor2},
           {"mentee_ids", {demo::kTeacher1}}, {"mode", "offline"}, {"start_date", "2026-11-01"}}}}}}};
  auto file = parse_registry(registry);
  REQUIRE(file.ok());
  REQUIRE(file->errors.empty());
  auto other = server::open_store(server.store_address());
  REQUIRE(other.ok());
  HlcClock clock(server.key().id(), system_wall_clock_ms);
  REQUIRE(server::import_registry(**other, *file, clock, server.key(), system_wall_clock_ms()).ok());
}

}  // namespace

TEST_CASE("a narrow scope passes over a long feed of other pairs in one request", "[sync][scope][pull]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto methodologist = enrolled(server, transport, demo::kMethodologist, "methodologist");
  auto teacher = enrolled(server, transport, demo::kTeacher1, "teacher");
  SyncSettings small;
  small.page_limit = 10;  // examines at most 200 feed rows per page
  REQUIRE(teacher->sync().ok());
  for (int i = 0; i < 1000; ++i) methodologist->add_session(demo::kPair2, "Занятие пары 2 № " + std::to_string(i));
  const std::string mine = methodologist->add_session(demo::kPair1, "Занятие пары 1", demo::kTeacher1);
  REQUIRE(methodologist->sync().ok());

  auto pulled = teacher->sync(small);
  REQUIRE(pulled.ok());
  CHECK(pulled->requests == 1);  // scanning the 1001 new rows would take at least 6 pages
  CHECK(pulled->ops_received >= 1);
  CHECK(teacher->store().reader().get(mine).ok());
  CHECK(teacher->count("mentoring_session") == 1);
  auto idle = teacher->sync(small);
  REQUIRE(idle.ok());
  CHECK(idle->ops_received == 0);
  CHECK(idle->requests == 1);
}

TEST_CASE("a store written before feed tags gets the same tags when opened", "[sync][pull][versions][sqlite]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto tutor = enrolled(server, transport, demo::kTutor1, "tutor");
  tutor->add_session(demo::kPair1, "Смысловое чтение — №1", demo::kTeacher1);
  REQUIRE(tutor->sync().ok());

  auto db = sql::Database::open(server.store_path(), sql::Database::Mode::kOpenExisting);
  REQUIRE(db.ok());
  const auto tagged_on_ingest = feed_tags(**db);
  REQUIRE(tagged_on_ingest.size() > 100);
  const auto records_before = records_with_stamps(**db);
  REQUIRE(records_before.size() > 50);
  // Back to the layout of version 2: field writes in their own tables, without feed tags
  // and without what version 4 added.
  REQUIRE(rebuild_central_layout_5(**db).ok());
  REQUIRE(rebuild_field_writes_layout(**db).ok());
  REQUIRE((*db)->exec("DROP TABLE feed_tags; UPDATE schema_version SET version = 2; "
                      "DELETE FROM server_meta WHERE key = 'registry_version'; "
                      "ALTER TABLE enrollment_codes DROP COLUMN answer; DROP TABLE request_signatures; "
                      "ALTER TABLE devices DROP COLUMN cursor; ALTER TABLE devices DROP COLUMN snapshot_due")
              .ok());

  auto reopened = server::open_store(server.store_path().string());
  INFO(reopened.status().message());
  REQUIRE(reopened.ok());
  CHECK(feed_tags(**db) == tagged_on_ingest);
  CHECK(server::FeedWriter::registry_version(**reopened).value() > 0);
  CHECK(records_with_stamps(**db) == records_before);
}

TEST_CASE("a feed tagged under other read rules is tagged again when the store is opened", "[sync][pull][versions]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto tutor = enrolled(server, transport, demo::kTutor1, "tutor");
  const std::string session = tutor->add_session(demo::kPair1, "Смысловое чтение — №2", demo::kTeacher1);
  REQUIRE(tutor->sync().ok());
  const auto tagged_on_ingest = feed_tags(server.store());
  REQUIRE(tagged_on_ingest.size() > 100);
  // Tags of an earlier rule set: one made-up tag per row, nothing a device asks for.
  alter_store(server, "DELETE FROM feed_tags; INSERT INTO feed_tags(tag, seq) SELECT 'old:' || position, position "
                      "FROM ops; UPDATE server_meta SET value = 'rules of an older schema' WHERE key = 'feed_tag_policy'");
  REQUIRE(feed_tags(server.store()) != tagged_on_ingest);

  auto reopened = server::open_store(server.store_address());
  REQUIRE(reopened.ok());
  CHECK(feed_tags(**reopened) == tagged_on_ingest);
  // The teacher the session names pulls it through the tags written at open.
  auto teacher = enrolled(server, transport, demo::kTeacher1, "teacher");
  REQUIRE(teacher->sync().ok());
  CHECK(teacher->store().reader().get(session).ok());
}

TEST_CASE("a registry change written by another process reaches the next sync's scope", "[sync][scope][registry]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto tutor1 = enrolled(server, transport, demo::kTutor1, "tutor");
  auto tutor2 = enrolled(server, transport, demo::kTutor2, "tutor");
  const std::string session = tutor1->add_session(demo::kPair1, "Занятие пары 1", demo::kTeacher1);
  REQUIRE(tutor1->sync().ok());
  REQUIRE(tutor2->sync().ok());
  REQUIRE(tutor2->store().reader().get(session).status().code() == StatusCode::kNotFound);

  // nastavnik-server import-registry run against the same store file while the server runs.
  assign_tutor2(server, demo::kPair1);

  auto after = tutor2->sync();
  REQUIRE(after.ok());
  CHECK(tutor2->store().reader().get(session).ok());
}

TEST_CASE("a record moved into a device's pair reaches it with its whole history", "[sync][scope][pull]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto methodologist = enrolled(server, transport, demo::kMethodologist, "methodologist");
  auto teacher = enrolled(server, transport, demo::kTeacher1, "teacher");
  const std::string session = methodologist->add_session(demo::kPair2, "Запись не той пары");
  REQUIRE(methodologist->sync().ok());
  REQUIRE(methodologist->store().update_record(session, {{"notes", "уточнено"}}).ok());
  REQUIRE(methodologist->sync().ok());
  REQUIRE(teacher->sync().ok());
  REQUIRE(teacher->store().reader().get(session).status().code() == StatusCode::kNotFound);

  REQUIRE(methodologist->store().update_record(session, {{"pair_id", demo::kPair1}}).ok());
  REQUIRE(methodologist->sync().ok());
  auto pulled = teacher->sync();
  REQUIRE(pulled.ok());
  auto got = teacher->store().reader().get(session);
  REQUIRE(got.ok());
  CHECK(got->data["pair_id"] == demo::kPair1);
  CHECK(got->data["notes"] == "уточнено");  // the earlier edit came along
  CHECK(got->data["topic"] == "Запись не той пары");
  CHECK(got->data == methodologist->store().reader().get(session)->data);
}

TEST_CASE("pulls read while an ingest holds the store's connection, and see only what it committed",
          "[sync][pull][concurrency]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto methodologist = enrolled(server, transport, demo::kMethodologist, "methodologist");
  REQUIRE(methodologist->sync().ok());
  methodologist->add_session(demo::kPair1, "Разбор урока «Смысловое чтение», школа № 2");
  auto ops = methodologist->store().outbox().unsealed_ops(10);
  REQUIRE(ops.ok());
  REQUIRE(ops->size() == 1);
  server::CentralStore& store = server.store();
  auto head_before = store.feed_head();
  REQUIRE(head_before.ok());
  auto rows_before = store.read_feed(0, 100000, {});
  REQUIRE(rows_before.ok());

  // The write half of an ingest: the op merged and fed, not yet committed.
  auto unit = store.begin_ingest();
  REQUIRE(unit.ok());
  REQUIRE(server::FeedWriter::apply(**unit, ops->front(), std::nullopt, system_wall_clock_ms()).ok());

  // What a pull reads, from another thread, while the unit holds the store's connection.
  struct Read {
    uint64_t head = 0;
    size_t rows = 0;
    bool device_found = false;
  };
  const auto read_as_a_pull = [&] {
    Read r;
    auto head = store.feed_head();
    auto rows = store.read_feed(0, 100000, {});
    auto device = store.find_device(methodologist->key().id());
    if (head.ok()) r.head = *head;
    if (rows.ok()) r.rows = rows->size();
    r.device_found = device.ok() && device->has_value();
    return r;
  };
  auto during = std::async(std::launch::async, read_as_a_pull);
  // Not queued behind the ingest (were it, the unit is let go first, so the test fails
  // instead of waiting for ever).
  const bool served = during.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (!served) unit->reset();
  REQUIRE(served);
  const Read seen = during.get();
  CHECK(seen.head == *head_before);  // nothing uncommitted is read
  CHECK(seen.rows == rows_before->size());
  CHECK(seen.device_found);

  REQUIRE((*unit)->commit().ok());
  unit->reset();
  const Read after = read_as_a_pull();
  CHECK(after.head == *head_before + 1);
  CHECK(after.rows == rows_before->size() + 1);
}

namespace {

std::vector<std::tuple<uint64_t, std::string, std::string>> whole_feed(server::CentralStore& store) {
  auto rows = store.read_feed(0, 1000000, {});
  REQUIRE(rows.ok());
  std::vector<std::tuple<uint64_t, std::string, std::string>> out;
  for (const auto& r : *rows) out.emplace_back(r.seq, r.hlc, r.op_body);
  return out;
}

int64_t scalar(sql::Database& db, const std::string& query) {
  auto st = db.prepare(query);
  REQUIRE(st.ok());
  REQUIRE(st->step().value());
  return st->integer(0);
}

}  // namespace

TEST_CASE("a version 5 store's feed table becomes its op log: same order, same tags, positions that only grow",
          "[sync][pull][versions][sqlite]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto methodologist = enrolled(server, transport, demo::kMethodologist, "methodologist");
  auto teacher = enrolled(server, transport, demo::kTeacher1, "teacher");
  // A session moved into the teacher's pair: its first op is fed again, at a later place.
  const std::string moved = methodologist->add_session(demo::kPair2, "Не та пара");
  REQUIRE(methodologist->sync().ok());
  REQUIRE(methodologist->store().update_record(moved, {{"pair_id", demo::kPair1}, {"mentees", {demo::kTeacher1}}}).ok());
  const std::string kept = methodologist->add_session(demo::kPair1, "Смысловое чтение — «до, во время, после»", demo::kTeacher1);
  REQUIRE(methodologist->sync().ok());
  REQUIRE(teacher->sync().ok());
  REQUIRE(teacher->store().reader().get(moved).ok());
  const auto feed_before = whole_feed(server.store());
  const uint64_t head = server.store().feed_head().value();
  REQUIRE(feed_before.size() > 50);  // the demo registry and the sessions

  auto db = sql::Database::open(server.store_path(), sql::Database::Mode::kOpenExisting);
  REQUIRE(db.ok());
  const auto tags_before = feed_tags(**db);
  REQUIRE(rebuild_central_layout_5(**db).ok());
  // What version 5 held that 6 does not: the moved op's first feed row (the first place no
  // op holds now) with the tags it had then, and a counter ahead of the newest row (rows
  // compaction removed).
  const int64_t earlier_place =
      scalar(**db, "SELECT MIN(seq) + 1 FROM feed f WHERE NOT EXISTS (SELECT 1 FROM feed g WHERE g.seq = f.seq + 1)");
  REQUIRE(earlier_place < static_cast<int64_t>(head));
  const std::string first_op_of_moved =
      std::get<1>(*std::find_if(feed_before.begin(), feed_before.end(), [&](const auto& row) {
        return std::get<2>(row).find(moved) != std::string::npos;
      }));
  auto earlier = (*db)->prepare("INSERT INTO feed(seq, hlc) VALUES(?, ?)");
  REQUIRE(earlier.ok());
  REQUIRE(earlier->bind(1, earlier_place).bind(2, first_op_of_moved).run().ok());
  auto old_tag = (*db)->prepare("INSERT INTO feed_tags(tag, seq) VALUES('pair:of-before', ?)");
  REQUIRE(old_tag.ok());
  REQUIRE(old_tag->bind(1, earlier_place).run().ok());
  REQUIRE((*db)->exec("UPDATE sqlite_sequence SET seq = seq + 7 WHERE name = 'feed'").ok());
  REQUIRE(scalar(**db, "SELECT COUNT(*) FROM feed") == static_cast<int64_t>(feed_before.size()) + 1);

  server.reopen();
  CHECK(scalar(**db, "SELECT MAX(version) FROM schema_version") == server::kCentralStoreVersion);
  CHECK(scalar(**db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'feed'") == 0);
  CHECK(whole_feed(server.store()) == feed_before);
  CHECK(feed_tags(**db) == tags_before);
  CHECK(server.store().feed_head().value() == head + 7);  // the highest place ever handed out

  // New work takes places above every one handed out before; a device synced before the
  // migration goes on from its cursor, and a new one gets everything once.
  const std::string later = methodologist->add_session(demo::kPair1, "После обновления сервера", demo::kTeacher1);
  REQUIRE(methodologist->sync().ok());
  auto fresh = server.store().read_feed(head, 100, {});
  REQUIRE(fresh.ok());
  REQUIRE_FALSE(fresh->empty());
  CHECK(fresh->front().seq > head + 7);
  auto pulled = teacher->sync();
  REQUIRE(pulled.ok());
  CHECK(teacher->store().reader().get(later).ok());
  auto second_laptop = enrolled(server, transport, demo::kTeacher1, "teacher");
  REQUIRE(second_laptop->sync().ok());
  for (const auto& id : {moved, kept, later}) CHECK(second_laptop->store().reader().get(id).ok());
  CHECK(second_laptop->count("mentoring_session") == teacher->count("mentoring_session"));
}

TEST_CASE("a tutor moved out of a pair: her pending work goes first, the pair's records leave, a notice says which",
          "[sync][scope][transition]") {
  InProcessServer server;
  InProcessTransport transport(server);
  auto methodologist = enrolled(server, transport, demo::kMethodologist, "methodologist");
  auto tutor2 = enrolled(server, transport, demo::kTutor2, "tutor");
  const std::string kPair3 = "00000000-0000-7000-8000-000400000003";
  assign_tutor2(server, demo::kPair1);  // tutor 2 (a school of pair 2) now also mentors in pair 1
  const std::string first = methodologist->add_session(demo::kPair1, "Пара 1 — первая");
  const std::string second = methodologist->add_session(demo::kPair1, "Пара 1 — вторая");
  const std::string own_pair = methodologist->add_session(demo::kPair2, "Пара 2");
  REQUIRE(methodologist->sync().ok());
  REQUIRE(tutor2->sync().ok());
  REQUIRE(tutor2->store().reader().get(first).ok());
  REQUIRE(tutor2->store().reader().get(second).ok());
  REQUIRE(tutor2->store().reader().get(own_pair).ok());
  CHECK(tutor2->store().write_scope().pairs.count(demo::kPair1) == 1);
  const std::string pending = tutor2->add_session(demo::kPair1, "Моя запись пары 1, ещё не отправлена");

  assign_tutor2(server, kPair3);  // the methodologist moves her assignment to pair 3
  auto moved = tutor2->sync();
  REQUIRE(moved.ok());
  // Her pending work went up first (the server judged it under her new scope and refused it).
  REQUIRE(moved->rejected.size() == 1);
  CHECK(moved->rejected[0].code == "out_of_scope");
  // Pair 1 left, and its records with it; a notice names the pair.
  CHECK(moved->left_pairs == std::vector<std::string>{demo::kPair1});
  CHECK(moved->removed_out_of_scope >= 2);  // the two sessions, and pair 1's other records
  CHECK(tutor2->store().reader().get(first).status().code() == StatusCode::kNotFound);
  CHECK(tutor2->store().reader().get(second).status().code() == StatusCode::kNotFound);
  CHECK(tutor2->store().reader().get(own_pair).ok());
  // What she typed and the server refused stays with her, with the reason.
  CHECK(tutor2->store().reader().get(pending).ok());
  CHECK(tutor2->store().rejections(false)->size() == 1);
  // The new pair's records, and nothing of pair 1 written by others.
  RecordQuery q;
  q.entity = "mentoring_session";
  q.limit = 0;
  const std::vector<Record> sessions = tutor2->store().reader().list(q).value();
  for (const auto& r : sessions)
    if (r.id != pending) CHECK_FALSE((r.data.contains("pair_id") && r.data["pair_id"] == demo::kPair1));
  // A write for pair 1 is refused on the laptop before it is made.
  std::vector<FieldError> errors;
  auto refused = tutor2->store().create_record(
      "mentoring_session",
      {{"pair_id", demo::kPair1}, {"mentor_id", demo::kTutor2}, {"date", "2026-11-21"}, {"format", "online"},
       {"stage", "theory"}, {"topic", "Не моя пара"}},
      &errors);
  CHECK(refused.status().code() == StatusCode::kPermissionDenied);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "write.refused.pair_out_of_scope");
  CHECK(tutor2->store().write_scope().pairs.count(kPair3) == 1);
  // The next sync changes nothing more.
  auto again = tutor2->sync();
  REQUIRE(again.ok());
  CHECK(again->left_pairs.empty());
  CHECK(again->removed_out_of_scope == 0);
  CHECK(tutor2->store().reader().get(own_pair).ok());
}
