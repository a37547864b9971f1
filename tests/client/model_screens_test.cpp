// The data of each screen, computed by the view models on the demo replica (and on small
// constructed replicas), against values the tests work out from the records themselves.

#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "shared/core/hlc.h"
#include "shared/domain/registry_file.h"
#include "shared/domain/schema.h"
#include "tests/client/model_fixture.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;

namespace {

std::vector<std::string> sorted_ids(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Mean answer per area, grouping items by their id ("<area>_<n>"): independent of the
// instrument code under test.
std::map<std::string, double> area_means(const json& answers) {
  std::map<std::string, std::pair<double, int>> sums;
  for (const auto& [item, value] : answers.items()) {
    const std::string area = item.substr(0, item.rfind('_'));
    sums[area].first += value.get<double>();
    ++sums[area].second;
  }
  std::map<std::string, double> out;
  for (const auto& [area, s] : sums) out[area] = s.first / s.second;
  return out;
}

// Area ids of an instrument file, read as plain JSON.
std::vector<std::string> file_areas(const std::string& file) {
  std::ifstream in(kAssets / "instruments" / file);
  const json j = json::parse(in);
  std::vector<std::string> out;
  for (const auto& a : j["areas"]) out.push_back(a["id"].get<std::string>());
  return out;
}

std::string next_month(const std::string& m) {
  int y = std::stoi(m.substr(0, 4)), mo = std::stoi(m.substr(5, 2)) + 1;
  if (mo == 13) mo = 1, ++y;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
  return buf;
}

}  // namespace

TEST_CASE("session list filters by pair, person, date range and format", "[model][sessions]") {
  DemoViews v;
  const auto all = all_records(v.store(), "mentoring_session");
  auto expected = [&](const view::SessionFilter& f) {
    std::vector<std::string> ids;
    for (const auto& r : all) {
      if (!f.pair_id.empty() && str(r, "pair_id") != f.pair_id) continue;
      if (!f.person_id.empty() && !names(r, "mentor_id", f.person_id) && !names(r, "mentees", f.person_id)) continue;
      if (!f.date_from.empty() && str(r, "date") < f.date_from) continue;
      if (!f.date_to.empty() && str(r, "date") > f.date_to) continue;
      if (!f.format.empty() && str(r, "format") != f.format) continue;
      ids.push_back(r.id);
    }
    return sorted_ids(ids);
  };
  const std::vector<view::SessionFilter> filters = {
      {},
      {demo::kPair1, "", "", "", ""},
      {"", demo::kTeacher1, "", "", ""},
      {"", "", "2026-11-01", "2026-12-31", ""},
      {"", "", "", "", "online"},
      {demo::kPair1, "", "2026-10-01", "2027-03-31", "offline"},
  };
  for (const auto& f : filters) {
    auto list = model::session_list(v.ctx, f);
    REQUIRE(list.ok());
    const auto want = expected(f);
    CAPTURE(f.pair_id, f.person_id, f.date_from, f.date_to, f.format);
    if (f != view::SessionFilter{}) {
      CHECK(!want.empty());
      CHECK(want.size() < all.size());
    }
    CHECK(list->filter == f);
    CHECK(list->total == static_cast<int64_t>(want.size()));
    std::vector<std::string> got;
    for (const auto& row : list->rows) got.push_back(row.id);
    CHECK(sorted_ids(got) == want);
    for (size_t i = 1; i < list->rows.size(); ++i) CHECK(list->rows[i - 1].date >= list->rows[i].date);
  }

  auto pair1 = model::session_list(v.ctx, {demo::kPair1, "", "", "", ""});
  REQUIRE(!pair1->rows.empty());
  const auto& row = pair1->rows.front();
  const Record rec = v.store().reader().get(row.id).value();
  // Lists use the school's short name; the full legal name is for documents.
  CHECK(row.pair_label == "Волосовская СОШ № 2 — Волосовская СОШ № 1");
  CHECK(row.mentor_name == str(v.store().reader().get(str(rec, "mentor_id")).value(), "full_name"));
  CHECK(row.mentees == static_cast<int>(rec.data["mentees"].size()));
  CHECK(row.topic == str(rec, "topic"));
  std::set<std::string> stages, formats;
  for (const auto& r : all) stages.insert(str(r, "stage")), formats.insert(str(r, "format"));
  CHECK(stages.size() == 8);  // the demo covers the whole "learning by action" chain
  CHECK(formats == std::set<std::string>{"offline", "online"});
}

TEST_CASE("visit rows carry names and the mean observation score", "[model][visits]") {
  DemoViews v;
  const auto all = all_records(v.store(), "lesson_visit");
  auto rows = model::visit_rows(v.ctx);
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == all.size());
  REQUIRE(!all.empty());
  for (size_t i = 1; i < rows->size(); ++i) CHECK((*rows)[i - 1].date >= (*rows)[i].date);
  for (const auto& row : *rows) {
    const Record r = v.store().reader().get(row.id).value();
    double sum = 0;
    for (const auto& [item, score] : r.data["scores"].items()) sum += score.get<double>();
    CHECK(row.mean_score == Approx(sum / static_cast<double>(r.data["scores"].size())));
    CHECK(row.visitor_name == str(v.store().reader().get(str(r, "visitor_id")).value(), "full_name"));
    CHECK(row.teacher_name == str(v.store().reader().get(str(r, "teacher_id")).value(), "full_name"));
    const Record host = v.store().reader().get(str(r, "host_school_id")).value();
    CHECK(row.host_school == (str(host, "short_name").empty() ? str(host, "name") : str(host, "short_name")));
    CHECK(row.follow_up_date == str(r, "follow_up_date"));
  }
}

TEST_CASE("a person's trend scores each assessment with the version it names", "[model][assessment]") {
  DemoViews v;
  auto records_of = [&](const std::string& person) {
    std::vector<Record> out;
    for (const auto& r : all_records(v.store(), "self_assessment"))
      if (str(r, "person_id") == person && str(r, "instrument_id") == "teacher_deficits") out.push_back(r);
    std::sort(out.begin(), out.end(), [](const Record& a, const Record& b) { return str(a, "date") < str(b, "date"); });
    return out;
  };
  const auto v2_areas = file_areas("teacher_deficits.v2.json");

  for (const std::string& person : {demo::kTeacher1, demo::kTeacher1b}) {
    CAPTURE(person);
    const auto records = records_of(person);
    REQUIRE(records.size() >= 2);
    auto trend = model::assessment_trend(v.ctx, person, "teacher_deficits");
    REQUIRE(trend.ok());
    CHECK(trend->area_ids == v2_areas);
    REQUIRE(trend->dates.size() == records.size());
    REQUIRE(trend->means.size() == records.size());
    std::set<int> versions;
    for (size_t a = 0; a < records.size(); ++a) {
      versions.insert(records[a].data["instrument_version"].get<int>());
      CHECK(trend->dates[a] == str(records[a], "date"));
      const auto means = area_means(records[a].data["answers"]);
      for (size_t k = 0; k < v2_areas.size(); ++k) {
        CAPTURE(a, v2_areas[k]);
        auto it = means.find(v2_areas[k]);
        if (it == means.end()) CHECK(std::isnan(trend->means[a][k]));
        else CHECK(trend->means[a][k] == Approx(it->second));
      }
    }
    CHECK(versions == std::set<int>{1, 2});  // the trend spans both questionnaire versions
  }
  // The demo leaves one area of this teacher's first questionnaire unanswered.
  auto gap = model::assessment_trend(v.ctx, demo::kTeacher1b, "teacher_deficits");
  const size_t gifted = static_cast<size_t>(std::find(v2_areas.begin(), v2_areas.end(), "gifted_routes") - v2_areas.begin());
  CHECK(std::isnan(gap->means[0][gifted]));
  CHECK_FALSE(std::isnan(gap->means[1][gifted]));

  auto nobody = model::assessment_trend(v.ctx, "00000000-0000-7000-8000-000300000017", "teacher_deficits");
  CHECK(nobody->dates.empty());
  CHECK(nobody->area_ids == v2_areas);  // axes of the newest version, ready for a first answer
}

TEST_CASE("assessment results list a person's questionnaires newest first with their deficits", "[model][assessment]") {
  DemoViews v;
  std::vector<Record> mine;
  for (const auto& r : all_records(v.store(), "self_assessment"))
    if (str(r, "person_id") == demo::kTeacher1) mine.push_back(r);
  auto results = model::assessment_results(v.ctx, demo::kTeacher1);
  REQUIRE(results.ok());
  REQUIRE(results->size() == mine.size());
  for (size_t i = 1; i < results->size(); ++i) CHECK((*results)[i - 1].date >= (*results)[i].date);
  for (const auto& res : *results) {
    const Record r = v.store().reader().get(res.record_id).value();
    CHECK(res.instrument_version == r.data["instrument_version"].get<int>());
    std::vector<std::string> deficits;
    for (const auto& a : res.areas)
      if (a.deficit) deficits.push_back(a.area_id);
    std::vector<std::string> stored = r.data.value("deficits", std::vector<std::string>());
    CHECK(sorted_ids(deficits) == sorted_ids(stored));
    CHECK(!res.instrument_title.empty());
  }
}

TEST_CASE("pair card: plan vs done by month, timeline, people, trends and reviews", "[model][pair]") {
  DemoViews v;
  struct Month {
    int planned = 0, done = 0, sessions = 0, visits = 0;
  };
  std::map<std::string, Month> want;
  size_t timeline = 0, reviews = 0;
  std::set<std::string> mentors, mentees;
  for (const auto& r : all_records(v.store(), "roadmap_event")) {
    if (str(r, "pair_id") != demo::kPair1) continue;
    ++timeline;
    const std::string m = str(r, "planned_date").substr(0, 7);
    if (str(r, "status") != "cancelled") ++want[m].planned;
    if (str(r, "status") == "done") ++want[m].done;
  }
  for (const auto& r : all_records(v.store(), "mentoring_session"))
    if (str(r, "pair_id") == demo::kPair1) ++want[str(r, "date").substr(0, 7)].sessions, ++timeline;
  for (const auto& r : all_records(v.store(), "lesson_visit"))
    if (str(r, "pair_id") == demo::kPair1) ++want[str(r, "date").substr(0, 7)].visits, ++timeline;
  for (const auto& r : all_records(v.store(), "pair_review"))
    if (str(r, "pair_id") == demo::kPair1) ++reviews, ++timeline;
  for (const auto& r : all_records(v.store(), "assignment")) {
    if (str(r, "pair_id") != demo::kPair1) continue;
    ++timeline;
    mentors.insert(str(r, "mentor_id"));
    for (const auto& m : r.data["mentee_ids"]) mentees.insert(m.get<std::string>());
  }

  auto card = model::pair_card(v.ctx, demo::kPair1);
  REQUIRE(card.ok());
  CHECK(card->pair.low_school == "Волосовская СОШ № 2");  // short name on screen
  CHECK(card->pair.low_school_full == "МОУ «Волосовская СОШ№2»");  // the legal name in the tooltip
  CHECK(card->agreement_number == "ПС-1/2020");
  REQUIRE(!card->plan_vs_done.empty());
  CHECK(card->plan_vs_done.front().month == want.begin()->first);
  CHECK(card->plan_vs_done.back().month == want.rbegin()->first);
  for (size_t i = 0; i < card->plan_vs_done.size(); ++i) {
    const auto& got = card->plan_vs_done[i];
    if (i > 0) CHECK(got.month == next_month(card->plan_vs_done[i - 1].month));
    const Month m = want.count(got.month) ? want.at(got.month) : Month{};
    CAPTURE(got.month);
    CHECK(got.events_planned == m.planned);
    CHECK(got.events_done == m.done);
    CHECK(got.sessions == m.sessions);
    CHECK(got.visits == m.visits);
  }
  // September's webinar was held (the registry file says so); January's visit too (the demo
  // marks the first two of every three spring events held).
  auto month = [&](const std::string& m) {
    return *std::find_if(card->plan_vs_done.begin(), card->plan_vs_done.end(), [&](auto& a) { return a.month == m; });
  };
  CHECK(month("2026-09").events_planned == 1);
  CHECK(month("2026-09").events_done == 1);
  CHECK(month("2027-01").events_planned == 1);
  CHECK(month("2027-01").events_done == 1);

  CHECK(card->timeline.size() == timeline);
  for (size_t i = 1; i < card->timeline.size(); ++i) CHECK(card->timeline[i - 1].date >= card->timeline[i].date);
  CHECK(card->reviews.size() == reviews);
  std::set<std::string> got_mentors, got_mentees;
  for (const auto& p : card->mentors) got_mentors.insert(p.id);
  for (const auto& p : card->mentees) got_mentees.insert(p.id);
  CHECK(got_mentors == mentors);
  CHECK(got_mentees == mentees);

  std::set<std::string> assessed;
  for (const auto& r : all_records(v.store(), "self_assessment"))
    if (mentees.count(str(r, "person_id")) && str(r, "instrument_id") == "teacher_deficits") assessed.insert(str(r, "person_id"));
  std::set<std::string> trended;
  for (const auto& t : card->mentee_trends) trended.insert(t.person_id);
  CHECK(trended == assessed);

  // The learning-by-action chain: sessions per stage for the pair, then for each mentee.
  const std::vector<std::string> chain = {"theory",          "positive_experience", "trial_lessons",
                                          "joint_analysis",  "recommendations",     "individual_trials",
                                          "mentoring_groups", "joint_summary"};
  std::map<std::string, std::vector<int>> per_stage;  // "" for the whole pair
  for (const auto& r : all_records(v.store(), "mentoring_session")) {
    if (str(r, "pair_id") != demo::kPair1) continue;
    const auto stage = static_cast<size_t>(std::find(chain.begin(), chain.end(), str(r, "stage")) - chain.begin());
    REQUIRE(stage < chain.size());
    std::vector<std::string> whose = {""};
    for (const auto& m : r.data["mentees"]) whose.push_back(m.get<std::string>());
    for (const auto& w : whose) {
      auto& counts = per_stage[w];
      counts.resize(chain.size());
      ++counts[stage];
    }
  }
  REQUIRE(!card->stages.empty());
  CHECK(card->stages.front().id == demo::kPair1);
  CHECK(card->stages.front().sessions == per_stage[""]);
  for (size_t i = 1; i < card->stages.size(); ++i) {
    CAPTURE(card->stages[i].name);
    const std::vector<int> want_counts =
        per_stage.count(card->stages[i].id) ? per_stage[card->stages[i].id] : std::vector<int>(chain.size(), 0);
    CHECK(card->stages[i].sessions == want_counts);
  }
  CHECK(model::pair_card(v.ctx, "00000000-0000-7000-8000-0004000000ff").status().code() == StatusCode::kNotFound);
}

TEST_CASE("route progress is the share of done steps, steps by due date", "[model][routes]") {
  DemoViews v;
  std::map<std::string, std::pair<int, int>> counts;  // route -> (done, total)
  for (const auto& r : all_records(v.store(), "route_step")) {
    auto& c = counts[str(r, "route_id")];
    ++c.second;
    if (r.data.value("done", false)) ++c.first;
  }
  auto routes = model::route_views(v.ctx);
  REQUIRE(routes.ok());
  REQUIRE(routes->size() == all_records(v.store(), "individual_route").size());
  std::set<double> progress;
  for (const auto& route : *routes) {
    const auto [done, total] = counts[route.id];
    CHECK(static_cast<int>(route.steps.size()) == total);
    CHECK(route.progress == Approx(static_cast<double>(done) / total));
    progress.insert(route.progress);
    for (size_t i = 1; i < route.steps.size(); ++i) CHECK(route.steps[i - 1].due_date <= route.steps[i].due_date);
    CHECK(!route.teacher.name.empty());
  }
  CHECK(progress == std::set<double>{0.0, 0.25, 0.5, 1.0});
}

TEST_CASE("roadmap rows in calendar order, pickers by name", "[model][roadmap]") {
  DemoViews v;
  auto rows = model::roadmap_rows(v.ctx);
  REQUIRE(rows.ok());
  const auto events = all_records(v.store(), "roadmap_event");
  REQUIRE(rows->size() == events.size());
  for (size_t i = 1; i < rows->size(); ++i) CHECK((*rows)[i - 1].planned_date <= (*rows)[i].planned_date);
  for (const auto& row : *rows) {
    const Record r = v.store().reader().get(row.id).value();
    CHECK(row.participants == static_cast<int>(r.data["participants"].size()));
  }
  const auto people = model::person_refs(v.ctx);
  CHECK(people.size() == all_records(v.store(), "person").size());
  for (size_t i = 1; i < people.size(); ++i) CHECK(people[i - 1].name <= people[i].name);
  CHECK(model::pair_refs(v.ctx).size() == 5);
}

TEST_CASE("home: upcoming items of the next 30 days soonest first, recent local writes", "[model][home]") {
  DemoViews v;  // today is 2027-01-10
  std::vector<std::tuple<std::string, std::string, std::string>> want;  // date, kind, id
  for (const auto& r : all_records(v.store(), "roadmap_event")) {
    const std::string d = str(r, "planned_date"), status = str(r, "status");
    if (d >= "2027-01-10" && d <= "2027-02-09" && status != "done" && status != "cancelled")
      want.emplace_back(d, "roadmap_event", r.id);
  }
  for (const auto& r : all_records(v.store(), "mentoring_session")) {
    const std::string d = str(r, "next_date");
    if (d >= "2027-01-10" && d <= "2027-02-09") want.emplace_back(d, "next_session", r.id);
  }
  std::sort(want.begin(), want.end());
  if (want.size() > 10) want.resize(10);
  REQUIRE(want.size() >= 3);

  auto home = model::home_data(v.ctx);
  REQUIRE(home.ok());
  std::vector<std::tuple<std::string, std::string, std::string>> got;
  for (const auto& u : home->upcoming) got.emplace_back(u.date, u.kind, u.record_id);
  CHECK(got == want);
  CHECK(home->me.id == kDemoMethodologist);
  CHECK(home->me.name == "Журналова Инна Валерьевна");
  CHECK(home->roles == std::vector<std::string>{"methodologist"});
  CHECK_FALSE(home->enrolled);

  std::vector<std::pair<std::string, std::string>> written;  // (stamp, id) made on this device
  for (const auto& entity : DomainSchema::instance().entities())
    for (const auto& r : all_records(v.store(), entity.name))
      if (Hlc::parse(r.updated_hlc)->device == v.store().device_id()) written.emplace_back(r.updated_hlc, r.id);
  std::sort(written.rbegin(), written.rend());
  REQUIRE(home->recent.size() == 10);
  for (size_t i = 0; i < 10; ++i) CHECK(home->recent[i].record_id == written[i].second);
  // Recent items are named as people read them: never an id or an instrument's code.
  static const std::regex kId("[0-9a-f]{8}-[0-9a-f]{4}-|teacher_deficits|lesson_observation|school_risk|satisfaction");
  for (const auto& item : home->recent) {
    CAPTURE(item.entity, item.title);
    CHECK_FALSE(std::regex_search(item.title, kId));
    if (item.entity == "self_assessment") CHECK(item.title.rfind("Самооценка", 0) == 0);
  }
  const auto pending = v.store().outbox().pending().value();
  CHECK(home->pending_ops == pending.unsealed_ops + pending.ops_in_unacked);
}

TEST_CASE("municipality: activity per pair and the last date anything happened", "[model][municipality]") {
  DemoViews v;
  auto data = model::municipality_data(v.ctx);
  REQUIRE(data.ok());
  REQUIRE(data->pairs.size() == 5);
  CHECK(data->devices.empty());
  for (const auto& row : data->pairs) {
    int sessions = 0, visits = 0, planned = 0, done = 0;
    std::string last;
    for (const auto& r : all_records(v.store(), "mentoring_session"))
      if (str(r, "pair_id") == row.pair.id) ++sessions, last = std::max(last, str(r, "date"));
    for (const auto& r : all_records(v.store(), "lesson_visit"))
      if (str(r, "pair_id") == row.pair.id) ++visits, last = std::max(last, str(r, "date"));
    for (const auto& r : all_records(v.store(), "pair_review"))
      if (str(r, "pair_id") == row.pair.id) last = std::max(last, str(r, "date"));
    for (const auto& r : all_records(v.store(), "roadmap_event")) {
      if (str(r, "pair_id") != row.pair.id) continue;
      ++planned;
      if (str(r, "status") == "done") ++done, last = std::max(last, str(r, "planned_date"));
    }
    CAPTURE(row.pair.id);
    CHECK(row.sessions == sessions);
    CHECK(row.visits == visits);
    CHECK(row.events_planned == planned);
    CHECK(row.events_done == done);
    CHECK(row.last_activity == last);
  }
}

TEST_CASE("municipality of one half-year: only what is dated in it, assessments up to its end", "[model][municipality]") {
  DemoViews v;
  auto whole = model::municipality_data(v.ctx);
  auto half = model::municipality_data(v.ctx, "2026/27-1");
  REQUIRE(whole.ok());
  REQUIRE(half.ok());
  CHECK(whole->period.empty());
  CHECK(half->period == "2026/27-1");
  // The demo's school year: both halves of 2026/27 have work.
  CHECK(std::find(whole->periods.begin(), whole->periods.end(), "2026/27-1") != whole->periods.end());
  CHECK(std::find(whole->periods.begin(), whole->periods.end(), "2026/27-2") != whole->periods.end());
  auto in_half = [](const std::string& date) { return date >= "2026-09-01" && date <= "2026-12-31"; };
  int sessions_whole = 0, sessions_half = 0;
  for (size_t i = 0; i < half->pairs.size(); ++i) {
    const auto& row = half->pairs[i];
    int sessions = 0, visits = 0, planned = 0;
    for (const auto& r : all_records(v.store(), "mentoring_session"))
      if (str(r, "pair_id") == row.pair.id && in_half(str(r, "date"))) ++sessions;
    for (const auto& r : all_records(v.store(), "lesson_visit"))
      if (str(r, "pair_id") == row.pair.id && in_half(str(r, "date"))) ++visits;
    for (const auto& r : all_records(v.store(), "roadmap_event"))
      if (str(r, "pair_id") == row.pair.id && in_half(str(r, "planned_date")) && str(r, "status") != "cancelled") ++planned;
    CAPTURE(row.pair.id);
    CHECK(row.sessions == sessions);
    CHECK(row.visits == visits);
    CHECK(row.events_planned == planned);
    sessions_half += row.sessions;
    sessions_whole += whole->pairs[i].sessions;
  }
  CHECK(sessions_half > 0);
  CHECK(sessions_half < sessions_whole);
  // The heatmap of the first half-year knows only the September questionnaires.
  int assessed_half = 0, assessed_whole = 0;
  for (int n : half->heatmap.assessed_teachers) assessed_half += n;
  for (int n : whole->heatmap.assessed_teachers) assessed_whole += n;
  CHECK(assessed_half == assessed_whole);  // everyone assessed at all was first assessed in September
  CHECK(half->heatmap.share != whole->heatmap.share);  // later questionnaires changed the picture
}

TEST_CASE("deficit heatmap: share of assessed teachers whose latest questionnaire shows the deficit", "[model][municipality]") {
  TempDir dir;
  DataDir data_dir(dir / "data");
  auto replica = data_dir.initialise(Actor{kDemoMethodologist, {"methodologist"}, ""});
  REQUIRE(replica.ok());
  LocalStore& store = *replica->store;
  auto file = read_registry_file(kAssets / "demo" / "volosovo.json");
  REQUIRE(file.ok());
  for (const auto& e : file->entries) REQUIRE(store.put_record(e.entity, e.id, e.fields).ok());
  auto instruments = InstrumentRegistry::load_dir(kAssets / "instruments").value();

  // Every item answered 3 (no deficit) except those of the `weak` areas, answered 0.
  auto assess = [&](const std::string& person, const std::string& date, int version, std::set<std::string> weak,
                    const std::string& instrument = "teacher_deficits") {
    const Instrument* inst = instruments.find(instrument, version);
    json answers = json::object();
    for (const auto& item : inst->items) answers[item.id] = weak.count(item.area) ? 0 : 3;
    REQUIRE(store.create_record("self_assessment", {{"instrument_id", instrument}, {"instrument_version", version},
                                                    {"person_id", person}, {"date", date}, {"answers", answers}})
                .ok());
  };
  const std::string t003 = "00000000-0000-7000-8000-000300000003", t004 = "00000000-0000-7000-8000-000300000004",
                    t005 = "00000000-0000-7000-8000-000300000005", t008 = "00000000-0000-7000-8000-000300000008";
  assess(t003, "2026-09-14", 1, {"ped_technologies"});
  assess(t003, "2027-01-18", 2, {});  // the latest one counts: no deficit any more
  assess(t004, "2027-01-18", 1, {"ped_technologies", "modern_lesson"});
  assess(t005, "2027-05-20", 1, {"organisation"}, "satisfaction");  // another questionnaire
  assess(t008, "2027-01-18", 2, {"methodical_techniques"});

  model::RecordCache cache(store.reader());
  const auto directory = model::Directory::load(cache).value();
  const model::ViewContext ctx{store, instruments, directory, cache, "ru", "2027-01-10"};
  auto map = model::deficit_heatmap(ctx);
  REQUIRE(map.ok());
  CHECK(map->area_ids == file_areas("teacher_deficits.v2.json"));
  auto cell = [&](const std::string& school, const std::string& area) {
    const auto s = std::find(map->school_ids.begin(), map->school_ids.end(), school) - map->school_ids.begin();
    const auto a = std::find(map->area_ids.begin(), map->area_ids.end(), area) - map->area_ids.begin();
    REQUIRE(s < static_cast<long>(map->school_ids.size()));
    return map->share[static_cast<size_t>(s)][static_cast<size_t>(a)];
  };
  const std::string school1 = demo::kSchool1, school2 = "00000000-0000-7000-8000-000200000002",
                    school3 = "00000000-0000-7000-8000-000200000003";
  CHECK(cell(school1, "ped_technologies") == Approx(0.5));  // 004 of {003, 004}; 005 never filled it
  CHECK(cell(school1, "modern_lesson") == Approx(0.5));
  CHECK(cell(school1, "methodical_techniques") == Approx(0.0));
  CHECK(cell(school2, "methodical_techniques") == Approx(1.0));
  CHECK(cell(school2, "ped_technologies") == Approx(0.0));
  CHECK(cell(school3, "ped_technologies") == -1.0);
  const auto s1 = static_cast<size_t>(std::find(map->school_ids.begin(), map->school_ids.end(), school1) - map->school_ids.begin());
  CHECK(map->assessed_teachers[s1] == 2);
  CHECK(map->teachers[s1] == 3);
  // Partner schools' tutors are teachers too; none of them filled it in.
  CHECK(map->school_ids.size() == 10);

  // A later questionnaire that answers only some areas does not erase the others: each
  // area counts the latest questionnaire that answered it.
  const Instrument* v2 = instruments.find("teacher_deficits", 2);
  json partial = json::object();
  for (const auto& item : v2->items)
    if (item.area == "modern_lesson") partial[item.id] = 3;
  REQUIRE(store.create_record("self_assessment", {{"instrument_id", "teacher_deficits"}, {"instrument_version", 2},
                                                  {"person_id", t004}, {"date", "2027-01-25"}, {"answers", partial}})
              .ok());
  model::RecordCache cache2(store.reader());
  const model::ViewContext ctx2{store, instruments, directory, cache2, "ru", "2027-01-30"};
  map = model::deficit_heatmap(ctx2);
  REQUIRE(map.ok());
  CHECK(cell(school1, "modern_lesson") == Approx(0.0));     // 004 answered it again: no deficit
  CHECK(cell(school1, "ped_technologies") == Approx(0.5));  // 004's earlier answer stands
}

TEST_CASE("monitoring is computed once its screen asks, then follows every save", "[model][monitoring]") {
  DemoData demo;
  auto model = demo.model();
  CHECK_FALSE(model->snapshot()->monitoring_ready);  // no cost until the screen is shown
  CHECK(model->snapshot()->monitoring.rows.empty());
  model->post(command::ShowMonitoring{});
  model->wait_idle();
  auto snap = model->snapshot();
  REQUIRE(snap->monitoring_ready);
  REQUIRE(!snap->monitoring.periods.empty());
  CHECK(snap->monitoring.periods.back() == "2026/27-2");  // "today" is 2027-01-10
  const size_t h1 = std::find(snap->monitoring.periods.begin(), snap->monitoring.periods.end(), "2026/27-1") -
                    snap->monitoring.periods.begin();
  REQUIRE(h1 < snap->monitoring.periods.size());
  auto sessions_held = [&](const AppSnapshot& s) {
    for (const auto& row : s.monitoring.rows)
      if (row.indicator_id == "sessions_held" && row.level == "municipality") return row.values.at(h1).value_or(-1);
    return -1.0;
  };
  // Counted independently: the sessions dated September–December 2026.
  int expected = 0;
  {
    const DeviceReplica replica = demo.open();
    for (const auto& r : all_records(*replica.store, "mentoring_session"))
      expected += str(r, "date") >= "2026-09-01" && str(r, "date") <= "2026-12-31" ? 1 : 0;
  }
  REQUIRE(expected > 0);
  CHECK(sessions_held(*snap) == expected);
  model->post(command::SaveRecord{"mentoring_session", "",
                                  {{"date", "2026-11-15"}, {"format", "offline"}, {"stage", "theory"},
                                   {"mentor_id", kDemoMethodologist}, {"topic", "Ещё одна встреча"}},
                                  ""});
  model->wait_idle();
  REQUIRE(model->snapshot()->feedback.ok);
  CHECK(sessions_held(*model->snapshot()) == expected + 1);
}
