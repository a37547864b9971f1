#include <catch2/catch.hpp>

#include <map>

#include "client/store/local_store.h"
#include "client/store/replica_migrations.h"
#include "shared/sqlite/sqlite_db.h"
#include "tests/support/temp_dir.h"

using namespace nastavnik;

namespace {

const std::string kTutor = "00000000-0000-7000-8000-000300000010";
const std::string kTeacher = "00000000-0000-7000-8000-000300000011";
const std::string kSession = "01a0b0c0-d0e0-7000-8000-000000000001";

// Builds a replica file from a fixture dump of an earlier schema version.
void restore_fixture(const std::filesystem::path& db_path, const std::string& fixture) {
  auto db = sql::Database::open(db_path, sql::Database::Mode::kCreateNew);
  REQUIRE(db.ok());
  const std::string dump = testing::read_file(std::filesystem::path(NASTAVNIK_TEST_FIXTURES) / fixture);
  REQUIRE_FALSE(dump.empty());
  REQUIRE((*db)->exec(dump).ok());
}

int version_of(const std::filesystem::path& db_path) {
  auto db = sql::Database::open(db_path, sql::Database::Mode::kOpenExisting);
  REQUIRE(db.ok());
  auto v = replica::replica_version(**db);
  REQUIRE(v.ok());
  return *v;
}

}  // namespace

TEST_CASE("a new replica is created at the latest schema", "[store][migrations]") {
  testing::TempDir dir;
  auto store = LocalStore::create(dir / "r.db", std::string(32, 'a'));
  REQUIRE(store.ok());
  store->reset();
  CHECK(version_of(dir / "r.db") == replica::kLatestReplicaVersion);
}

TEST_CASE("every step applies to an empty file in order", "[store][migrations]") {
  testing::TempDir dir;
  auto db = sql::Database::open(dir / "r.db", sql::Database::Mode::kCreateNew);
  REQUIRE(db.ok());
  for (int v = 1; v <= replica::kLatestReplicaVersion; ++v) {
    REQUIRE(replica::migrate_replica_to(**db, v).ok());
    CHECK(replica::replica_version(**db).value() == v);
  }
  REQUIRE(replica::migrate_replica(**db).ok());  // nothing left to do
  CHECK(replica::replica_version(**db).value() == replica::kLatestReplicaVersion);
}

TEST_CASE("a version 1 replica is upgraded with its data intact", "[store][migrations]") {
  testing::TempDir dir;
  restore_fixture(dir / "r.db", "replica_v1.sql");
  REQUIRE(version_of(dir / "r.db") == 1);

  auto store = LocalStore::open(dir / "r.db");
  REQUIRE(store.ok());
  CHECK(version_of(dir / "r.db") == replica::kLatestReplicaVersion);
  auto& s = **store;
  CHECK(s.device_id() == std::string(32, 'd').replace(0, 32, "d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1"));
  CHECK(s.actor().person_id == kTutor);
  auto rec = s.reader().get(kSession);
  REQUIRE(rec.ok());
  CHECK(rec->data["topic"] == "Приёмы смыслового чтения «до, во время, после» — №1");
  CHECK(rec->data["notes"] == "Пробный урок 12.10");

  // Version 2 indexes people: the mentee written under version 1 is found.
  RecordQuery q;
  q.entity = "mentoring_session";
  q.person_id = kTeacher;
  CHECK(s.reader().count(q).value() == 1);

  // The upgraded replica keeps working: an edit bases itself on the old write.
  REQUIRE(s.update_record(kSession, {{"notes", "Пробный урок перенесён"}}).ok());
  auto ops = s.outbox().unsealed_ops(10);
  REQUIRE(ops.ok());
  REQUIRE(ops->size() == 3);
  CHECK(ops->back().bases.at("notes").str() == "01a0b0c0d0e1-0000-d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1");
}

TEST_CASE("a version 2 replica is upgraded with its data intact", "[store][migrations]") {
  testing::TempDir dir;
  restore_fixture(dir / "r.db", "replica_v2.sql");
  REQUIRE(version_of(dir / "r.db") == 2);
  auto store = LocalStore::open(dir / "r.db");
  REQUIRE(store.ok());
  CHECK(version_of(dir / "r.db") == replica::kLatestReplicaVersion);
  RecordQuery q;
  q.entity = "mentoring_session";
  auto rows = (*store)->reader().list(q);
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].data["topic"] == "Пробный урок: «смысловое чтение» — №2");
  CHECK((*rows)[0].data["notes"] == "Договорились о взаимопосещении");
  CHECK((*store)->outbox().pending()->unsealed_ops == 2);
  auto rejections = (*store)->rejections(true);
  REQUIRE(rejections.ok());
  CHECK(rejections->empty());
}

TEST_CASE("a version 3 replica is upgraded with its refused ops intact", "[store][migrations]") {
  testing::TempDir dir;
  restore_fixture(dir / "r.db", "replica_v3.sql");
  REQUIRE(version_of(dir / "r.db") == 3);
  auto store = LocalStore::open(dir / "r.db");
  REQUIRE(store.ok());
  CHECK(version_of(dir / "r.db") == replica::kLatestReplicaVersion);
  auto rejections = (*store)->rejections(true);
  REQUIRE(rejections.ok());
  REQUIRE(rejections->size() == 1);
  CHECK(rejections->at(0).code == "out_of_scope");
  CHECK(rejections->at(0).entity == "mentoring_session");
  RecordQuery q;
  q.entity = "mentoring_session";
  q.person_id = "00000000-0000-7000-8000-000300000011";
  CHECK((*store)->reader().count(q).value() == 1);
}

TEST_CASE("a version 4 replica keeps its values, stamps and conflicts when field writes move into records",
          "[store][migrations]") {
  testing::TempDir dir;
  restore_fixture(dir / "r.db", "replica_v4.sql");
  REQUIRE(version_of(dir / "r.db") == 4);
  // What the fixture holds, read with the queries of the layout it was written in.
  std::map<std::string, std::string> data_before;
  std::map<std::string, std::map<std::string, std::string>> stamps_before;
  int64_t conflicts_before = 0;
  {
    auto db = sql::Database::open(dir / "r.db", sql::Database::Mode::kOpenExisting);
    REQUIRE(db.ok());
    auto records = (*db)->prepare("SELECT id, data FROM records");
    while (records->step().value()) data_before[records->text(0)] = records->text(1);
    auto writes = (*db)->prepare("SELECT record_id, field, MAX(hlc) FROM field_writes GROUP BY record_id, field");
    while (writes->step().value()) stamps_before[writes->text(0)][writes->text(1)] = writes->text(2);
    auto conflicts = (*db)->prepare("SELECT COUNT(*) FROM conflicts");
    REQUIRE(conflicts->step().value());
    conflicts_before = conflicts->integer(0);
  }
  REQUIRE(data_before.size() == 3);
  REQUIRE(conflicts_before == 1);

  auto store = LocalStore::open(dir / "r.db");
  INFO(store.status().message());
  REQUIRE(store.ok());
  CHECK(version_of(dir / "r.db") == replica::kLatestReplicaVersion);
  for (const auto& [id, data] : data_before) {
    INFO("record " << id);
    auto record = (*store)->reader().get(id);
    REQUIRE(record.ok());
    CHECK(record->data == nlohmann::json::parse(data));
    auto stamps = (*store)->reader().field_stamps(id);
    REQUIRE(stamps.ok());
    std::map<std::string, std::string> as_text;
    for (const auto& [field, hlc] : *stamps) as_text[field] = hlc.str();
    CHECK(as_text == stamps_before[id]);
  }
  CHECK((*store)->reader().conflicts(true)->size() == 1);
  CHECK((*store)->outbox().pending()->unsealed_ops == 6);

  // The history conflicts are found in is the op log: a remote write of the first session's
  // topic made without seeing the local one conflicts with it, as it would have before.
  const std::string first = "01a24f2f-b4fe-7191-b939-db00ef545d33";
  Op remote;
  remote.entity = "mentoring_session";
  remote.id = first;
  remote.hlc = Hlc{1895322895123, 0, "e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3"};
  remote.author = kTutor;
  remote.fields = {{"topic", "Тема с другого ноутбука"}};
  auto merged = (*store)->merge_remote({remote});
  REQUIRE(merged.ok());
  // With the local topic; the earlier remote write came from the same laptop, which saw it.
  CHECK(merged->new_conflicts == 1);
  CHECK((*store)->reader().get(first)->data["topic"] == "Тема с другого ноутбука");
}

TEST_CASE("a version 5 replica keeps its records, people and pending ops when record_people is clustered",
          "[store][migrations]") {
  testing::TempDir dir;
  restore_fixture(dir / "r.db", "replica_v5.sql");
  REQUIRE(version_of(dir / "r.db") == 5);
  const auto rows_of = [&](const std::string& query) {
    auto db = sql::Database::open(dir / "r.db", sql::Database::Mode::kOpenExisting);
    REQUIRE(db.ok());
    auto st = (*db)->prepare(query);
    REQUIRE(st.ok());
    std::vector<std::string> out;
    while (st->step().value()) out.push_back(st->text(0) + "|" + st->text(1));
    return out;
  };
  const auto people_before = rows_of("SELECT person_id, record_id FROM record_people ORDER BY 1, 2");
  const auto records_before = rows_of("SELECT id, data || stamps FROM records ORDER BY id");
  REQUIRE(people_before.size() == 5);
  REQUIRE(records_before.size() == 3);

  auto store = LocalStore::open(dir / "r.db");
  INFO(store.status().message());
  REQUIRE(store.ok());
  CHECK(version_of(dir / "r.db") == replica::kLatestReplicaVersion);
  CHECK(rows_of("SELECT person_id, record_id FROM record_people ORDER BY 1, 2") == people_before);
  CHECK(rows_of("SELECT id, data || stamps FROM records ORDER BY id") == records_before);
  CHECK(rows_of("SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = 'record_people'") ==
        std::vector<std::string>{"record_people|1"});
  CHECK((*store)->outbox().pending()->unsealed_ops == 5);
  // People are found through the clustered table, and new records are indexed in it.
  RecordQuery q;
  q.entity = "mentoring_session";
  q.person_id = "00000000-0000-7000-8000-000300000012";
  CHECK((*store)->reader().count(q).value() == 1);
  REQUIRE((*store)->create_record("mentoring_session", {{"mentor_id", kTutor}, {"date", "2026-12-01"},
                                                        {"format", "offline"}, {"stage", "theory"},
                                                        {"topic", "После обновления"},
                                                        {"mentees", {"00000000-0000-7000-8000-000300000012"}}})
              .ok());
  CHECK((*store)->reader().count(q).value() == 2);
}

TEST_CASE("a replica from a newer program is refused, not damaged", "[store][migrations]") {
  testing::TempDir dir;
  {
    auto store = LocalStore::create(dir / "r.db", std::string(32, 'a'));
    REQUIRE(store.ok());
  }
  {
    auto db = sql::Database::open(dir / "r.db", sql::Database::Mode::kOpenExisting);
    REQUIRE(db.ok());
    REQUIRE((*db)->exec("INSERT INTO schema_version VALUES(99, 0)").ok());
  }
  auto store = LocalStore::open(dir / "r.db");
  CHECK(store.status().code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(store.status().message(), Catch::Contains("newer"));
  CHECK(version_of(dir / "r.db") == 99);
}

// Writes the fixture of the current replica version; run by hand (`store_tests "[.generate]"`)
// just before a migration step is added, then keep the file as it is forever.
TEST_CASE("write the replica fixture of the current version", "[.generate]") {
  testing::TempDir dir;
  {
    auto store = LocalStore::create(dir / "r.db", "d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2");
    REQUIRE(store.ok());
    auto& s = **store;
    REQUIRE(s.set_actor(Actor{kTutor, {"tutor"}, ""}).ok());
    auto id = s.create_record("mentoring_session", {{"mentor_id", kTutor}, {"date", "2026-10-05"}, {"format", "offline"},
                                                    {"stage", "trial_lessons"}, {"topic", "Пробный урок: «смысловое чтение» — №2"},
                                                    {"mentees", {kTeacher}}});
    REQUIRE(id.ok());
    REQUIRE(s.update_record(*id, {{"notes", "Договорились о взаимопосещении"}}).ok());
    // Every kind of stamp a record can hold: a set element removed, a field cleared, a
    // deleted record, and a remote write concurrent with a local one (a conflict).
    auto second = s.create_record("mentoring_session", {{"mentor_id", kTutor}, {"date", "2026-10-12"},
                                                        {"format", "online"}, {"stage", "joint_analysis"},
                                                        {"topic", "Разбор урока"}, {"notes", "Черновик"},
                                                        {"mentees", {kTeacher, kTutor}}});
    REQUIRE(second.ok());
    REQUIRE(s.update_record(*second, {{"mentees", {kTeacher}}, {"notes", nullptr}}).ok());
    auto gone = s.create_record("mentoring_session", {{"mentor_id", kTutor}, {"date", "2026-10-19"},
                                                      {"format", "offline"}, {"stage", "theory"}, {"topic", "Отменено"}});
    REQUIRE(gone.ok());
    REQUIRE(s.delete_record(*gone).ok());
    Op remote;
    remote.entity = "mentoring_session";
    remote.id = *id;
    remote.hlc = Hlc{1795322895123, 0, "e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3"};
    remote.author = kTutor;
    remote.fields = {{"topic", "Пробный урок — тема уточнена"}};
    REQUIRE(s.merge_remote({remote}).ok());
  }
  const auto out = std::filesystem::path(NASTAVNIK_TEST_FIXTURES) /
                   ("replica_v" + std::to_string(replica::kLatestReplicaVersion) + ".sql");
  const std::string cmd = "sqlite3 '" + (dir / "r.db").string() + "' .dump > '" + out.string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
}
