// Editing existing records through the model as the forms do it: OpenRecord loads the
// stored fields, record_changes() picks what the form changed, SaveRecord writes it as an
// update, DeleteRecord removes it; and the registry lists the forms open records from.

#include <map>

#include "client/model/record_changes.h"
#include "tests/client/model_fixture.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;

namespace {

std::shared_ptr<const AppSnapshot> open_record(AppModel& model, const std::string& id) {
  model.post(command::OpenRecord{id});
  model.wait_idle();
  return model.snapshot();
}

const view::SessionRow* session_row(const AppSnapshot& snap, const std::string& id) {
  for (const auto& r : snap.sessions.rows)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("record_changes: changed fields, null for cleared ones, nothing when equal", "[model][edit]") {
  const json base = {
      {"topic", "Старая тема"}, {"notes", "заметки"}, {"mentees", {"a", "b"}}, {"duration_min", 60}};
  CHECK(model::record_changes(base, base).empty());
  json edited = base;
  edited["topic"] = "Новая тема";
  edited.erase("notes");
  edited["mentees"] = {"a"};
  edited["next_date"] = "2027-02-01";
  CHECK(model::record_changes(base, edited) ==
        json({{"topic", "Новая тема"}, {"notes", nullptr}, {"mentees", {"a"}}, {"next_date", "2027-02-01"}}));
  CHECK(model::record_changes(json::array(), edited).empty());  // not a form: nothing to send
}

TEST_CASE("a session opened for editing has its stored fields; saving the changes updates only them",
          "[model][edit][sessions]") {
  DemoData demo;
  auto model = demo.model();
  auto snap = model->snapshot();
  REQUIRE(!snap->sessions.rows.empty());
  CHECK(snap->opened_record.id.empty());
  const view::SessionRow row = snap->sessions.rows[snap->sessions.rows.size() / 2];

  snap = open_record(*model, row.id);
  const view::OpenedRecord& opened = snap->opened_record;
  REQUIRE(opened.found);
  CHECK(opened.id == row.id);
  CHECK(opened.entity == "mentoring_session");
  CHECK(opened.fields.value("topic", "") == row.topic);
  CHECK(opened.fields.value("date", "") == row.date);
  CHECK(opened.fields.value("stage", "") == row.stage);
  CHECK(opened.fields["mentees"].size() == static_cast<size_t>(row.mentees));
  const json stored = opened.fields;

  // The form changes the topic and clears the notes; the edit's draft is kept meanwhile.
  json base = stored;
  base.erase(kCreatedByField);
  json edited = base;
  edited["topic"] = "Разбор пробного урока (исправлено)";
  edited["notes"] = "дополнено после встречи";
  edited.erase("agreed_actions");
  const json changes = model::record_changes(base, edited);
  CHECK(changes.size() == (base.contains("agreed_actions") ? 3u : 2u));
  model->post(
      command::SaveDraft{"form.session_edit", {{"record_id", row.id}, {"base", base}, {"fields", edited}}});
  model->wait_idle();
  CHECK(model->snapshot()->drafts.count("form.session_edit") == 1);

  model->post(command::SaveRecord{"mentoring_session", row.id, changes, "form.session_edit"});
  model->wait_idle();
  snap = model->snapshot();
  INFO(snap->feedback.message);
  REQUIRE(snap->feedback.ok);
  CHECK(snap->feedback.form == "form.session_edit");
  CHECK(snap->drafts.count("form.session_edit") == 0);  // saved: the draft is gone
  const view::SessionRow* updated = session_row(*snap, row.id);
  REQUIRE(updated);
  CHECK(updated->topic == "Разбор пробного урока (исправлено)");
  CHECK(updated->date == row.date);
  CHECK(snap->sessions.total == static_cast<int64_t>(snap->sessions.rows.size()));

  // The opened record follows the write; untouched fields are as they were.
  CHECK(snap->opened_record.fields.value("topic", "") == "Разбор пробного урока (исправлено)");
  CHECK(snap->opened_record.fields.value("notes", "") == "дополнено после встречи");
  CHECK_FALSE(snap->opened_record.fields.contains("agreed_actions"));
  for (const char* field : {"mentor_id", "mentees", "date", "format", "stage", "pair_id", kCreatedByField})
    CHECK(snap->opened_record.fields.value(field, json()) == stored.value(field, json()));

  // And the replica holds the same after reopening.
  model.reset();
  auto replica = demo.open();
  auto record = replica.store->reader().get(row.id);
  REQUIRE(record.ok());
  CHECK(record->data.value("topic", "") == "Разбор пробного урока (исправлено)");
  CHECK(record->data.value("mentor_id", "") == stored.value("mentor_id", ""));
}

TEST_CASE("an edit that breaks a rule writes nothing and names the field", "[model][edit]") {
  DemoData demo;
  auto model = demo.model();
  const view::SessionRow row = model->snapshot()->sessions.rows.front();
  model->post(command::SaveRecord{
      "mentoring_session", row.id, {{"topic", nullptr}, {"satisfaction", 9}}, "form.session_edit"});
  model->wait_idle();
  auto snap = model->snapshot();
  CHECK_FALSE(snap->feedback.ok);
  std::map<std::string, int> fields;
  for (const auto& e : snap->feedback.field_errors) ++fields[e.field];
  CHECK(fields.count("topic") == 1);
  CHECK(fields.count("satisfaction") == 1);
  CHECK(session_row(*snap, row.id)->topic == row.topic);
}

TEST_CASE("a visit opened for editing keeps its protocol scores when another field changes",
          "[model][edit][visits]") {
  DemoData demo;
  auto model = demo.model();
  auto snap = model->snapshot();
  const view::VisitRow* scored = nullptr;
  for (const auto& v : snap->visits)
    if (v.mean_score > 0) scored = &v;
  REQUIRE(scored);
  const view::VisitRow row = *scored;
  snap = open_record(*model, row.id);
  REQUIRE(snap->opened_record.found);
  CHECK(snap->opened_record.entity == "lesson_visit");
  const json scores = snap->opened_record.fields["scores"];
  CHECK(scores.is_object());
  json edited = snap->opened_record.fields;
  edited["recommendations"] = "Чаще давать слово ученикам";
  edited["follow_up_date"] = row.date;
  model->post(command::SaveRecord{"lesson_visit", row.id,
                                  model::record_changes(snap->opened_record.fields, edited), ""});
  model->wait_idle();
  snap = model->snapshot();
  REQUIRE(snap->feedback.ok);
  CHECK(snap->opened_record.fields["scores"] == scores);
  CHECK(snap->opened_record.fields.value("recommendations", "") == "Чаще давать слово ученикам");
  bool found = false;
  for (const auto& v : snap->visits)
    if (v.id == row.id) {
      found = true;
      CHECK(v.follow_up_date == row.date);
      CHECK(v.mean_score == Approx(row.mean_score));
    }
  CHECK(found);
}

TEST_CASE("deleting an opened record removes it from the list and the opened record says it is gone",
          "[model][edit]") {
  DemoData demo;
  auto model = demo.model();
  auto snap = model->snapshot();
  const int64_t before = snap->sessions.total;
  const std::string id = snap->sessions.rows.front().id;
  snap = open_record(*model, id);
  REQUIRE(snap->opened_record.found);
  model->post(command::DeleteRecord{id});
  model->wait_idle();
  snap = model->snapshot();
  REQUIRE(snap->feedback.ok);
  CHECK(snap->feedback.form == "delete_record");
  CHECK(snap->sessions.total == before - 1);
  CHECK(session_row(*snap, id) == nullptr);
  CHECK(snap->opened_record.id == id);
  CHECK_FALSE(snap->opened_record.found);

  snap = open_record(*model, "00000000-0000-7000-8000-0000000fffff");  // unknown here
  CHECK_FALSE(snap->opened_record.found);
  CHECK(snap->load_error.empty());
  snap = open_record(*model, "");
  CHECK(snap->opened_record.id.empty());
}

TEST_CASE("registry rows: schools with flags, indices and municipality; people with roles; assignments",
          "[model][registry]") {
  DemoViews v;
  auto data = model::registry_data(v.ctx);
  REQUIRE(data.ok());
  const auto schools = all_records(v.store(), "school");
  const auto people = all_records(v.store(), "person");
  const auto assignments = all_records(v.store(), "assignment");
  const auto municipalities = all_records(v.store(), "municipality");
  REQUIRE(!schools.empty());
  REQUIRE(!assignments.empty());
  REQUIRE(municipalities.size() == 1);
  CHECK(data->municipalities.size() == 1);
  CHECK(data->municipalities.front().name == str(municipalities.front(), "name"));

  REQUIRE(data->schools.size() == schools.size());
  CHECK(std::is_sorted(data->schools.begin(), data->schools.end(),
                       [](const auto& a, const auto& b) { return a.name < b.name; }));
  std::map<std::string, int> people_at;
  for (const auto& p : people) ++people_at[str(p, "school_id")];
  for (const auto& s : schools) {
    auto it =
        std::find_if(data->schools.begin(), data->schools.end(), [&](const auto& r) { return r.id == s.id; });
    REQUIRE(it != data->schools.end());
    INFO(it->name);
    CHECK(it->name == str(s, "name"));
    CHECK(it->municipality_name == str(municipalities.front(), "name"));
    CHECK(it->low_results == s.data.value("low_results", false));
    CHECK(it->difficult_social == s.data.value("difficult_social", false));
    CHECK(it->leader == s.data.value("leader", false));
    CHECK(it->resource_center == s.data.value("resource_center", false));
    CHECK(it->ior.has_value() == s.data.contains("ior"));
    if (it->ior) CHECK(*it->ior == Approx(s.data["ior"].get<double>()));
    CHECK(it->ior_quartile == s.data.value("ior_quartile", 0));
    if (it->social_index) CHECK(*it->social_index == Approx(s.data["social_index"].get<double>()));
    CHECK(it->people == people_at[s.id]);
  }
  const auto first = std::find_if(data->schools.begin(), data->schools.end(),
                                  [](const auto& r) { return r.id == demo::kSchool1; });
  REQUIRE(first != data->schools.end());
  CHECK(first->low_results);
  CHECK(first->ior_quartile == 1);

  REQUIRE(data->people.size() == people.size());
  for (const auto& row : data->people) {
    if (row.id != demo::kTeacher1 && row.id != kDemoMethodologist) continue;
    const auto p =
        *std::find_if(people.begin(), people.end(), [&](const Record& r) { return r.id == row.id; });
    CHECK(row.name == str(p, "full_name"));
    CHECK(row.roles == p.data["roles"].get<std::vector<std::string>>());
    CHECK(row.school_id == str(p, "school_id"));
    if (!row.school_id.empty()) CHECK(row.school_name == v.directory.school_name(row.school_id));
  }
  const auto teacher = std::find_if(data->people.begin(), data->people.end(),
                                    [](const auto& r) { return r.id == demo::kTeacher1; });
  REQUIRE(teacher != data->people.end());
  CHECK(teacher->school_id == demo::kSchool1);
  CHECK(std::find(teacher->roles.begin(), teacher->roles.end(), "teacher") != teacher->roles.end());

  REQUIRE(data->assignments.size() == assignments.size());
  for (const auto& a : assignments) {
    auto it = std::find_if(data->assignments.begin(), data->assignments.end(),
                           [&](const auto& r) { return r.id == a.id; });
    REQUIRE(it != data->assignments.end());
    CHECK(it->pair_label == v.directory.pair_label(str(a, "pair_id")));
    CHECK(it->mentor_name == v.directory.person_name(str(a, "mentor_id")));
    CHECK(it->kind == str(a, "kind"));
    CHECK(it->mentee_names.size() == a.data.value("mentee_ids", json::array()).size());
  }

  const auto pairs = all_records(v.store(), "pair");
  REQUIRE(pairs.size() == 5);
  REQUIRE(data->pairs.size() == pairs.size());
  CHECK(std::is_sorted(data->pairs.begin(), data->pairs.end(),
                       [](const auto& a, const auto& b) { return a.label < b.label; }));
  for (const auto& p : pairs) {
    auto it = std::find_if(data->pairs.begin(), data->pairs.end(), [&](const auto& r) { return r.id == p.id; });
    REQUIRE(it != data->pairs.end());
    INFO(it->label);
    CHECK(it->label == v.directory.pair_label(p.id));
    CHECK(it->low_school_name == v.directory.school_name(str(p, "low_school_id")));
    CHECK(it->partner_school_name == v.directory.school_name(str(p, "partner_school_id")));
    CHECK(it->problem_zones == p.data.value("problem_zones", std::vector<std::string>{}));
    CHECK(it->agreement_number == str(p, "agreement_number"));
    const auto assigned = std::count_if(assignments.begin(), assignments.end(),
                                        [&](const Record& a) { return str(a, "pair_id") == p.id; });
    CHECK(it->assignments == assigned);
  }
  const auto pair1 = std::find_if(data->pairs.begin(), data->pairs.end(),
                                  [](const auto& r) { return r.id == demo::kPair1; });
  REQUIRE(pair1 != data->pairs.end());
  CHECK_FALSE(pair1->problem_zones.empty());  // the seeds list each pair's problem zones
  CHECK(pair1->assignments > 0);
}

TEST_CASE("registry records open and save like any other: a school's flags, a person's roles",
          "[model][registry][edit]") {
  DemoData demo;
  auto model = demo.model();
  auto snap = model->snapshot();
  REQUIRE(snap->registry.schools.size() >= 2);
  CHECK(snap->registry.people.size() == snap->people.size());

  snap = open_record(*model, demo::kSchool1);
  REQUIRE(snap->opened_record.found);
  CHECK(snap->opened_record.entity == "school");
  json edited = snap->opened_record.fields;
  edited["resource_center"] = true;
  edited["social_index"] = 0.4;
  model->post(command::SaveRecord{"school", demo::kSchool1,
                                  model::record_changes(snap->opened_record.fields, edited), ""});
  model->wait_idle();
  snap = model->snapshot();
  REQUIRE(snap->feedback.ok);
  auto school = std::find_if(snap->registry.schools.begin(), snap->registry.schools.end(),
                             [](const auto& s) { return s.id == demo::kSchool1; });
  REQUIRE(school != snap->registry.schools.end());
  CHECK(school->resource_center);
  CHECK(school->low_results);  // untouched
  CHECK(*school->social_index == Approx(0.4));

  snap = open_record(*model, demo::kTeacher1);
  REQUIRE(snap->opened_record.found);
  edited = snap->opened_record.fields;
  edited["roles"] = {"mentor", "teacher"};
  model->post(command::SaveRecord{"person", demo::kTeacher1,
                                  model::record_changes(snap->opened_record.fields, edited), ""});
  model->wait_idle();
  snap = model->snapshot();
  REQUIRE(snap->feedback.ok);
  auto person = std::find_if(snap->registry.people.begin(), snap->registry.people.end(),
                             [](const auto& p) { return p.id == demo::kTeacher1; });
  REQUIRE(person != snap->registry.people.end());
  CHECK(person->roles == std::vector<std::string>{"mentor", "teacher"});

  snap = open_record(*model, demo::kPair1);
  REQUIRE(snap->opened_record.found);
  edited = snap->opened_record.fields;
  auto zones = edited.value("problem_zones", std::vector<std::string>{});
  zones.push_back("Функциональная грамотность — «читательская»");
  edited["problem_zones"] = zones;
  model->post(command::SaveRecord{"pair", demo::kPair1, model::record_changes(snap->opened_record.fields, edited),
                                  ""});
  model->wait_idle();
  snap = model->snapshot();
  REQUIRE(snap->feedback.ok);
  auto pair = std::find_if(snap->registry.pairs.begin(), snap->registry.pairs.end(),
                           [](const auto& p) { return p.id == demo::kPair1; });
  REQUIRE(pair != snap->registry.pairs.end());
  CHECK(pair->problem_zones.size() == zones.size());
  CHECK(std::find(pair->problem_zones.begin(), pair->problem_zones.end(), zones.back()) !=
        pair->problem_zones.end());

  // A school its people and pairs still name stays, and the form is told why.
  model->post(command::DeleteRecord{demo::kSchool1});
  model->wait_idle();
  snap = model->snapshot();
  CHECK_FALSE(snap->feedback.ok);
  CHECK(snap->feedback.form == "delete_record");
  REQUIRE(snap->feedback.field_errors.size() == 1);
  CHECK(snap->feedback.field_errors[0].key == "validation.still_referenced");
  CHECK(std::any_of(snap->registry.schools.begin(), snap->registry.schools.end(),
                    [](const auto& s) { return s.id == demo::kSchool1; }));
}

TEST_CASE("a roadmap event is edited and marked done with a report", "[model][edit][roadmap]") {
  DemoData demo;
  auto model = demo.model();
  auto snap = model->snapshot();
  const view::RoadmapRow* planned = nullptr;
  for (const auto& e : snap->roadmap)
    if (e.status == "planned" || e.status.empty()) planned = &e;
  REQUIRE(planned);
  const view::RoadmapRow row = *planned;
  snap = open_record(*model, row.id);
  REQUIRE(snap->opened_record.found);
  json edited = snap->opened_record.fields;
  edited["title"] = row.title + " (перенесено)";
  edited["planned_date"] = "2027-03-15";
  model->post(command::SaveRecord{"roadmap_event", row.id,
                                  model::record_changes(snap->opened_record.fields, edited), ""});
  model->post(command::SaveRecord{
      "roadmap_event", row.id, {{"status", "done"}, {"report", "Провели, 12 участников"}}, ""});
  model->wait_idle();
  snap = model->snapshot();
  REQUIRE(snap->feedback.ok);
  auto it =
      std::find_if(snap->roadmap.begin(), snap->roadmap.end(), [&](const auto& e) { return e.id == row.id; });
  REQUIRE(it != snap->roadmap.end());
  CHECK(it->title == row.title + " (перенесено)");
  CHECK(it->planned_date == "2027-03-15");
  CHECK(it->status == "done");
  CHECK(it->report == "Провели, 12 участников");
  CHECK(it->responsible_name == row.responsible_name);
}
