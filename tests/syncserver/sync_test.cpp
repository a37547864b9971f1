// The sync protocol end to end in one process: real stores, real signatures, the real
// SyncService and SyncEngine; only the sockets are skipped.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "shared/ops/changeset.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/sync_messages.h"
#include "syncserver/admin/enrollment.h"
#include "syncserver/ingest/changeset_ingest.h"
#include "tests/support/client_device.h"
#include "tests/support/forwarding_transport.h"
#include "tests/support/demo_people.h"
#include "tests/support/in_process_server.h"
#include "tests/support/wall_clock.h"
#include "client/sync/sync_engine.h"
#include "client/model/monitoring_source.h"
#include "shared/assets_dir.h"
#include "shared/monitoring/indicator_engine.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;

namespace {

struct World {
  InProcessServer server;
  InProcessTransport transport{server};

  std::unique_ptr<ClientDevice> device(const std::string& person, const std::string& role) {
    auto d = std::make_unique<ClientDevice>(transport);
    auto enrolled = d->enroll(server.code_for(person, role));
    REQUIRE(enrolled.ok());
    return d;
  }

  // The receipt of pushing `frames` as `device`, verified with the server key.
  wire::Receipt push(ClientDevice& device, const std::vector<SealedChangeset>& changesets) {
    wire::SyncRequest request;
    request.schema = kDomainSchemaVersion;
    request.changesets = changesets;
    const std::string body = wire::encode_sync_request(request);
    auto dev = server.store().find_device(device.key().id());
    REQUIRE(dev.ok());
    REQUIRE(dev->has_value());
    auto answer = server.service().sync(**dev, body);
    REQUIRE(answer.ok());
    auto receipt = wire::open_document(wire::kReceiptContext, (*answer)["receipt"], server.key().public_key);
    REQUIRE(receipt.ok());
    return wire::receipt_from_json(*receipt).value();
  }
};

SealedChangeset seal_one(ClientDevice& d) {
  auto entry = d.store().seal_pending(d.key(), 1000);
  REQUIRE(entry.ok());
  REQUIRE(entry->has_value());
  return ChangesetCodec::unframe((*entry)->frame).value().at(0);
}

// A device's first changeset made by hand around `op`, to get past the local store's checks
// and meet the server's.
SealedChangeset first_changeset(ClientDevice& d, const Op& op) {
  Changeset cs;
  cs.header.schema = kDomainSchemaVersion;
  cs.header.device = d.key().id();
  cs.header.seq = 1;
  cs.header.prev = kGenesisHash;
  cs.ops = {op};
  return ChangesetCodec::seal(cs, d.key().secret_key);
}

}  // namespace

TEST_CASE("enrollment binds the device to a person and pins the server key", "[sync][enroll]") {
  World w;
  ClientDevice d(w.transport);
  const std::string code = w.server.code_for(demo::kTutor1, "tutor");
  auto result = d.enroll(code);
  REQUIRE(result.ok());
  CHECK(result->person_id == demo::kTutor1);
  CHECK(result->roles == std::set<std::string>{"tutor"});
  CHECK(d.store().actor().person_id == demo::kTutor1);
  CHECK(result->server_key_id == w.server.key().id());

  SECTION("a code works once") {
    ClientDevice other(w.transport);
    auto again = other.enroll(code);
    CHECK(again.status().code() == StatusCode::kFailedPrecondition);
    CHECK_THAT(again.status().message(), Catch::Contains("already used"));
  }
  SECTION("an unknown code is refused") {
    ClientDevice other(w.transport);
    CHECK_THAT(other.enroll("AAAA-BBBB-CCCC").status().message(), Catch::Contains("not known"));
  }
  SECTION("a person without the role gets no code") {
    auto code2 = server::issue_enrollment_code(w.server.store(), demo::kTeacher1, "methodologist", 0);
    CHECK(code2.status().code() == StatusCode::kInvalidArgument);
  }
}

TEST_CASE("an expired code is refused", "[sync][enroll]") {
  World w;
  auto code = server::issue_enrollment_code(w.server.store(), demo::kTutor1, "tutor", system_wall_clock_ms() - 10'000, 1);
  REQUIRE(code.ok());
  ClientDevice d(w.transport);
  CHECK_THAT(d.enroll(*code).status().message(), Catch::Contains("expired"));
}

TEST_CASE("a sync with nothing to do is one request; a small one is one too", "[sync]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  auto first = tutor->sync();
  REQUIRE(first.ok());
  CHECK(first->ops_received > 0);  // the registry of its pairs arrived
  auto idle = tutor->sync();
  REQUIRE(idle.ok());
  CHECK(idle->requests == 1);
  CHECK(idle->ops_received == 0);
  tutor->add_session(demo::kPair1, "Смысловое чтение «до, во время, после» — №1", demo::kTeacher1);
  auto small = tutor->sync();
  REQUIRE(small.ok());
  CHECK(small->requests == 1);
  CHECK(small->changesets_sent == 1);
  CHECK(small->rejected.empty());
  CHECK(tutor->store().outbox().pending()->unacked_changesets == 0);
}

TEST_CASE("devices converge on what each may see, and nothing outside scope reaches them", "[sync][scope]") {
  World w;
  auto teacher = w.device(demo::kTeacher1, "teacher");
  auto tutor = w.device(demo::kTutor1, "tutor");
  auto other_tutor = w.device(demo::kTutor2, "tutor");
  auto methodologist = w.device(demo::kMethodologist, "methodologist");

  const std::string s1 = tutor->add_session(demo::kPair1, "Занятие в паре 1", demo::kTeacher1);
  const std::string s2 = other_tutor->add_session(demo::kPair2, "Занятие в паре 2", demo::kTeacher2);
  REQUIRE(tutor->sync().ok());
  REQUIRE(other_tutor->sync().ok());
  REQUIRE(teacher->sync().ok());
  REQUIRE(methodologist->sync().ok());
  REQUIRE(tutor->sync().ok());
  REQUIRE(other_tutor->sync().ok());

  CHECK(teacher->store().reader().get(s1).ok());
  CHECK(teacher->store().reader().get(s2).status().code() == StatusCode::kNotFound);
  CHECK(other_tutor->store().reader().get(s1).status().code() == StatusCode::kNotFound);
  CHECK(methodologist->store().reader().get(s1).ok());
  CHECK(methodologist->store().reader().get(s2).ok());
  CHECK(methodologist->count("pair") == 5);
  CHECK(teacher->count("pair") == 1);
  CHECK(tutor->count("pair") == 1);
  CHECK(methodologist->count("person") == 42);
  CHECK(teacher->count("person") < 20);  // the two schools of its pair, not the municipality
  CHECK(tutor->store().reader().get(s1)->data == methodologist->store().reader().get(s1)->data);
}

TEST_CASE("a tampered changeset is refused and changes nothing", "[sync][hostile]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  tutor->add_session(demo::kPair1, "Тема");
  SealedChangeset cs = seal_one(*tutor);
  cs.payload[cs.payload.find("Тема") + 1] ^= 0x01;
  const int64_t before = w.server.op_count();
  const auto receipt = w.push(*tutor, {cs});
  REQUIRE(receipt.results.size() == 1);
  CHECK(receipt.results[0].outcome == wire::ChangesetOutcome::kRejected);
  CHECK(receipt.results[0].code == "bad_signature");
  CHECK(w.server.op_count() == before);
}

TEST_CASE("a replayed changeset is acknowledged again and applied once", "[sync][hostile]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  tutor->add_session(demo::kPair1, "Тема");
  const SealedChangeset cs = seal_one(*tutor);
  CHECK(w.push(*tutor, {cs}).results.at(0).outcome == wire::ChangesetOutcome::kAccepted);
  const int64_t after_first = w.server.op_count();
  CHECK(w.push(*tutor, {cs}).results.at(0).outcome == wire::ChangesetOutcome::kDuplicate);
  CHECK(w.server.op_count() == after_first);
}

TEST_CASE("a gap in the sequence is reported with the expected number", "[sync][hostile]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  tutor->add_session(demo::kPair1, "Первая");
  (void)seal_one(*tutor);
  tutor->add_session(demo::kPair1, "Вторая");
  const SealedChangeset second = seal_one(*tutor);
  const auto result = w.push(*tutor, {second}).results.at(0);
  CHECK(result.outcome == wire::ChangesetOutcome::kRejected);
  CHECK(result.code == "sequence_gap");
  CHECK(result.expected_seq == 1);
}

TEST_CASE("a revoked device can no longer sync but keeps its records", "[sync][hostile]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  REQUIRE(tutor->sync().ok());
  const std::string id = tutor->add_session(demo::kPair1, "После отзыва");
  REQUIRE(w.server.store().revoke_device(tutor->key().id(), system_wall_clock_ms()).ok());
  auto result = tutor->sync();
  CHECK(result.status().code() == StatusCode::kPermissionDenied);
  CHECK_THAT(result.status().message(), Catch::Contains("revoked"));
  CHECK(tutor->store().reader().get(id).ok());
  CHECK(tutor->store().outbox().pending()->unacked_changesets == 1);

  SECTION("its changesets relayed by another device are refused too") {
    auto methodologist = w.device(demo::kMethodologist, "methodologist");
    auto entry = tutor->store().outbox().unacked().value().at(0);
    const auto receipt = w.push(*methodologist, ChangesetCodec::unframe(entry.frame).value());
    CHECK(receipt.results.at(0).code == "device_revoked");
  }
}

TEST_CASE("out-of-scope ops are refused with a reason; the rest is applied", "[sync][scope]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  const std::string mine = tutor->add_session(demo::kPair1, "Своя пара");
  const std::string foreign = tutor->add_session(demo::kPair2, "Чужая пара");
  auto summary = tutor->sync();
  REQUIRE(summary.ok());
  REQUIRE(summary->rejected.size() == 1);
  CHECK(summary->rejected[0].code == "out_of_scope");
  CHECK_THAT(summary->rejected[0].message, Catch::Contains("not one you work with"));
  CHECK(w.server.store().record(mine).ok());
  CHECK(w.server.store().record(foreign).status().code() == StatusCode::kNotFound);
  auto remembered = tutor->store().rejections(false);
  REQUIRE(remembered.ok());
  REQUIRE(remembered->size() == 1);
  CHECK(remembered->at(0).record_id == foreign);
}

TEST_CASE("a teacher cannot write the registry", "[sync][scope]") {
  World w;
  auto teacher = w.device(demo::kTeacher1, "teacher");
  REQUIRE(teacher->sync().ok());
  // The local store refuses first; a hand-made op gets past it and meets the server.
  Op op;
  op.entity = "school";
  op.id = "00000000-0000-7000-8000-000200000001";
  op.hlc = Hlc{system_wall_clock_ms(), 0, teacher->key().id()};
  op.author = demo::kTeacher1;
  op.fields = {{"name", "Переименованная школа"}};
  const auto result = w.push(*teacher, {first_changeset(*teacher, op)}).results.at(0);
  REQUIRE(result.rejected_ops.size() == 1);
  CHECK(result.rejected_ops[0].code == "out_of_scope");
  CHECK(w.server.store().record(op.id)->data["name"] != "Переименованная школа");
}

TEST_CASE("a school team reports its own school's figures, not another school's", "[sync][scope][monitoring]") {
  World w;
  // Mentor and school_admin of the partner school of pair 1.
  const std::string admin_person = "00000000-0000-7000-8000-000300000019";
  const std::string own_school = "00000000-0000-7000-8000-000200000006";
  auto admin = w.device(admin_person, "school_admin");
  REQUIRE(admin->sync().ok());
  auto own = admin->store().create_record(
      "indicator_value", {{"school_id", own_school}, {"indicator", "ior"}, {"period", "2026/27-1"}, {"value", 0.62}});
  REQUIRE(own.ok());
  // The local store refuses another school; a hand-made op gets past it and meets the server.
  CHECK(admin->store()
            .create_record("indicator_value",
                           {{"school_id", demo::kSchool1}, {"indicator", "ior"}, {"period", "2026/27-1"}, {"value", 0.9}})
            .status()
            .code() == StatusCode::kPermissionDenied);
  REQUIRE(admin->sync().ok());
  REQUIRE(w.server.store().record(*own).ok());
  CHECK(w.server.store().record(*own)->data["value"] == 0.62);

  // A second laptop of the same team, whose first changeset is made by hand.
  auto other_laptop = w.device(admin_person, "school_admin");
  Op op;
  op.entity = "indicator_value";
  op.id = "00000000-0000-7000-8000-0009000000aa";
  op.hlc = Hlc{system_wall_clock_ms(), 0, other_laptop->key().id()};
  op.author = admin_person;
  op.fields = {{"school_id", demo::kSchool1}, {"indicator", "ior"}, {"period", "2026/27-1"}, {"value", 0.9},
               {kCreatedByField, admin_person}};
  const auto result = w.push(*other_laptop, {first_changeset(*other_laptop, op)}).results.at(0);
  REQUIRE(result.rejected_ops.size() == 1);
  CHECK(result.rejected_ops[0].code == "out_of_scope");
  CHECK_FALSE(w.server.store().record(op.id).ok());

  // A teacher of the other school may not report for it either.
  auto teacher = w.device(demo::kTeacher1, "teacher");
  REQUIRE(teacher->sync().ok());
  CHECK(teacher->store()
            .create_record("indicator_value",
                           {{"school_id", demo::kSchool1}, {"indicator", "ior"}, {"period", "2026/27-1"}, {"value", 0.5}})
            .status()
            .code() == StatusCode::kPermissionDenied);
}

TEST_CASE("the programme's risks and notes reach every device of schema 3 and none of schema 2; only "
          "methodologists write them", "[sync][scope][monitoring][versions]") {
  World w;
  auto methodologist = w.device(demo::kMethodologist, "methodologist");
  REQUIRE(methodologist->sync().ok());
  auto risk = methodologist->store().create_record(
      "programme_risk", {{"title", "Неготовность школы выстраивать партнёрские отношения"}, {"likelihood", "medium"},
                         {"impact", "high"}, {"status", "open"}});
  REQUIRE(risk.ok());
  auto note = methodologist->store().create_record(
      "period_note", {{"period", "2026/27-1"}, {"kind", "decision"}, {"text", "Провести консилиум"}, {"document", "приказ № 12"}});
  REQUIRE(note.ok());
  // A half-year must be written as one: free text is refused before it leaves the laptop.
  std::vector<FieldError> errors;
  CHECK_FALSE(methodologist->store()
                  .create_record("period_note", {{"period", "первое полугодие"}, {"kind", "conclusion"}, {"text", "Т"}}, &errors)
                  .ok());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "validation.period_format");
  REQUIRE(methodologist->sync().ok());

  auto teacher = w.device(demo::kTeacher1, "teacher");
  REQUIRE(teacher->sync().ok());
  CHECK(teacher->store().reader().get(*risk).ok());
  CHECK(teacher->store().reader().get(*note).ok());

  // A device that still syncs with schema 2 gets neither, and its scope fingerprint stays
  // what schema 2 made it, so a server upgrade alone restarts no device's pull.
  auto pull_with_schema = [&](int schema) {
    wire::SyncRequest request;
    request.schema = schema;
    auto dev = w.server.store().find_device(teacher->key().id()).value().value();
    auto answer = w.server.service().sync(dev, wire::encode_sync_request(request));
    REQUIRE(answer.ok());
    auto page = wire::open_document(wire::kPageContext, (*answer)["page"], w.server.key().public_key);
    REQUIRE(page.ok());
    return wire::page_from_json(*page).value();
  };
  const wire::PullPage old_page = pull_with_schema(2), new_page = pull_with_schema(3);
  auto has = [](const wire::PullPage& page, const std::string& id) {
    return std::any_of(page.ops.begin(), page.ops.end(), [&](const Op& op) { return op.id == id; });
  };
  CHECK_FALSE(has(old_page, *risk));
  CHECK_FALSE(has(old_page, *note));
  CHECK(has(new_page, *risk));
  CHECK(has(new_page, *note));
  CHECK(old_page.scope != new_page.scope);  // upgrading restarts the pull, and brings them

  // A school team may not write the register: refused on the laptop and, by hand, on the server.
  const std::string admin_person = "00000000-0000-7000-8000-000300000019";
  auto admin = w.device(admin_person, "school_admin");
  CHECK(admin->store()
            .create_record("programme_risk", {{"title", "Т"}, {"likelihood", "low"}, {"impact", "low"}, {"status", "open"}})
            .status()
            .code() == StatusCode::kPermissionDenied);
  Op op;
  op.entity = "programme_risk";
  op.id = "00000000-0000-7000-8000-0009000000bb";
  op.hlc = Hlc{system_wall_clock_ms(), 0, admin->key().id()};
  op.author = admin_person;
  op.fields = {{"title", "Т"}, {"likelihood", "low"}, {"impact", "low"}, {"status", "open"}, {kCreatedByField, admin_person}};
  const auto result = w.push(*admin, {first_changeset(*admin, op)}).results.at(0);
  REQUIRE(result.rejected_ops.size() == 1);
  CHECK(result.rejected_ops[0].code == "out_of_scope");
  CHECK_FALSE(w.server.store().record(op.id).ok());
}

TEST_CASE("a mentor's indicators cover only the pairs the server lets its laptop read", "[sync][scope][monitoring]") {
  World w;
  // Sessions of pair 1 and pair 2, written by their tutors and synced.
  auto tutor1 = w.device(demo::kTutor1, "tutor");
  auto tutor2 = w.device(demo::kTutor2, "tutor");
  tutor1->add_session(demo::kPair1, "Встреча пары 1");
  tutor2->add_session(demo::kPair2, "Встреча пары 2");
  REQUIRE(tutor1->sync().ok());
  REQUIRE(tutor2->sync().ok());

  // The mentor of pair 1 (the leader of its partner school, which is in no other pair).
  auto mentor = w.device("00000000-0000-7000-8000-000300000019", "mentor");
  REQUIRE(mentor->sync().ok());
  auto catalog = monitoring::IndicatorCatalog::load_dir(assets_dir() / "indicators");
  REQUIRE(catalog.ok());
  auto source = model::load_monitoring_source(mentor->store());
  REQUIRE(source.ok());
  std::set<std::string> pairs;
  for (const auto& p : source->of("pair")) pairs.insert(p.id());
  CHECK(pairs == std::set<std::string>{demo::kPair1});
  const auto period = monitoring::Period::parse("2026/27-1");  // add_session dates sessions 20 November 2026
  const auto result = monitoring::compute_indicators(*catalog, *source, *period);
  std::set<std::string> subjects;
  for (const auto& v : result.values)
    if (v.level == "pair") subjects.insert(v.subject_id);
  CHECK(subjects == std::set<std::string>{demo::kPair1});
  // Pair 2's session never reached the laptop, so the municipality's count is pair 1's.
  CHECK(*result.find("sessions_held", "municipality")->value == *result.find("sessions_held", "pair", demo::kPair1)->value);
  CHECK(*result.find("sessions_held", "pair", demo::kPair1)->value == 1);
}

TEST_CASE("ops stamped far in the future are refused; the device is told", "[sync][hostile]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  Op op;
  op.entity = "mentoring_session";
  op.id = "0190a000-0000-7000-8000-0000000000ff";
  op.hlc = Hlc{system_wall_clock_ms() + 400ULL * 24 * 3600 * 1000, 0, tutor->key().id()};
  op.author = demo::kTutor1;
  op.fields = {{"mentor_id", demo::kTutor1}, {"pair_id", demo::kPair1}, {"date", "2026-11-20"}, {"format", "online"},
               {"stage", "theory"}, {"topic", "Из будущего"}, {"created_by", demo::kTutor1}};
  const auto result = w.push(*tutor, {first_changeset(*tutor, op)}).results.at(0);
  REQUIRE(result.rejected_ops.size() == 1);
  CHECK(result.rejected_ops[0].code == "clock_ahead");
  CHECK_THAT(result.rejected_ops[0].message, Catch::Contains("server's time"));
}

TEST_CASE("a changeset of the older schema 1 is upgraded, not rejected", "[sync][versions]") {
  World w;
  auto teacher = w.device(demo::kTeacher1, "teacher");
  Op op;
  op.entity = "self_assessment";
  op.id = "0190a000-0000-7000-8000-0000000000aa";
  op.hlc = Hlc{system_wall_clock_ms(), 0, teacher->key().id()};
  op.author = demo::kTeacher1;
  op.fields = {{"instrument_id", "teacher_deficits"}, {"person_id", demo::kTeacher1}, {"date", "2026-09-15"},
               {"answers", {{"modern_lesson_1", 1}}}, {"created_by", demo::kTeacher1}};
  Changeset cs;
  cs.header.schema = 1;
  cs.header.device = teacher->key().id();
  cs.header.seq = 1;
  cs.header.prev = kGenesisHash;
  cs.ops = {op};
  const auto result = w.push(*teacher, {ChangesetCodec::seal(cs, teacher->key().secret_key)}).results.at(0);
  CHECK(result.outcome == wire::ChangesetOutcome::kAccepted);
  CHECK(result.rejected_ops.empty());
  auto stored = w.server.store().record(op.id);
  REQUIRE(stored.ok());
  CHECK(stored->data["instrument_version"] == 1);
}

TEST_CASE("a wrong protocol version gets an upgrade message", "[sync][versions]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  wire::SyncRequest request;
  request.protocol = 99;
  auto dev = w.server.store().find_device(tutor->key().id()).value().value();
  auto answer = w.server.service().sync(dev, wire::encode_sync_request(request));
  CHECK(answer.status().code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(answer.status().message(), Catch::Contains("update"));
}

TEST_CASE("malformed sync bodies are refused and change nothing", "[sync][hostile]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  auto dev = w.server.store().find_device(tutor->key().id()).value().value();
  const int64_t before = w.server.op_count();
  for (const std::string& body : {std::string("{\"json\": true}"), std::string("NSY1\x00\x00\x00\x05{bad}", 13),
                                 std::string("NSY1")}) {
    auto answer = w.server.service().sync(dev, body);
    CHECK(answer.status().code() == StatusCode::kInvalidArgument);
  }
  CHECK(w.server.op_count() == before);
}

TEST_CASE("a forged receipt or page is refused by the client and nothing is applied", "[sync][hostile]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  tutor->add_session(demo::kPair1, "Тема");
  const auto impostor = crypto::KeyPair::generate();
  w.transport.tamper_reply = [&](std::string& body) {
    auto j = json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("page")) return;
    auto page = json::parse(j["page"]["body"].get<std::string>());
    page["ops"] = json::array();
    j["page"] = wire::sign_document(wire::kPageContext, page, impostor);
    body = j.dump();
  };
  auto result = tutor->sync();
  CHECK(result.status().code() == StatusCode::kUnauthenticated);
  CHECK(tutor->count("pair") == 0);
  CHECK(tutor->store().outbox().pending()->unacked_changesets == 1);  // not marked as delivered
  w.transport.tamper_reply = nullptr;
  REQUIRE(tutor->sync().ok());
  CHECK(tutor->count("pair") == 1);
}

TEST_CASE("with no network the sync says so and keeps everything", "[sync]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  tutor->add_session(demo::kPair1, "Без сети");
  w.transport.offline = true;
  auto result = tutor->sync();
  CHECK(result.status().code() == StatusCode::kUnavailable);
  CHECK_THAT(result.status().message(), Catch::Contains("nothing was lost"));
  CHECK(tutor->store().outbox().pending()->unacked_changesets == 1);
  w.transport.offline = false;
  auto later = tutor->sync();
  REQUIRE(later.ok());
  CHECK(later->changesets_sent == 1);
}

namespace {

// Counts in a replica file, read through a connection of its own while its store works.
int64_t count_in(const std::filesystem::path& replica, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(replica.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
  const bool row = sqlite3_step(st) == SQLITE_ROW;
  const int64_t n = row ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// With one changeset per request, request k carries changeset k: each request before the
// last is held until the replica holds changeset k+1 (at most 5 s), and the requests during
// whose flight it appeared are counted. The engine seals k+1 only once k is on its way.
class SealWatchingTransport : public ForwardingTransport {
 public:
  SealWatchingTransport(SyncTransport& inner, std::filesystem::path replica, int changesets)
      : ForwardingTransport(inner), replica_(std::move(replica)), changesets_(changesets) {}
  Result<HttpReply> post(const std::string& path, const std::string& content_type, const std::string& body,
                         const HttpHeaders& headers) override {
    const int request = ++requests;
    if (request < changesets_) {
      const char* kSealed = "SELECT COUNT(*) FROM changesets";
      for (int i = 0; i < 500 && count_in(replica_, kSealed) <= request; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (count_in(replica_, kSealed) > request) ++sealed_in_flight;
    }
    return inner_.post(path, content_type, body, headers);
  }
  std::atomic<int> requests{0}, sealed_in_flight{0};

 private:
  std::filesystem::path replica_;
  const int changesets_;
};

}  // namespace

TEST_CASE("the next changeset is sealed while the server takes the request before it", "[sync][overlap]") {
  World w;
  auto methodologist = w.device(demo::kMethodologist, "methodologist");
  for (int i = 0; i < 200; ++i) methodologist->add_session(demo::kPair1, "Занятие " + std::to_string(i));
  SealWatchingTransport watching(w.transport, methodologist->replica_path(), 4);
  SyncSettings small;
  small.max_ops_per_changeset = 50;
  small.max_request_bytes = 1;  // one changeset per request
  auto summary = SyncEngine(methodologist->store(), methodologist->key(), watching, small).run();
  REQUIRE(summary.ok());
  CHECK(summary->changesets_sent == 4);
  CHECK(summary->ops_sent == 200);
  // Before the first request one changeset was sealed; each of the next three was sealed
  // while the request before it was on its way.
  CHECK(watching.sealed_in_flight == 3);
  CHECK(methodologist->store().outbox().pending()->unsealed_ops == 0);
  CHECK(methodologist->store().outbox().pending()->unacked_changesets == 0);
  CHECK(w.server.store().stats()->changesets == 4 + 1);  // and the registry import the server signed
}

TEST_CASE("a large push is batched and a long pull is paged", "[sync]") {
  World w;
  auto methodologist = w.device(demo::kMethodologist, "methodologist");
  for (int i = 0; i < 300; ++i) methodologist->add_session(demo::kPair1, "Занятие " + std::to_string(i));
  SyncSettings small;
  small.max_ops_per_changeset = 50;
  small.max_request_bytes = 20'000;
  small.page_limit = 40;
  auto summary = methodologist->sync(small);
  REQUIRE(summary.ok());
  CHECK(summary->changesets_sent == 6);
  CHECK(summary->requests > 2);
  auto reader = w.device(demo::kTutor1, "tutor");
  auto pulled = reader->sync(small);
  REQUIRE(pulled.ok());
  CHECK(reader->count("mentoring_session") == 300);
  CHECK(pulled->requests >= 300 / 40);
}

TEST_CASE("a cursor beyond the feed (a store restored from backup) restarts the pull", "[sync]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  wire::SyncRequest request;
  request.schema = kDomainSchemaVersion;
  request.cursor = 1'000'000;
  auto dev = w.server.store().find_device(tutor->key().id()).value().value();
  auto answer = w.server.service().sync(dev, wire::encode_sync_request(request));
  REQUIRE(answer.ok());
  auto page = wire::open_document(wire::kPageContext, (*answer)["page"], w.server.key().public_key);
  REQUIRE(page.ok());
  CHECK((*page)["reset"] == true);
  CHECK((*page)["from"] == 0);
  CHECK_FALSE((*page)["ops"].empty());
}

TEST_CASE("a device is not sent its own ops back; others in its scope are", "[sync][pull]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  auto teacher = w.device(demo::kTeacher1, "teacher");
  REQUIRE(tutor->sync().ok());
  REQUIRE(teacher->sync().ok());
  for (int i = 0; i < 5; ++i) tutor->add_session(demo::kPair1, "Встреча № " + std::to_string(i), demo::kTeacher1);
  const uint64_t down_before = w.transport.bytes_received();
  auto pushed = tutor->sync();
  REQUIRE(pushed.ok());
  CHECK(pushed->ops_sent == 5);
  CHECK(pushed->ops_received == 0);  // its own five are not on its page
  const uint64_t tutor_down = w.transport.bytes_received() - down_before;
  auto pulled = teacher->sync();
  REQUIRE(pulled.ok());
  CHECK(pulled->ops_received == 5);
  CHECK(teacher->count("mentoring_session") == 5);
  // The tutor's answer carried receipts, not its week: far less than the teacher's page.
  CHECK(tutor_down < w.transport.bytes_received() - down_before - tutor_down);
}

TEST_CASE("a busy server's Retry-After is honoured, with a bounded random share added", "[sync][busy]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  tutor->add_session(demo::kPair1, "Пока сервер занят", demo::kTeacher1);
  int busy_answers = 2;
  w.transport.intercept = [&](HttpReply& reply) {
    if (busy_answers-- <= 0) return false;
    reply = HttpReply{503, R"({"error":{"code":"unavailable","message":"the server is busy"}})", "", "3"};
    return true;
  };
  std::vector<uint64_t> waits;
  SyncEngine engine(tutor->store(), tutor->key(), w.transport, {}, [&](uint64_t ms) { waits.push_back(ms); });
  auto summary = engine.run();
  REQUIRE(summary.ok());
  CHECK(summary->ops_sent == 1);
  REQUIRE(waits.size() == 2);
  for (uint64_t ms : waits) {
    CHECK(ms >= 3000);  // at least what the server asked
    CHECK(ms <= 3000 + 1500);  // and at most half as much again
  }
}

TEST_CASE("a server fault is reported as the server's, not the device's", "[sync][busy]") {
  World w;
  auto tutor = w.device(demo::kTutor1, "tutor");
  tutor->add_session(demo::kPair1, "Пока у сервера неполадка", demo::kTeacher1);
  w.transport.intercept = [&](HttpReply& reply) {
    reply = HttpReply{500, R"({"error":{"code":"internal","message":"the server has a problem"}})", "", ""};
    return true;
  };
  SyncEngine engine(tutor->store(), tutor->key(), w.transport, {}, [](uint64_t) {});
  auto summary = engine.run();
  REQUIRE_FALSE(summary.ok());
  CHECK(summary.status().code() == StatusCode::kServerFault);
  CHECK_THAT(summary.status().message(), Catch::Contains("nothing was lost"));
  w.transport.intercept = nullptr;
  REQUIRE(tutor->sync().ok());  // everything was kept and goes up now
  CHECK(w.server.op_count() > 0);
}

namespace {

// The central store of `inner`, except that once damaged() is set its feed reads fail the
// way SQLite reports a damaged file.
class DamageableStore : public server::CentralStore {
 public:
  explicit DamageableStore(server::CentralStore& inner) : inner_(inner) {}
  void damage() { damaged_ = true; }

  Result<std::optional<server::Device>> find_device(const std::string& id) override { return inner_.find_device(id); }
  Result<std::vector<server::Device>> list_devices() override { return inner_.list_devices(); }
  Status save_code(const server::EnrollmentCode& c) override { return inner_.save_code(c); }
  Result<json> redeem_code(const std::string& h, const server::Device& d, const json& a, uint64_t now) override {
    return inner_.redeem_code(h, d, a, now);
  }
  Result<std::optional<server::EnrollmentCode>> find_code(const std::string& h) override { return inner_.find_code(h); }
  Status revoke_device(const std::string& id, uint64_t now) override { return inner_.revoke_device(id, now); }
  Status touch_device(const std::string& id, uint64_t now, const std::string& f, uint64_t cursor,
                      bool started_over) override {
    return inner_.touch_device(id, now, f, cursor, started_over);
  }
  Result<server::CompactionReport> compact(uint64_t through) override { return inner_.compact(through); }
  Status for_each_changeset(uint64_t from, uint64_t before,
                            const std::function<Status(const server::ArchivedChangeset&)>& each) override {
    return inner_.for_each_changeset(from, before, each);
  }
  Result<int64_t> drop_changeset_frames(const std::vector<server::ArchivedChangeset>& archived) override {
    return inner_.drop_changeset_frames(archived);
  }
  Result<bool> remember_request(const std::string& d, const std::string& g, uint64_t s, uint64_t n,
                                uint64_t w) override {
    return inner_.remember_request(d, g, s, n, w);
  }
  Result<std::vector<Record>> live_records(const std::vector<std::string>& entities) override {
    return inner_.live_records(entities);
  }
  Result<Record> record(const std::string& id) override { return inner_.record(id); }
  Result<std::unique_ptr<server::IngestUnit>> begin_ingest() override { return inner_.begin_ingest(); }
  Result<std::vector<server::FeedRow>> read_feed(uint64_t after, size_t max, const std::vector<std::string>& f) override {
    if (damaged_) return Status::Corruption("database disk image is malformed");
    return inner_.read_feed(after, max, f);
  }
  Result<std::vector<server::FeedRow>> read_tagged_feed(uint64_t after, uint64_t through,
                                                        const std::vector<std::string>& tags, size_t max,
                                                        const std::vector<std::string>& f) override {
    if (damaged_) return Status::Corruption("database disk image is malformed");
    return inner_.read_tagged_feed(after, through, tags, max, f);
  }
  Status retag_feed(const std::vector<std::string>& fields,
                    const std::function<std::vector<std::string>(const server::FeedRow&)>& tags_of,
                    const std::string& key, const std::string& value) override {
    return inner_.retag_feed(fields, tags_of, key, value);
  }
  Result<uint64_t> feed_head() override { return inner_.feed_head(); }
  Result<server::StoreStats> stats() override { return inner_.stats(); }
  Result<std::optional<std::string>> meta(const std::string& key) override { return inner_.meta(key); }
  Status set_meta(const std::string& key, const std::string& value) override { return inner_.set_meta(key, value); }
  Status probe_write(uint64_t now) override { return inner_.probe_write(now); }
  Status export_table(const std::string& table,
                      const std::function<Status(const server::TableChunk&)>& each) override {
    return inner_.export_table(table, each);
  }
  Status import_rows(const server::TableChunk& chunk) override { return inner_.import_rows(chunk); }
  Status set_feed_head(uint64_t head) override { return inner_.set_feed_head(head); }

 private:
  server::CentralStore& inner_;
  bool damaged_ = false;
};

}  // namespace

TEST_CASE("a store found damaged while serving keeps /healthz failing, though a probe write works",
          "[sync][health]") {
  InProcessServer base;
  DamageableStore store(base.store());
  server::SyncService service(store, base.key(), system_wall_clock_ms);
  CHECK(service.health().ok());
  InProcessTransport transport(base);
  ClientDevice tutor(transport);
  REQUIRE(tutor.enroll(base.code_for(demo::kTutor1, "tutor")).ok());
  auto device = base.store().find_device(tutor.key().id());
  REQUIRE(device.ok());
  store.damage();
  wire::SyncRequest request;
  request.schema = kDomainSchemaVersion;
  auto answer = service.sync(**device, wire::encode_sync_request(request));
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.status().code() == StatusCode::kCorruption);
  const Status health = service.health();
  CHECK(health.code() == StatusCode::kUnavailable);
  CHECK_THAT(health.message(), Catch::Contains("damaged") && !Catch::Contains("malformed"));
}
