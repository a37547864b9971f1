#include <catch2/catch.hpp>

#include "client/store/local_store.h"
#include "shared/crypto/key_pair.h"
#include "shared/domain/write_policy.h"
#include "shared/ops/changeset.h"
#include "shared/sqlite/stored_op_body.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wall_clock.h"

using namespace nastavnik;
using nlohmann::json;

namespace {

const std::string kTutor = "00000000-0000-7000-8000-000300000010";
const std::string kTeacher = "00000000-0000-7000-8000-000300000011";
const std::string kOtherTeacher = "00000000-0000-7000-8000-000300000012";
const std::string kPair = "00000000-0000-7000-8000-000400000001";

struct Fixture {
  testing::TempDir dir;
  testing::ManualClock clock;
  crypto::KeyPair key = crypto::KeyPair::generate();
  std::unique_ptr<LocalStore> store;

  explicit Fixture(const std::string& person = kTutor, std::set<std::string> roles = {"tutor"}) {
    auto s = LocalStore::create(dir / "replica.db", key.id(), {clock.fn()});
    REQUIRE(s.ok());
    store = std::move(s).value();
    REQUIRE(store->set_actor(Actor{person, std::move(roles), ""}).ok());
  }

  std::string add_session(const std::string& date, const std::string& topic,
                          json mentees = json::array({kTeacher})) {
    clock.advance(1000);
    auto id = store->create_record("mentoring_session", {{"mentor_id", kTutor}, {"pair_id", kPair},
                                                         {"date", date}, {"format", "offline"},
                                                         {"stage", "theory"}, {"topic", topic},
                                                         {"mentees", mentees}});
    REQUIRE(id.ok());
    return *id;
  }

  int64_t count(RecordQuery q) {
    auto n = store->reader().count(q);
    REQUIRE(n.ok());
    return *n;
  }
};

RecordQuery sessions() {
  RecordQuery q;
  q.entity = "mentoring_session";
  return q;
}

}  // namespace

TEST_CASE("create, edit and delete a session", "[store]") {
  Fixture f;
  const std::string id = f.add_session("2026-11-20", "Смысловое чтение «на практике» — №1");
  auto rec = f.store->reader().get(id);
  REQUIRE(rec.ok());
  CHECK(rec->entity == "mentoring_session");
  CHECK(rec->data["topic"] == "Смысловое чтение «на практике» — №1");
  CHECK(rec->data["created_by"] == kTutor);
  CHECK(rec->data["mentees"] == json::array({kTeacher}));

  REQUIRE(f.store->update_record(id, {{"notes", "Договорились о пробном уроке"}, {"mentees", {kTeacher, kOtherTeacher}}}).ok());
  rec = f.store->reader().get(id);
  CHECK(rec->data["notes"] == "Договорились о пробном уроке");
  CHECK(rec->data["mentees"].size() == 2);

  REQUIRE(f.store->update_record(id, {{"notes", nullptr}}).ok());
  CHECK_FALSE(f.store->reader().get(id)->data.contains("notes"));

  REQUIRE(f.store->delete_record(id).ok());
  CHECK(f.store->reader().get(id)->deleted);
  CHECK(f.count(sessions()) == 0);
  CHECK(f.store->update_record(id, {{"notes", "x"}}).code() == StatusCode::kFailedPrecondition);
  CHECK(f.store->delete_record(id).code() == StatusCode::kFailedPrecondition);
}

TEST_CASE("every write lands with its op-log entry", "[store]") {
  Fixture f;
  const std::string id = f.add_session("2026-11-20", "Тема");
  REQUIRE(f.store->update_record(id, {{"topic", "Тема 2"}}).ok());
  REQUIRE(f.store->update_record(id, {{"topic", "Тема 2"}}).ok());  // no change: no op
  REQUIRE(f.store->delete_record(id).ok());
  auto pending = f.store->outbox().pending();
  REQUIRE(pending.ok());
  CHECK(pending->unsealed_ops == 3);
  auto ops = f.store->outbox().unsealed_ops(100);
  REQUIRE(ops.ok());
  REQUIRE(ops->size() == 3);
  CHECK((*ops)[1].bases.at("topic") == (*ops)[0].hlc);  // the edit names what it replaced
  CHECK((*ops)[2].kind == OpKind::kDelete);
}

TEST_CASE("invalid writes are refused and change nothing", "[store]") {
  Fixture f;
  std::vector<FieldError> errors;
  auto id = f.store->create_record("mentoring_session", {{"topic", "x"}, {"satisfaction", 9}}, &errors);
  CHECK(id.status().code() == StatusCode::kInvalidArgument);
  CHECK(errors.size() >= 4);
  CHECK(f.store->create_record("no_such_thing", json::object()).status().code() == StatusCode::kInvalidArgument);
  CHECK(f.store->create_record("mentoring_session", {{"created_by", kTeacher}}).status().code() ==
        StatusCode::kInvalidArgument);
  const std::string good = f.add_session("2026-11-20", "Тема");
  CHECK(f.store->update_record(good, {{"date", "yesterday"}}).code() == StatusCode::kInvalidArgument);
  CHECK(f.store->update_record("00000000-0000-7000-8000-00000000dead", {{"topic", "x"}}).code() ==
        StatusCode::kNotFound);
  CHECK(f.store->outbox().pending()->unsealed_ops == 1);
  CHECK(f.store->reader().get(good)->data["date"] == "2026-11-20");
}

TEST_CASE("only the author edits a session; only methodologists write the registry", "[store]") {
  Fixture f;
  const std::string id = f.add_session("2026-11-20", "Тема");
  REQUIRE(f.store->set_actor(Actor{kTeacher, {"teacher"}, ""}).ok());
  CHECK(f.store->update_record(id, {{"topic", "Чужая правка"}}).code() == StatusCode::kPermissionDenied);
  CHECK(f.store->delete_record(id).code() == StatusCode::kPermissionDenied);
  CHECK(f.store->create_record("school", {{"municipality_id", kPair}, {"name", "МОУ «Школа №1»"}}).status().code() ==
        StatusCode::kPermissionDenied);
  // The refusal also comes as a catalog key, so that the window says why in its language.
  std::vector<FieldError> errors;
  CHECK(f.store->update_record(id, {{"topic", "Чужая правка"}}, &errors).code() == StatusCode::kPermissionDenied);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].field.empty());
  CHECK(errors[0].key == std::string("write.refused.") + kRefusedAuthorOnly);
  errors.clear();
  CHECK(f.store->create_record("school", {{"municipality_id", kPair}, {"name", "МОУ «Школа №2»"}}, &errors)
            .status()
            .code() == StatusCode::kPermissionDenied);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == std::string("write.refused.") + kRefusedRegistry);
  CHECK(f.store->reader().get(id)->data["topic"] == "Тема");
  REQUIRE(f.store->set_actor(Actor{kTutor, {"methodologist"}, ""}).ok());
  CHECK(f.store->create_record("school", {{"municipality_id", kPair}, {"name", "МОУ «Школа №1»"}}).ok());
}

TEST_CASE("list queries by person, pair, date range, with paging", "[store]") {
  Fixture f;
  for (int day = 1; day <= 30; ++day) {
    char date[16];
    std::snprintf(date, sizeof date, "2026-11-%02d", day);
    f.add_session(date, "Занятие " + std::to_string(day),
                  day % 3 == 0 ? json::array({kOtherTeacher}) : json::array({kTeacher}));
  }
  CHECK(f.count(sessions()) == 30);
  RecordQuery by_person = sessions();
  by_person.person_id = kOtherTeacher;
  CHECK(f.count(by_person) == 10);
  by_person.person_id = kTutor;  // the mentor is a person field too
  CHECK(f.count(by_person) == 30);
  RecordQuery by_pair = sessions();
  by_pair.pair_id = kPair;
  CHECK(f.count(by_pair) == 30);
  by_pair.pair_id = kTeacher;
  CHECK(f.count(by_pair) == 0);
  RecordQuery range = sessions();
  range.date_from = "2026-11-10";
  range.date_to = "2026-11-19";
  CHECK(f.count(range) == 10);

  RecordQuery page = sessions();
  page.limit = 7;
  std::vector<std::string> dates;
  for (page.offset = 0;; page.offset += page.limit) {
    auto rows = f.store->reader().list(page);
    REQUIRE(rows.ok());
    if (rows->empty()) break;
    for (const auto& r : *rows) dates.push_back(r.data["date"]);
  }
  REQUIRE(dates.size() == 30);
  CHECK(dates.front() == "2026-11-30");  // newest first
  CHECK(dates.back() == "2026-11-01");
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
}

TEST_CASE("pending ops are sealed into a signed chain and acknowledged", "[store]") {
  Fixture f;
  for (int i = 0; i < 5; ++i) f.add_session("2026-11-20", "Тема " + std::to_string(i));
  auto first = f.store->seal_pending(f.key, 3);
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  auto second = f.store->seal_pending(f.key, 3);
  REQUIRE(second->has_value());
  CHECK_FALSE(f.store->seal_pending(f.key, 3)->has_value());  // nothing left

  auto pending = f.store->outbox().pending();
  CHECK(pending->unsealed_ops == 0);
  CHECK(pending->unacked_changesets == 2);
  CHECK(pending->ops_in_unacked == 5);

  auto frames = ChangesetCodec::unframe((*first)->frame + (*second)->frame);
  REQUIRE(frames.ok());
  uint64_t last_seq = 0;
  std::string last_hash;
  for (const auto& sealed : *frames) {
    REQUIRE(ChangesetCodec::verify(sealed, f.key.public_key).ok());
    auto cs = ChangesetCodec::decode_payload(sealed.payload);
    REQUIRE(cs.ok());
    REQUIRE(ChangesetCodec::check_chain(cs->header, last_seq, last_hash).ok());
    last_seq = cs->header.seq;
    last_hash = sealed.hash();
  }
  REQUIRE(f.store->mark_acked(1).ok());
  CHECK(f.store->outbox().pending()->unacked_changesets == 1);
  CHECK(f.store->mark_acked(7).code() == StatusCode::kNotFound);
  const auto other = crypto::KeyPair::generate();
  CHECK(f.store->seal_pending(other, 3).status().code() == StatusCode::kFailedPrecondition);
}

TEST_CASE("remote ops merge, duplicates are harmless, future stamps are flagged", "[store]") {
  Fixture a;
  Fixture b(kTeacher, {"methodologist"});
  const std::string id = a.add_session("2026-11-20", "Тема");
  auto ops = a.store->outbox().unsealed_ops(100);
  REQUIRE(ops.ok());
  auto report = b.store->merge_remote(*ops);
  REQUIRE(report.ok());
  CHECK(report->applied == 1);
  report = b.store->merge_remote(*ops);
  CHECK(report->duplicates == 1);
  CHECK(b.store->reader().get(id)->data["topic"] == "Тема");
  CHECK(b.store->outbox().pending()->unsealed_ops == 0);  // remote ops are not ours to send

  Op future = (*ops)[0];
  future.hlc.ms += 30ULL * 24 * 3600 * 1000;
  future.fields = {{"topic", "Из будущего"}};
  future.added.clear();
  report = b.store->merge_remote({future});
  REQUIRE(report.ok());
  CHECK(report->flagged_future == 1);
  CHECK(b.store->outbox().pending()->flagged_ops == 1);
  b.clock.advance(1);
  REQUIRE(b.store->update_record(id, {{"notes", "после"}}).ok());
  auto own = b.store->outbox().unsealed_ops(10);
  REQUIRE(own->size() == 1);
  CHECK((*own)[0].hlc.ms < future.hlc.ms);  // the local clock was not dragged forward
}

TEST_CASE("a malformed remote batch changes nothing", "[store]") {
  Fixture a;
  Fixture b(kTeacher, {"methodologist"});
  a.add_session("2026-11-20", "Тема 1");
  a.add_session("2026-11-21", "Тема 2");
  auto ops = a.store->outbox().unsealed_ops(100).value();
  ops[1].fields["satisfaction"] = "very";
  CHECK(b.store->merge_remote(ops).status().code() == StatusCode::kInvalidArgument);
  CHECK(b.count(sessions()) == 0);
}

TEST_CASE("the replica reopens with its identity and clock", "[store]") {
  testing::TempDir dir;
  testing::ManualClock clock;
  const auto key = crypto::KeyPair::generate();
  Hlc last;
  {
    auto s = LocalStore::create(dir / "r.db", key.id(), {clock.fn()});
    REQUIRE(s.ok());
    REQUIRE((*s)->set_actor(Actor{kTutor, {"tutor", "teacher"}, kPair}).ok());
    REQUIRE((*s)->create_record("mentoring_session", {{"mentor_id", kTutor}, {"date", "2026-11-20"}, {"format", "online"},
                                                      {"stage", "theory"}, {"topic", "Т"}}).ok());
    last = (*s)->outbox().unsealed_ops(1).value()[0].hlc;
  }
  clock.advance(-60'000);
  auto s = LocalStore::open(dir / "r.db", {clock.fn()});
  REQUIRE(s.ok());
  CHECK((*s)->device_id() == key.id());
  CHECK((*s)->actor().person_id == kTutor);
  CHECK((*s)->actor().roles == std::set<std::string>{"teacher", "tutor"});
  REQUIRE((*s)->create_record("mentoring_session", {{"mentor_id", kTutor}, {"date", "2026-11-21"}, {"format", "online"},
                                                    {"stage", "theory"}, {"topic", "Т2"}}).ok());
  auto ops = (*s)->outbox().unsealed_ops(10).value();
  REQUIRE(ops.size() == 2);
  CHECK(ops[1].hlc > last);
  CHECK(LocalStore::create(dir / "r.db", key.id()).status().code() == StatusCode::kFailedPrecondition);
}

TEST_CASE("a batch of records is written in one go, or not at all", "[store]") {
  Fixture f;
  auto fields = [](const std::string& topic) {
    return json{{"mentor_id", kTutor}, {"pair_id", kPair},  {"date", "2026-11-20"},
                {"format", "offline"}, {"stage", "theory"}, {"topic", topic}};
  };
  const std::string fixed = "00000000-0000-7000-8000-0000000000b1";

  SECTION("all valid: every record and its op are there, ids in order") {
    auto ids = f.store->create_records({{"mentoring_session", "", fields("Первая")},
                                        {"mentoring_session", fixed, fields("Вторая")},
                                        {"mentoring_session", "", fields("Третья")}});
    REQUIRE(ids.ok());
    REQUIRE(ids->size() == 3);
    CHECK(ids->at(1) == fixed);
    CHECK(f.count(sessions()) == 3);
    CHECK(f.store->reader().get(ids->at(2))->data["topic"] == "Третья");
    CHECK(f.store->reader().get(fixed)->data["created_by"] == kTutor);
    auto ops = f.store->outbox().unsealed_ops(10).value();
    REQUIRE(ops.size() == 3);
    CHECK(ops[0].hlc < ops[1].hlc);
    CHECK(ops[1].hlc < ops[2].hlc);
  }
  SECTION("one invalid record: its field errors, nothing written") {
    std::vector<FieldError> errors;
    json bad = fields("");
    bad.erase("topic");
    auto ids = f.store->create_records({{"mentoring_session", "", fields("Первая")}, {"mentoring_session", "", bad}},
                                       &errors);
    CHECK(ids.status().code() == StatusCode::kInvalidArgument);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "topic");
    CHECK(f.count(sessions()) == 0);
    CHECK(f.store->outbox().pending()->unsealed_ops == 0);
  }
  SECTION("an id given twice or already taken is a conflict, nothing written") {
    CHECK(f.store->create_records({{"mentoring_session", fixed, fields("А")}, {"mentoring_session", fixed, fields("Б")}})
              .status()
              .code() == StatusCode::kConflict);
    CHECK(f.count(sessions()) == 0);
    REQUIRE(f.store->put_record("mentoring_session", fixed, fields("А")).ok());
    CHECK(f.store->create_records({{"mentoring_session", "", fields("Б")}, {"mentoring_session", fixed, fields("В")}})
              .status()
              .code() == StatusCode::kConflict);
    CHECK(f.count(sessions()) == 1);
  }
  SECTION("the actor's rights apply to each record") {
    Fixture teacher(kTeacher, {"teacher"});
    auto ids = teacher.store->create_records({{"pair", "", {{"low_school_id", kPair}, {"partner_school_id", kPair}}}});
    CHECK(ids.status().code() == StatusCode::kPermissionDenied);
    RecordQuery pairs;
    pairs.entity = "pair";
    CHECK(teacher.count(pairs) == 0);
  }
}

TEST_CASE("a registry record that other records name is not deleted", "[store][registry]") {
  const std::string kMethodologist = "00000000-0000-7000-8000-000300000099";
  Fixture f(kMethodologist, {"methodologist"});
  auto school = f.store->create_record("school", {{"municipality_id", kPair}, {"name", "МОУ «Школа № 3» — филиал"}});
  REQUIRE(school.ok());
  auto teacher = f.store->create_record(
      "person", {{"full_name", "Иванова Анна Петровна"}, {"school_id", *school}, {"roles", {"teacher"}}});
  REQUIRE(teacher.ok());
  auto session = f.store->create_record("mentoring_session", {{"mentor_id", kMethodologist}, {"pair_id", kPair},
                                                              {"date", "2026-11-20"}, {"format", "offline"},
                                                              {"stage", "theory"}, {"topic", "Тема"},
                                                              {"mentees", {*teacher}}});
  REQUIRE(session.ok());
  const int64_t ops_before = f.store->outbox().pending()->unsealed_ops;

  std::vector<FieldError> errors;
  const Status refused = f.store->delete_record(*school, &errors);
  CHECK(refused.code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(refused.message(), Catch::Contains("1 person"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "validation.still_referenced");
  CHECK(errors[0].params.at("count") == "1");
  CHECK(f.store->delete_record(*teacher).code() == StatusCode::kFailedPrecondition);  // named as a mentee
  CHECK(f.store->outbox().pending()->unsealed_ops == ops_before);  // nothing written
  CHECK_FALSE(f.store->reader().get(*school)->deleted);

  // Once nothing names them they go, the person first.
  REQUIRE(f.store->delete_record(*session).ok());
  REQUIRE(f.store->delete_record(*teacher).ok());
  REQUIRE(f.store->delete_record(*school).ok());
  CHECK(f.store->reader().get(*school)->deleted);
}

TEST_CASE("sealed changesets are kept gzipped; frames kept plain by an older version still send", "[store]") {
  Fixture f;
  const std::string topic = "Смысловое чтение в 5 «Б» классе, школа № 2";
  for (int i = 0; i < 40; ++i) f.add_session("2026-11-20", topic);
  auto sealed = f.store->seal_pending(f.key, 100);
  REQUIRE(sealed.ok());
  REQUIRE(sealed->has_value());
  const std::string frame = (*sealed)->frame;

  auto opened = sql::Database::open(f.dir / "replica.db", sql::Database::Mode::kOpenExisting);
  REQUIRE(opened.ok());
  sql::Database& raw = **opened;
  auto stored = raw.prepare("SELECT frame FROM changesets WHERE seq = 1");
  REQUIRE(stored.ok());
  REQUIRE(*stored->step());
  const std::string kept = stored->blob(0);
  CHECK(kept.size() < frame.size() / 4);  // forty sessions alike: the repeats fold away
  CHECK(kept.substr(0, 2) == "\x1f\x8b");  // a gzip stream
  CHECK(kept.find("Смысловое") == std::string::npos);

  auto unacked = f.store->outbox().unacked();
  REQUIRE(unacked.ok());
  REQUIRE(unacked->size() == 1);
  CHECK((*unacked)[0].frame == frame);  // byte for byte what was signed

  SECTION("a frame stored as it travels is read as it is") {
    auto plain = raw.prepare("UPDATE changesets SET frame = ? WHERE seq = 1");
    REQUIRE(plain.ok());
    REQUIRE(plain->bind_blob(1, frame).run().ok());
    unacked = f.store->outbox().unacked();
    REQUIRE(unacked.ok());
    CHECK((*unacked)[0].frame == frame);
  }
  SECTION("a damaged stored frame is reported, never sent") {
    std::string damaged = kept;
    damaged[damaged.size() / 2] ^= 0x55;
    auto scribble = raw.prepare("UPDATE changesets SET frame = ? WHERE seq = 1");
    REQUIRE(scribble.ok());
    REQUIRE(scribble->bind_blob(1, damaged).run().ok());
    unacked = f.store->outbox().unacked();
    REQUIRE_FALSE(unacked.ok());
    CHECK(unacked.status().code() == StatusCode::kCorruption);
    CHECK_THAT(unacked.status().message(), Catch::Contains("stored changeset is damaged"));
  }
}

TEST_CASE("op bodies are kept deflated; bodies kept as text by an older version still read", "[store]") {
  Fixture f;
  const std::string topic = "Смысловое чтение: приёмы «до, во время, после» — школа № 2";
  const std::string id = f.add_session("2026-11-20", topic);
  REQUIRE(f.store->update_record(id, {{"notes", "Ученики 5 «Б» работали в парах — договорились о взаимопосещении"}}).ok());

  auto opened = sql::Database::open(f.dir / "replica.db", sql::Database::Mode::kOpenExisting);
  REQUIRE(opened.ok());
  sql::Database& raw = **opened;
  const auto stored_body = [&](const std::string& sql) {
    auto st = raw.prepare(sql);
    REQUIRE(st.ok());
    REQUIRE(*st->step());
    return st->blob(0);
  };
  const std::string kept = stored_body("SELECT body FROM ops ORDER BY hlc LIMIT 1");
  CHECK(kept[0] == '\x01');  // the version of the dictionary it was deflated with
  CHECK(kept.find("Смысловое") == std::string::npos);
  auto body = unpack_op_body(kept);
  REQUIRE(body.ok());
  CHECK(kept.size() < body->size() * 7 / 10);
  auto op = op_from_json(json::parse(*body));
  REQUIRE(op.ok());
  CHECK(op->fields.at("topic") == topic);

  // The history is read back from the bodies: what will be sent, and what a remote write of
  // the same field is compared with.
  auto unsealed = f.store->outbox().unsealed_ops(10);
  REQUIRE(unsealed.ok());
  REQUIRE(unsealed->size() == 2);
  CHECK(unsealed->front().fields.at("topic") == topic);

  SECTION("a body kept as text is read as it is, and the same op again is no conflict") {
    auto plain = raw.prepare("UPDATE ops SET body = ? WHERE hlc = ?");
    REQUIRE(plain.ok());
    REQUIRE(plain->bind(1, *body).bind(2, op->hlc.str()).run().ok());
    unsealed = f.store->outbox().unsealed_ops(10);
    REQUIRE(unsealed.ok());
    CHECK(unsealed->front().fields.at("topic") == topic);
    auto again = f.store->merge_remote({*op});
    REQUIRE(again.ok());
  }
  SECTION("a damaged body is reported, never sent or merged into") {
    std::string damaged = kept;
    damaged[damaged.size() / 2] ^= 0x55;
    auto scribble = raw.prepare("UPDATE ops SET body = ? WHERE hlc = ?");
    REQUIRE(scribble.ok());
    REQUIRE(scribble->bind_blob(1, damaged).bind(2, op->hlc.str()).run().ok());
    unsealed = f.store->outbox().unsealed_ops(10);
    REQUIRE_FALSE(unsealed.ok());
    CHECK(unsealed.status().code() == StatusCode::kCorruption);
    CHECK_THAT(unsealed.status().message(), Catch::Contains("op of the log is damaged"));
  }
  SECTION("bytes of a newer version are refused, not guessed at") {
    std::string newer = kept;
    newer[0] = '\x02';
    CHECK(unpack_op_body(newer).status().code() == StatusCode::kCorruption);
  }
}
