// Monitoring: half-years at their boundaries, the indicator catalogue, and every computed
// indicator on a small programme whose expected values are worked out by hand below.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "shared/monitoring/indicator_catalog.h"
#include "shared/monitoring/indicator_engine.h"
#include "shared/monitoring/period.h"

using namespace nastavnik::monitoring;
using nlohmann::json;

TEST_CASE("half-years of the school year at their boundaries", "[monitoring][period]") {
  CHECK(Period::of_date("2026-08-31")->name() == "2025/26-2");
  CHECK(Period::of_date("2026-09-01")->name() == "2026/27-1");
  CHECK(Period::of_date("2026-12-31")->name() == "2026/27-1");
  CHECK(Period::of_date("2027-01-01")->name() == "2026/27-2");
  CHECK(Period::of_date("2027-08-31")->name() == "2026/27-2");
  CHECK(Period::of_date("2099-09-30")->name() == "2099/00-1");
  const Period h1 = *Period::parse("2026/27-1");
  CHECK(h1.first_day() == "2026-09-01");
  CHECK(h1.last_day() == "2026-12-31");
  CHECK(h1.next().name() == "2026/27-2");
  CHECK(h1.previous().name() == "2025/26-2");
  CHECK(h1.next().first_day() == "2027-01-01");
  CHECK(h1.next().last_day() == "2027-08-31");
  CHECK(h1.next().next() == *Period::parse("2027/28-1"));
  CHECK(h1.contains("2026-09-01"));
  CHECK_FALSE(h1.contains("2026-08-31"));
  CHECK_FALSE(h1.contains(""));
  CHECK(h1 < h1.next());
  for (const char* bad : {"2026/28-1", "2026/27-3", "2026-27-1", "2026/27", "первое полугодие", "", "2026/27-1 "})
    CHECK_FALSE(Period::parse(bad).has_value());
  CHECK_FALSE(Period::of_date("2026-13-01").has_value());
  CHECK_FALSE(Period::of_date("20.12.2026").has_value());
}

TEST_CASE("the shipped indicator catalogue loads; a broken one is refused naming the indicator",
          "[monitoring][catalogue]") {
  auto shipped = IndicatorCatalog::load_dir(std::string(NASTAVNIK_TEST_ASSETS) + "/indicators");
  REQUIRE(shipped.ok());
  CHECK(shipped->all().size() >= 9);
  for (const auto& in : shipped->all()) {
    CAPTURE(in.id);
    CHECK(!in.name_in("ru").empty());
    CHECK(!in.name_in("en").empty());
    CHECK(!in.seed.empty());
  }
  const json good = {{"id", "x"},
                     {"name", {{"ru", "Х"}, {"en", "X"}}},
                     {"definition", {{"ru", "Х"}, {"en", "X"}}},
                     {"kind", "process"},
                     {"unit", "count"},
                     {"levels", {"pair"}},
                     {"source", {{"computed", "count_sessions"}}},
                     {"better", "higher"}};
  CHECK(IndicatorCatalog::from_json({{"format", "nastavnik-indicators"}, {"indicators", {good}}}, "t").ok());
  json unknown_formula = good;
  unknown_formula["source"]["computed"] = "guess";
  auto refused = IndicatorCatalog::from_json({{"format", "nastavnik-indicators"}, {"indicators", {unknown_formula}}}, "t");
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.status().message(), Catch::Contains("indicator x"));
  json bad_level = good;
  bad_level["levels"] = {"region"};
  CHECK_FALSE(IndicatorCatalog::from_json({{"format", "nastavnik-indicators"}, {"indicators", {bad_level}}}, "t").ok());
  CHECK_FALSE(IndicatorCatalog::from_json({{"format", "nastavnik-indicators"}, {"indicators", {good, good}}}, "t").ok());
}

namespace {

void add(MonitoringSource& s, const std::string& entity, const std::string& id, json fields) {
  s.add(entity, id, std::move(fields));
}

// Two schools, two pairs, five people; work in September–December 2026 (2026/27-1) and
// around it. The comments give each expected value's arithmetic.
MonitoringSource programme() {
  MonitoringSource s;
  add(s, "school", "S1", {{"name", "МОУ «Школа № 1»"}, {"short_name", "Школа № 1"}});
  add(s, "school", "S2", {{"name", "МОУ «Школа № 2»"}});
  for (const auto& [id, school] : std::vector<std::pair<const char*, const char*>>{
           {"T1", "S1"}, {"T2", "S1"}, {"T3", "S1"}, {"T4", "S2"}})
    add(s, "person", id, {{"full_name", id}, {"school_id", school}, {"roles", {"teacher"}}});
  add(s, "person", "M1", {{"full_name", "M1"}, {"school_id", "S2"}, {"roles", {"mentor"}}});
  add(s, "pair", "P1", {{"low_school_id", "S1"}, {"partner_school_id", "S2"}});
  add(s, "pair", "P2", {{"low_school_id", "S2"}, {"partner_school_id", "S1"}});

  add(s, "roadmap_event", "E1", {{"pair_id", "P1"}, {"planned_date", "2026-09-10"}, {"status", "done"}});
  add(s, "roadmap_event", "E2", {{"pair_id", "P1"}, {"planned_date", "2026-10-10"}, {"status", "planned"}});
  add(s, "roadmap_event", "E3", {{"pair_id", "P1"}, {"planned_date", "2026-11-10"}, {"status", "cancelled"}});
  add(s, "roadmap_event", "E4", {{"pair_id", "P1"}, {"planned_date", "2027-01-10"}, {"status", "done"}});
  add(s, "roadmap_event", "E5", {{"pair_id", "P2"}, {"planned_date", "2026-12-20"}, {"status", "planned"}});
  add(s, "roadmap_event", "E6", {{"planned_date", "2026-09-15"}, {"status", "done"}});  // municipal

  auto session = [&](const char* id, const char* pair, const char* date, const char* stage, json satisfaction) {
    json f = {{"pair_id", pair}, {"date", date}, {"stage", stage}};
    if (!satisfaction.is_null()) f["satisfaction"] = satisfaction;
    add(s, "mentoring_session", id, f);
  };
  session("Sa", "P1", "2026-09-20", "theory", 5);
  session("Sb", "P1", "2026-10-01", "theory", 4);
  session("Sc", "P1", "2026-11-01", "trial_lessons", nullptr);
  session("Sd", "P2", "2026-09-05", "positive_experience", 3);
  session("Se", "P1", "2026-08-31", "theory", 1);  // the previous half-year
  session("Sf", "P2", "2027-01-01", "theory", 2);  // the next one

  add(s, "lesson_visit", "V1", {{"pair_id", "P1"}, {"date", "2026-10-05"}, {"scores", {{"a", 2}, {"b", 1}}}});
  add(s, "lesson_visit", "V2", {{"pair_id", "P1"}, {"date", "2026-12-31"}, {"scores", {{"a", 0}, {"b", 0}, {"c", 1}}}});
  add(s, "lesson_visit", "V3", {{"pair_id", "P2"}, {"date", "2026-09-01"}, {"scores", json::object()}});
  add(s, "lesson_visit", "V4", {{"date", "2026-10-10"}, {"scores", {{"a", 2}}}});

  auto assessment = [&](const char* id, const char* person, const char* date, json deficits,
                        const char* instrument = "teacher_deficits") {
    add(s, "self_assessment", id,
        {{"instrument_id", instrument}, {"person_id", person}, {"date", date}, {"deficits", deficits}});
  };
  assessment("A1", "T1", "2026-09-10", {"x"});
  assessment("A2", "T1", "2026-12-01", json::array());  // T1's latest of the period: no deficit
  assessment("A3", "T2", "2026-10-10", {"y"});
  assessment("A4", "T4", "2027-02-01", {"z"});                      // the next half-year
  assessment("A5", "T3", "2026-10-01", json::array(), "satisfaction");  // another questionnaire

  add(s, "route_step", "R1", {{"teacher_id", "T1"}, {"due_date", "2026-10-01"}, {"done", true}});
  add(s, "route_step", "R2", {{"teacher_id", "T1"}, {"due_date", "2026-11-01"}, {"done", false}});
  add(s, "route_step", "R3", {{"teacher_id", "T4"}, {"due_date", "2026-12-15"}, {"done", false}});
  add(s, "route_step", "R4", {{"teacher_id", "T2"}, {"due_date", "2027-03-01"}, {"done", true}});
  return s;
}

std::optional<double> value(const PeriodResult& r, const char* indicator, const char* level, const char* subject = "") {
  const IndicatorValue* v = r.find(indicator, level, subject);
  REQUIRE(v != nullptr);
  return v->value;
}

}  // namespace

TEST_CASE("every computed indicator on a programme worked out by hand", "[monitoring][engine]") {
  auto catalog = IndicatorCatalog::load_dir(std::string(NASTAVNIK_TEST_ASSETS) + "/indicators");
  REQUIRE(catalog.ok());
  const MonitoringSource s = programme();
  const Period h1 = *Period::parse("2026/27-1");
  const PeriodResult r = compute_indicators(*catalog, s, h1);

  // Events: P1 planned E1 (done), E2 (E3 cancelled, E4 in January) -> 1/2; P2 has E5 not held
  // -> 0/1; the municipality adds its own E6 (done) -> E1, E6 of E1, E2, E5, E6 = 2/4.
  CHECK(*value(r, "events_done_share", "pair", "P1") == Approx(0.5));
  CHECK(*value(r, "events_done_share", "pair", "P2") == Approx(0.0));
  CHECK(*value(r, "events_done_share", "municipality") == Approx(0.5));
  // Sessions: P1 Sa, Sb, Sc (Se is August) = 3; P2 Sd = 1 (Sf is January); 4 in all.
  CHECK(*value(r, "sessions_held", "pair", "P1") == 3);
  CHECK(*value(r, "sessions_held", "pair", "P2") == 1);
  CHECK(*value(r, "sessions_held", "municipality") == 4);
  // Stages: P1 theory and trial_lessons = 2; P2 positive_experience = 1; mean of pairs 1.5.
  CHECK(*value(r, "chain_stages_covered", "pair", "P1") == 2);
  CHECK(*value(r, "chain_stages_covered", "pair", "P2") == 1);
  CHECK(*value(r, "chain_stages_covered", "municipality") == Approx(1.5));
  // Visits: P1 V1, V2 = 2; P2 V3 = 1; with V4 (no pair) 4.
  CHECK(*value(r, "visits_held", "pair", "P1") == 2);
  CHECK(*value(r, "visits_held", "pair", "P2") == 1);
  CHECK(*value(r, "visits_held", "municipality") == 4);
  // Protocol means: V1 (2+1)/2 = 1.5, V2 (0+0+1)/3 = 1/3; P1 (1.5 + 1/3)/2 = 11/12; V3 has
  // no scores, so P2 has none; the municipality (1.5 + 1/3 + 2)/3 = 23/18.
  CHECK(*value(r, "visit_mean_score", "pair", "P1") == Approx(11.0 / 12.0));
  CHECK_FALSE(value(r, "visit_mean_score", "pair", "P2").has_value());
  CHECK(*value(r, "visit_mean_score", "municipality") == Approx(23.0 / 18.0));
  // Assessed: S1 T1, T2 of T1, T2, T3 = 2/3 (T3's is another questionnaire); S2 T4 only in
  // February = 0/1; the municipality 2/4 (M1 is no teacher).
  CHECK(*value(r, "teachers_assessed_share", "school", "S1") == Approx(2.0 / 3.0));
  CHECK(*value(r, "teachers_assessed_share", "school", "S2") == Approx(0.0));
  CHECK(*value(r, "teachers_assessed_share", "municipality") == Approx(0.5));
  // With a deficit: T1's latest (A2) has none, T2's has one -> 1/2; S2 nobody assessed.
  CHECK(*value(r, "teachers_with_deficit_share", "school", "S1") == Approx(0.5));
  CHECK_FALSE(value(r, "teachers_with_deficit_share", "school", "S2").has_value());
  CHECK(*value(r, "teachers_with_deficit_share", "municipality") == Approx(0.5));
  // Route steps due: S1 R1 (done), R2 -> 1/2; S2 R3 -> 0/1; all 1/3 (R4 is March).
  CHECK(*value(r, "route_steps_done_share", "school", "S1") == Approx(0.5));
  CHECK(*value(r, "route_steps_done_share", "school", "S2") == Approx(0.0));
  CHECK(*value(r, "route_steps_done_share", "municipality") == Approx(1.0 / 3.0));
  // Satisfaction: P1 (5+4)/2 = 4.5 (Sc has none); P2 3; all (5+4+3)/3 = 4.
  CHECK(*value(r, "satisfaction_mean", "pair", "P1") == Approx(4.5));
  CHECK(*value(r, "satisfaction_mean", "pair", "P2") == Approx(3.0));
  CHECK(*value(r, "satisfaction_mean", "municipality") == Approx(4.0));
  // What an indicator was computed from.
  const IndicatorValue* sessions = r.find("sessions_held", "pair", "P1");
  CHECK(std::set<std::string>(sessions->record_ids.begin(), sessions->record_ids.end()) ==
        std::set<std::string>{"Sa", "Sb", "Sc"});
  // Indicators are given only at their levels.
  CHECK(r.find("sessions_held", "school", "S1") == nullptr);
  CHECK(r.find("teachers_assessed_share", "pair", "P1") == nullptr);
}

TEST_CASE("problem zones, deficit areas, risk profiles, routes and satisfaction answers worked out by hand",
          "[monitoring][engine]") {
  auto catalog = IndicatorCatalog::load_dir(std::string(NASTAVNIK_TEST_ASSETS) + "/indicators");
  REQUIRE(catalog.ok());
  MonitoringSource s = programme();
  // Two more pairs with problem zones (P1 and P2 have none).
  add(s, "pair", "P3", {{"low_school_id", "S1"}, {"partner_school_id", "S2"},
                        {"problem_zones", {"Оценочная рефлексия", "Функциональная грамотность"}}});
  add(s, "pair", "P4", {{"low_school_id", "S2"}, {"partner_school_id", "S1"}, {"problem_zones", {"Работа с родителями"}}});
  add(s, "mentoring_session", "S3a", {{"pair_id", "P3"}, {"date", "2026-10-02"}, {"stage", "theory"},
                                      {"topic", "Теория: оценочная РЕФЛЕКСИЯ на уроке"}});
  add(s, "mentoring_session", "S3b", {{"pair_id", "P3"}, {"date", "2027-01-15"}, {"stage", "theory"},
                                      {"topic", "Итоги"}, {"agreed_actions", "Функциональная грамотность"}});
  add(s, "roadmap_event", "E7", {{"pair_id", "P3"}, {"planned_date", "2026-11-11"}, {"status", "planned"},
                                 {"title", "Функциональная грамотность"}});
  add(s, "roadmap_event", "E8", {{"pair_id", "P4"}, {"planned_date", "2026-11-12"}, {"status", "done"},
                                 {"title", "Семинар"}, {"report", "Проведена работа с родителями пятиклассников"}});
  // More deficit questionnaires: T3 shows y and x; T4's latest (A8) shows y only.
  auto questionnaire = [&](const char* id, json fields) { add(s, "self_assessment", id, std::move(fields)); };
  questionnaire("A6", {{"instrument_id", "teacher_deficits"}, {"person_id", "T3"}, {"date", "2026-11-20"}, {"deficits", {"y", "x"}}});
  questionnaire("A7", {{"instrument_id", "teacher_deficits"}, {"person_id", "T4"}, {"date", "2026-10-01"}, {"deficits", {"x"}}});
  questionnaire("A8", {{"instrument_id", "teacher_deficits"}, {"person_id", "T4"}, {"date", "2026-12-10"}, {"deficits", {"y"}}});
  // Risk profiles: S1's latest (RP2) shows staffing only; S2's shows nothing; RP4 is February;
  // RP5 is a person's questionnaire, not a school's profile.
  questionnaire("RP1", {{"instrument_id", "school_risk"}, {"school_id", "S1"}, {"date", "2026-09-15"}, {"deficits", {"staffing", "social_situation"}}});
  questionnaire("RP2", {{"instrument_id", "school_risk"}, {"school_id", "S1"}, {"date", "2026-12-01"}, {"deficits", {"staffing"}}});
  questionnaire("RP3", {{"instrument_id", "school_risk"}, {"school_id", "S2"}, {"date", "2026-10-01"}, {"deficits", json::array()}});
  questionnaire("RP4", {{"instrument_id", "school_risk"}, {"school_id", "S2"}, {"date", "2027-02-01"}, {"deficits", {"staffing"}}});
  questionnaire("RP5", {{"instrument_id", "school_risk"}, {"school_id", "S2"}, {"person_id", "T4"}, {"date", "2026-12-20"},
                        {"deficits", {"learning_failure"}}});
  // Routes: T1 twice (counted once), T2 active, T4 only a draft.
  add(s, "individual_route", "IR1", {{"teacher_id", "T1"}, {"status", "active"}});
  add(s, "individual_route", "IR2", {{"teacher_id", "T1"}, {"status", "completed"}});
  add(s, "individual_route", "IR3", {{"teacher_id", "T4"}, {"status", "draft"}});
  add(s, "individual_route", "IR4", {{"teacher_id", "T2"}, {"status", "active"}});

  const PeriodResult r = compute_indicators(*catalog, s, *Period::parse("2026/27-1"));
  // Zones: P3 — «оценочная рефлексия» is in S3a's topic (in capitals); «функциональная
  // грамотность» only in January's S3b and in E7, which was not held -> 1/2. P4 — E8's
  // report names «работа с родителями» -> 1/1. P1, P2 have no zones. All: 2 of 3.
  CHECK(*value(r, "problem_zones_addressed_share", "pair", "P3") == Approx(0.5));
  CHECK(*value(r, "problem_zones_addressed_share", "pair", "P4") == Approx(1.0));
  CHECK_FALSE(value(r, "problem_zones_addressed_share", "pair", "P1").has_value());
  CHECK(*value(r, "problem_zones_addressed_share", "municipality") == Approx(2.0 / 3.0));
  // Deficit areas of the latest questionnaires (T1 A2: none, T2 A3: y, T3 A6: y x, T4 A8: y):
  // y 3 teachers, x 1 — y listed first.
  const IndicatorValue* y = r.find("deficit_area_teachers", "municipality", "", "y");
  const IndicatorValue* x = r.find("deficit_area_teachers", "municipality", "", "x");
  REQUIRE(y != nullptr);
  REQUIRE(x != nullptr);
  CHECK(*y->value == 3);
  CHECK(*x->value == 1);
  CHECK(std::set<std::string>(y->record_ids.begin(), y->record_ids.end()) == std::set<std::string>{"A3", "A6", "A8"});
  CHECK(y < x);  // most frequent first in the result
  CHECK(r.find("deficit_area_teachers", "municipality", "", "z") == nullptr);  // A4 is February
  // Risk kinds of the latest profiles: only staffing is shown (RP2); S1 1, S2 0, one school.
  CHECK(*r.find("risk_kind_schools", "school", "S1", "staffing")->value == 1);
  CHECK(*r.find("risk_kind_schools", "school", "S2", "staffing")->value == 0);
  CHECK(*r.find("risk_kind_schools", "municipality", "", "staffing")->value == 1);
  CHECK(r.find("risk_kind_schools", "municipality", "", "social_situation") == nullptr);
  CHECK(r.find("risk_kind_schools", "municipality", "", "learning_failure") == nullptr);
  // Routes: S1 T1 and T2 = 2; S2 none (a draft); all 2.
  CHECK(*value(r, "teachers_with_route", "school", "S1") == 2);
  CHECK(*value(r, "teachers_with_route", "school", "S2") == 0);
  CHECK(*value(r, "teachers_with_route", "municipality") == 2);
  // Satisfaction answers: P1 Sa, Sb = 2 (Sc unrated); P2 Sd = 1; P3 none; all 3.
  CHECK(*value(r, "satisfaction_answers", "pair", "P1") == 2);
  CHECK(*value(r, "satisfaction_answers", "pair", "P2") == 1);
  CHECK(*value(r, "satisfaction_answers", "pair", "P3") == 0);
  CHECK(*value(r, "satisfaction_answers", "municipality") == 3);
  // The latest period with data as of a December day is not the next half-year.
  CHECK(latest_period_with_data(s, "2026-12-07")->name() == "2026/27-1");
  CHECK(latest_period_with_data(s)->name() == "2026/27-2");
}

TEST_CASE("the observation protocol's areas: each visit's area mean, then the mean over visits, weakest first",
          "[monitoring][engine]") {
  auto catalog = IndicatorCatalog::load_dir(std::string(NASTAVNIK_TEST_ASSETS) + "/indicators");
  REQUIRE(catalog.ok());
  auto protocol = nastavnik::Instrument::from_json(
      {{"id", "obs"}, {"version", 1}, {"kind", "observation_protocol"}, {"subject", "person"},
       {"title", {{"ru", "П"}, {"en", "P"}}},
       {"scale", {{"min", 0}, {"max", 3}, {"labels", {{"ru", {"0", "1", "2", "3"}}, {"en", {"0", "1", "2", "3"}}}}}},
       {"scoring", {{"direction", "higher_is_better"}, {"threshold", 1.0}}},
       {"areas", {{{"id", "A"}, {"title", {{"ru", "А"}, {"en", "A"}}}}, {{"id", "B"}, {"title", {{"ru", "Б"}, {"en", "B"}}}}}},
       {"items", {{{"id", "a1"}, {"area", "A"}, {"text", {{"ru", "1"}, {"en", "1"}}}},
                  {{"id", "a2"}, {"area", "A"}, {"text", {{"ru", "2"}, {"en", "2"}}}},
                  {{"id", "b1"}, {"area", "B"}, {"text", {{"ru", "3"}, {"en", "3"}}}}}}});
  REQUIRE(protocol.ok());
  nastavnik::InstrumentRegistry instruments;
  REQUIRE(instruments.add(*protocol).ok());
  MonitoringSource s = programme();  // its visits name no protocol: they do not count here
  auto visit = [&](const char* id, const char* date, json scores) {
    add(s, "lesson_visit", id, {{"pair_id", "P1"}, {"date", date}, {"protocol_id", "obs"}, {"protocol_version", 1},
                                {"scores", std::move(scores)}});
  };
  visit("VP1", "2026-10-01", {{"a1", 2}, {"a2", 1}, {"b1", 0}});  // A (2+1)/2 = 1.5, B 0
  visit("VP2", "2026-11-01", {{"a1", 3}, {"b1", 2}});             // A 3, B 2
  visit("VP3", "2027-02-01", {{"a1", 0}, {"b1", 0}});             // the next half-year
  visit("VP4", "2026-11-02", {{"zz", 3}});                        // no item of the protocol
  const PeriodResult r = compute_indicators(*catalog, s, *Period::parse("2026/27-1"), "", &instruments);
  const IndicatorValue* a = r.find("visit_area_score", "municipality", "", "A");
  const IndicatorValue* b = r.find("visit_area_score", "municipality", "", "B");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(*a->value == Approx(2.25));  // (1.5 + 3) / 2
  CHECK(*b->value == Approx(1.0));   // (0 + 2) / 2
  CHECK(b < a);                      // the weakest area first
  // Without the instruments there is nothing to place the items in.
  const PeriodResult blind = compute_indicators(*catalog, s, *Period::parse("2026/27-1"));
  CHECK(blind.find("visit_area_score", "municipality", "", "A") == nullptr);
}

TEST_CASE("a report made during the half-year does not count what is not yet due as missed", "[monitoring][engine]") {
  auto catalog = IndicatorCatalog::load_dir(std::string(NASTAVNIK_TEST_ASSETS) + "/indicators");
  REQUIRE(catalog.ok());
  const PeriodResult r = compute_indicators(*catalog, programme(), *Period::parse("2026/27-1"), "2026-12-01");
  // E5 (20 December) and R3 (15 December) are not due on 1 December.
  CHECK_FALSE(value(r, "events_done_share", "pair", "P2").has_value());
  CHECK(*value(r, "events_done_share", "municipality") == Approx(2.0 / 3.0));
  CHECK_FALSE(value(r, "route_steps_done_share", "school", "S2").has_value());
  CHECK(*value(r, "route_steps_done_share", "municipality") == Approx(0.5));
}

TEST_CASE("empty periods, the previous half-year, and the latest period with data", "[monitoring][engine]") {
  auto catalog = IndicatorCatalog::load_dir(std::string(NASTAVNIK_TEST_ASSETS) + "/indicators");
  REQUIRE(catalog.ok());
  const MonitoringSource s = programme();
  // Before the programme: counts are zero, shares and means have nothing to be computed from.
  const PeriodResult empty = compute_indicators(*catalog, s, *Period::parse("2020/21-1"));
  CHECK(*value(empty, "sessions_held", "pair", "P1") == 0);
  CHECK(*value(empty, "chain_stages_covered", "municipality") == 0);
  CHECK_FALSE(value(empty, "events_done_share", "municipality").has_value());
  CHECK_FALSE(value(empty, "satisfaction_mean", "pair", "P1").has_value());
  // S1 has teachers, none assessed then: a share of 0, not a missing value.
  CHECK(*value(empty, "teachers_assessed_share", "school", "S1") == 0.0);
  // August 2026 belongs to 2025/26-2: Se only.
  const PeriodResult before = compute_indicators(*catalog, s, *Period::parse("2025/26-2"));
  CHECK(*value(before, "sessions_held", "pair", "P1") == 1);
  CHECK(*value(before, "satisfaction_mean", "pair", "P1") == Approx(1.0));
  // Sf (January 2027), A4 (February) and E4 (held in January) are the latest work.
  CHECK(latest_period_with_data(s)->name() == "2026/27-2");
  CHECK_FALSE(latest_period_with_data(MonitoringSource{}).has_value());
  CHECK(direction(4.5, 1.0) == "up");
  CHECK(direction(1.0, 4.5) == "down");
  CHECK(direction(1.0, 1.0) == "same");
  CHECK(direction(std::nullopt, 1.0).empty());
}

TEST_CASE("schools' reported figures: the latest of the period, summed or averaged; missing when not reported",
          "[monitoring][engine][reported]") {
  auto catalog = IndicatorCatalog::load_dir(std::string(NASTAVNIK_TEST_ASSETS) + "/indicators");
  REQUIRE(catalog.ok());
  MonitoringSource s = programme();
  auto figure = [&](const char* id, const char* school, const char* indicator, const char* period, double value) {
    add(s, "indicator_value", id, {{"school_id", school}, {"indicator", indicator}, {"period", period}, {"value", value}});
  };
  // Ids are time-ordered: ...02 was written after ...01.
  figure("00000000-0000-7000-8000-0000000000a1", "S1", "ior", "2026/27-1", 0.5);
  figure("00000000-0000-7000-8000-0000000000a2", "S1", "ior", "2026/27-1", 0.7);  // S1 corrected it
  figure("00000000-0000-7000-8000-0000000000a3", "S2", "ior", "2026/27-1", 0.3);
  figure("00000000-0000-7000-8000-0000000000a4", "S1", "teachers_top_category", "2026/27-1", 5);
  figure("00000000-0000-7000-8000-0000000000a5", "S2", "teachers_top_category", "2025/26-2", 4);  // another period
  const PeriodResult r = compute_indicators(*catalog, s, *Period::parse("2026/27-1"));
  CHECK(*value(r, "ior", "school", "S1") == Approx(0.7));
  CHECK(*value(r, "ior", "school", "S2") == Approx(0.3));
  CHECK(*value(r, "ior", "municipality") == Approx(0.5));  // the mean of 0.7 and 0.3
  CHECK(*value(r, "teachers_top_category", "school", "S1") == 5);
  CHECK_FALSE(value(r, "teachers_top_category", "school", "S2").has_value());  // not reported, not 0
  CHECK(*value(r, "teachers_top_category", "municipality") == 5);               // the sum of those reported
  CHECK_FALSE(value(r, "olympiad_winners", "municipality").has_value());        // nobody reported
  CHECK(r.find("ior", "pair", "P1") == nullptr);                                // a school's figure only

  // What the window and the CLI check before a figure is written.
  CHECK(check_reported_value(*catalog, {{"indicator", "ior"}, {"period", "2026/27-1"}, {"value", 0.7}}).empty());
  const auto out_of_range = check_reported_value(*catalog, {{"indicator", "ior"}, {"period", "2026/27-1"}, {"value", 7}});
  REQUIRE(out_of_range.size() == 1);
  CHECK(out_of_range[0].field == "value");
  CHECK(out_of_range[0].params.at("max") == "1");
  const auto free_text = check_reported_value(*catalog, {{"indicator", "ior"}, {"period", "первое полугодие"}, {"value", 0.7}});
  REQUIRE(free_text.size() == 1);
  CHECK(free_text[0].field == "period");
  // A computed indicator is not entered by hand.
  const auto computed = check_reported_value(*catalog, {{"indicator", "sessions_held"}, {"period", "2026/27-1"}, {"value", 3}});
  REQUIRE(computed.size() == 1);
  CHECK(computed[0].field == "indicator");
}
