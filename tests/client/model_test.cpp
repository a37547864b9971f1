// AppModel as the views use it: commands applied in order on the model thread, snapshots,
// drafts kept in the replica, saving with field errors, conflicts and rejections.

#include "shared/crypto/key_pair.h"
#include "tests/client/model_fixture.h"
#include "tests/support/wall_clock.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;

namespace {

const std::string kPair2 = demo::kPair2;
const std::string kOtherMethodologist = "00000000-0000-7000-8000-000300000029";  // Мелков Станислав Ильич

json session(const std::string& topic) {
  return {{"pair_id", demo::kPair1}, {"mentor_id", demo::kTutor1}, {"mentees", {demo::kTeacher1}},
          {"date", "2027-01-12"},    {"format", "online"},          {"stage", "joint_analysis"},
          {"topic", topic}};
}

int64_t count(const DemoData& demo, const std::string& entity) {
  auto replica = demo.open();
  RecordQuery q;
  q.entity = entity;
  return replica.store->reader().count(q).value();
}

// A second methodologist's laptop whose clock runs ahead of this one's, so that its writes
// made concurrently with ours win, deterministically.
struct OtherLaptop {
  TempDir dir;
  ManualClock clock{system_wall_clock_ms() + 60'000};
  crypto::KeyPair key = crypto::KeyPair::generate();
  std::unique_ptr<LocalStore> store;

  OtherLaptop() {
    auto s = LocalStore::create(dir / "replica.db", key.id(), {clock.fn()});
    REQUIRE(s.ok());
    store = std::move(s).value();
    REQUIRE(store->set_actor(Actor{kOtherMethodologist, {"methodologist"}, ""}).ok());
  }
  // Everything it wrote, as it would arrive through a sync.
  std::vector<Op> ops() { return store->outbox().unsealed_ops(10'000).value(); }
};

}  // namespace

TEST_CASE("the first snapshot is there once the model is idle", "[model]") {
  DemoData demo;
  auto model = demo.model();
  const auto snap = model->snapshot();
  CHECK(snap->version >= 1);
  CHECK(snap->home.me.name == "Журналова Инна Валерьевна");
  CHECK(snap->pairs.size() == 5);
  CHECK(snap->selected_pair_id == snap->pairs.front().id);  // the card is never blank
  CHECK(snap->pair_card.pair.id == snap->pairs.front().id);
  CHECK(snap->selected_person_id == kDemoMethodologist);
  CHECK(snap->sessions.total == count(demo, "mentoring_session"));
  CHECK(snap->load_error.empty());
  CHECK(snap->feedback.sequence == 0);
}

TEST_CASE("commands are applied in the order posted and wait_idle sees every one", "[model]") {
  DemoData demo;
  auto model = demo.model();
  const uint64_t before = model->snapshot()->version;
  model->post(command::SaveDraft{"k", {{"topic", "first"}}});
  model->post(command::DiscardDraft{"k"});
  model->post(command::SaveDraft{"k", {{"topic", "second"}}});
  model->post(command::SetSessionFilter{{demo::kPair1, "", "", "", ""}});
  model->post(command::SetSessionFilter{{kPair2, "", "", "", "online"}});
  model->post(command::SelectPair{kPair2});
  model->post(command::SelectPerson{demo::kTeacher1b});
  model->wait_idle();

  const auto snap = model->snapshot();
  CHECK(snap->version > before);
  CHECK(snap->feedback.sequence == 7);
  REQUIRE(snap->drafts.count("k") == 1);
  CHECK(snap->drafts.at("k")["topic"] == "second");
  CHECK(snap->sessions.filter.pair_id == kPair2);
  CHECK(snap->sessions.filter.format == "online");
  int64_t online_in_pair2 = 0;
  for (const auto& r : all_records(*demo.open().store, "mentoring_session"))
    if (str(r, "pair_id") == kPair2 && str(r, "format") == "online") ++online_in_pair2;
  CHECK(snap->sessions.total == online_in_pair2);
  CHECK(snap->selected_pair_id == kPair2);
  CHECK(snap->pair_card.pair.id == kPair2);
  CHECK(snap->selected_person_id == demo::kTeacher1b);
  CHECK(snap->trend.person_id == demo::kTeacher1b);
  CHECK(snap->trend.dates.size() == 2);
  for (const auto& a : snap->assessments) CHECK(!a.record_id.empty());
}

TEST_CASE("drafts survive closing and reopening the model", "[model][drafts]") {
  DemoData demo;
  const json half = {{"topic", "Смысловое чтение — черновик"}, {"date", "2027-01-12"}};
  {
    auto model = demo.model();
    model->post(command::SaveDraft{"session.new", half});
    model->post(command::SaveDraft{"visit.new", {{"subject", "Физика"}}});
    model->post(command::DiscardDraft{"visit.new"});
    model->wait_idle();
  }  // closed as if the laptop's lid shut
  {
    auto model = demo.model();
    const auto snap = model->snapshot();
    REQUIRE(snap->drafts.count("session.new") == 1);
    CHECK(snap->drafts.at("session.new") == half);
    CHECK(snap->drafts.count("visit.new") == 0);

    json full = session("Смысловое чтение");
    model->post(command::SaveRecord{"mentoring_session", "", full, "session.new"});
    model->wait_idle();
    CHECK(model->snapshot()->feedback.ok);
    CHECK(model->snapshot()->drafts.empty());
  }
  CHECK(demo.model()->snapshot()->drafts.empty());
}

TEST_CASE("saving a record: field errors write nothing, a valid one is listed and recent", "[model][save]") {
  DemoData demo;
  auto model = demo.model();
  const auto before = model->snapshot();

  json bad = session("");
  bad.erase("topic");
  bad["date"] = "2027-13-40";
  bad["satisfaction"] = 9;
  model->post(command::SaveRecord{"mentoring_session", "", bad, "session.form"});
  model->wait_idle();
  auto snap = model->snapshot();
  CHECK_FALSE(snap->feedback.ok);
  CHECK(snap->feedback.form == "session.form");
  CHECK(snap->feedback.created_id.empty());
  std::set<std::pair<std::string, std::string>> errors;
  for (const auto& e : snap->feedback.field_errors) errors.emplace(e.field, e.key);
  CHECK(errors.count({"topic", "validation.required"}) == 1);
  CHECK(errors.count({"date", "validation.date_format"}) == 1);
  CHECK(errors.count({"satisfaction", "validation.range"}) == 1);
  CHECK(snap->sessions.total == before->sessions.total);
  CHECK(snap->home.pending_ops == before->home.pending_ops);
  CHECK(count(demo, "mentoring_session") == before->sessions.total);

  model->post(command::SaveRecord{"mentoring_session", "", session("Совместный анализ урока"), ""});
  model->wait_idle();
  snap = model->snapshot();
  REQUIRE(snap->feedback.ok);
  CHECK(snap->feedback.form == "save_record");
  const std::string id = snap->feedback.created_id;
  CHECK(snap->sessions.total == before->sessions.total + 1);
  CHECK(snap->home.pending_ops == before->home.pending_ops + 1);
  REQUIRE(!snap->home.recent.empty());
  CHECK(snap->home.recent.front().record_id == id);
  CHECK(snap->home.recent.front().title == "Совместный анализ урока");

  model->post(command::SaveRecord{"mentoring_session", id, {{"notes", "Обсудили"}, {"topic", "Анализ"}}, ""});
  model->post(command::DeleteRecord{id});
  model->wait_idle();
  snap = model->snapshot();
  CHECK(snap->feedback.ok);
  CHECK(snap->feedback.form == "delete_record");
  CHECK(snap->sessions.total == before->sessions.total);
}

TEST_CASE("a self-assessment saved through the model is completed and scored", "[model][save][assessment]") {
  TempDir dir;
  DataDir data_dir(dir / "data");
  REQUIRE(data_dir.initialise(Actor{demo::kTeacher1, {"teacher"}, demo::kSchool1}).ok());
  auto opened = AppModel::open(data_dir, model_options());
  REQUIRE(opened.ok());
  auto& model = **opened;
  json answers = json::object();
  for (const auto& item : model.instruments().latest("teacher_deficits")->items)
    answers[item.id] = item.area == "modern_lesson" ? 0 : 2;
  model.post(command::SaveRecord{"self_assessment", "", {{"instrument_id", "teacher_deficits"}, {"date", "2027-01-18"}, {"answers", answers}}, ""});
  model.wait_idle();
  const auto snap = model.snapshot();
  REQUIRE(snap->feedback.ok);
  auto replica = data_dir.open();
  const Record r = replica->store->reader().get(snap->feedback.created_id).value();
  CHECK(r.data["instrument_version"] == 2);                // the latest version
  CHECK(r.data["person_id"] == demo::kTeacher1);            // about the one who fills it in
  CHECK(r.data["deficits"] == json::array({"modern_lesson"}));
  REQUIRE(snap->assessments.size() == 1);
  CHECK(snap->trend.dates == std::vector<std::string>{"2027-01-18"});

  answers["modern_lesson_1"] = 7;  // outside the scale
  model.post(command::SaveRecord{"self_assessment", "", {{"instrument_id", "teacher_deficits"}, {"date", "2027-02-18"}, {"answers", answers}}, ""});
  model.wait_idle();
  CHECK_FALSE(model.snapshot()->feedback.ok);
  CHECK_FALSE(model.snapshot()->feedback.field_errors.empty());
  CHECK(model.snapshot()->assessments.size() == 1);
}

TEST_CASE("concurrent edits show as conflicts; acknowledge keeps theirs, re-apply writes mine", "[model][conflict]") {
  DemoData demo;
  OtherLaptop other;
  std::string a, b, deleted;
  {
    auto mine = demo.open();
    LocalStore& store = *mine.store;
    a = other.store->create_record("mentoring_session", session("Общая тема А")).value();
    b = other.store->create_record("mentoring_session", session("Общая тема Б")).value();
    deleted = other.store->create_record("mentoring_session", session("Будет удалена")).value();
    REQUIRE(store.merge_remote(other.ops()).ok());
    // Both edit the same fields without seeing each other's edit; the other laptop's
    // later stamps win.
    REQUIRE(store.update_record(a, {{"topic", "Моя тема А"}}).ok());
    REQUIRE(store.update_record(b, {{"topic", "Моя тема Б"}}).ok());
    REQUIRE(store.update_record(deleted, {{"notes", "Мои заметки"}}).ok());
    other.clock.advance(1000);
    REQUIRE(other.store->update_record(a, {{"topic", "Их тема А"}}).ok());
    REQUIRE(other.store->update_record(b, {{"topic", "Их тема Б"}}).ok());
    REQUIRE(other.store->delete_record(deleted).ok());
    auto merged = store.merge_remote(other.ops());
    REQUIRE(merged.ok());
    REQUIRE(merged->new_conflicts == 3);
  }
  auto model = demo.model();
  auto snap = model->snapshot();
  REQUIRE(snap->sync.conflicts.size() == 3);
  CHECK(snap->home.open_conflicts == 3);
  auto find = [&](const std::string& id) {
    for (const auto& c : model->snapshot()->sync.conflicts)
      if (c.record_id == id) return c;
    FAIL("no conflict for " << id);
    return view::ConflictView{};
  };
  const auto ca = find(a);
  CHECK(ca.entity == "mentoring_session");
  CHECK(ca.field == "topic");
  CHECK(ca.kind == "concurrent_write");
  CHECK(ca.your_value == json("Моя тема А").dump());
  CHECK(ca.their_value == json("Их тема А").dump());
  CHECK(ca.their_author_name == "Мелков Станислав Ильич");
  CHECK(ca.your_author_name == "Журналова Инна Валерьевна");
  CHECK(ca.mine_lost);
  CHECK(ca.title == "Их тема А");
  const auto cd = find(deleted);
  CHECK(cd.field == "*");
  CHECK(cd.kind == "edit_of_deleted");

  SECTION("acknowledging keeps the winning value") {
    model->post(command::AcknowledgeConflict{a, ca.field, ca.loser_hlc, ca.winner_hlc});
    model->wait_idle();
    snap = model->snapshot();
    CHECK(snap->feedback.ok);
    CHECK(snap->sync.conflicts.size() == 2);
    CHECK(snap->home.open_conflicts == 2);
    CHECK(str(demo.open().store->reader().get(a).value(), "topic") == "Их тема А");
  }
  SECTION("re-applying writes the lost value again as a new edit") {
    const int64_t pending = snap->home.pending_ops;
    model->post(command::ReapplyConflict{a, ca.field, ca.loser_hlc, ca.winner_hlc});
    model->wait_idle();
    snap = model->snapshot();
    CHECK(snap->feedback.ok);
    CHECK(snap->feedback.form == "reapply_conflict");
    CHECK(snap->sync.conflicts.size() == 2);
    CHECK(snap->home.pending_ops == pending + 1);  // it travels to the others with the next sync
    CHECK(str(demo.open().store->reader().get(a).value(), "topic") == "Моя тема А");
  }
  SECTION("an edit of a deleted record cannot be re-applied, and says why") {
    model->post(command::ReapplyConflict{deleted, cd.field, cd.loser_hlc, cd.winner_hlc});
    model->wait_idle();
    snap = model->snapshot();
    CHECK_FALSE(snap->feedback.ok);
    CHECK(snap->feedback.message ==
          Message(msg::kConflictDeletedBy).with("name", std::string("Мелков Станислав Ильич")));
    CHECK(snap->sync.conflicts.size() == 3);  // still there until acknowledged
    CHECK(demo.open().store->reader().get(deleted)->deleted);
  }
}

TEST_CASE("refused ops are listed until acknowledged, also after reopening", "[model][rejection]") {
  DemoData demo;
  std::string record;
  {
    auto mine = demo.open();
    const Op op = mine.store->outbox().unsealed_ops(1).value().at(0);
    record = op.id;
    REQUIRE(mine.store->record_rejections({Rejection{op.hlc.str(), "", "", "out_of_scope", "the pair is not one you work with", 0, false}}).ok());
  }
  {
    auto model = demo.model();
    auto snap = model->snapshot();
    REQUIRE(snap->sync.rejections.size() == 1);
    CHECK(snap->home.open_rejections == 1);
    const auto& r = snap->sync.rejections[0];
    CHECK(r.record_id == record);
    CHECK(r.code == "out_of_scope");
    CHECK(r.message == "the pair is not one you work with");
    CHECK(r.entity == demo.open().store->reader().get(record)->entity);
    model->post(command::AcknowledgeRejections{});
    model->wait_idle();
    snap = model->snapshot();
    CHECK(snap->feedback.ok);
    CHECK(snap->sync.rejections.empty());
    CHECK(snap->home.open_rejections == 0);
  }
  CHECK(demo.model()->snapshot()->sync.rejections.empty());
}

TEST_CASE("asking for the device list on a device that is not enrolled says so", "[model]") {
  DemoData demo;
  auto model = demo.model();
  model->post(command::RefreshDevices{});
  model->wait_idle();
  const auto snap = model->snapshot();
  CHECK_FALSE(snap->feedback.ok);
  CHECK(snap->feedback.form == "refresh_devices");
  CHECK(snap->feedback.message.key == "ui.municipality.devices_error.not_enrolled");
  CHECK(snap->municipality.devices_error == "not_enrolled");
  CHECK(snap->municipality.devices.empty());
}

TEST_CASE("instrument texts follow the chosen language", "[model]") {
  DemoData demo;
  auto model = demo.model();
  model->post(command::SelectPerson{demo::kTeacher1});
  model->wait_idle();
  const auto ru = model->snapshot();
  model->post(command::SetLanguage{"en"});
  model->wait_idle();
  const auto en = model->snapshot();
  REQUIRE(!ru->trend.area_titles.empty());
  CHECK(en->language == "en");
  CHECK(ru->trend.area_titles != en->trend.area_titles);
  CHECK(en->municipality.heatmap.area_titles == en->trend.area_titles);
  CHECK(ru->trend.means.size() == en->trend.means.size());
}

TEST_CASE("lists follow local writes in the replica's own order", "[model][save]") {
  DemoData demo;
  auto model = demo.model();
  // A date other sessions have too (ties go by id), a new latest date, a moved date and a
  // deletion: the cached list must match what the replica lists.
  json same_day = session("В тот же день");
  same_day["date"] = "2026-10-08";
  json latest = session("Самая поздняя");
  latest["date"] = "2027-06-30";
  model->post(command::SaveRecord{"mentoring_session", "", same_day, ""});
  model->post(command::SaveRecord{"mentoring_session", "", latest, ""});
  model->wait_idle();
  const std::string latest_id = model->snapshot()->feedback.created_id;
  const auto some = model->snapshot()->sessions.rows.at(7).id;
  model->post(command::SaveRecord{"mentoring_session", some, {{"date", "2026-09-01"}}, ""});
  model->post(command::DeleteRecord{model->snapshot()->sessions.rows.at(3).id});
  model->wait_idle();

  const auto snap = model->snapshot();
  CHECK(snap->sessions.rows.front().id == latest_id);
  std::vector<std::string> listed, stored;
  for (const auto& row : snap->sessions.rows) listed.push_back(row.id);
  for (const auto& r : all_records(*demo.open().store, "mentoring_session")) stored.push_back(r.id);
  CHECK(listed == stored);
}
