#include "tests/support/demo_replica.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "shared/assets_dir.h"
#include "shared/domain/instrument.h"
#include "shared/domain/registry_file.h"

namespace nastavnik::testing {
namespace {

using nlohmann::json;

// The school year the demo covers, month by month.
constexpr std::array<const char*, 9> kMonths = {"2026-09", "2026-10", "2026-11", "2026-12", "2027-01",
                                                "2027-02", "2027-03", "2027-04", "2027-05"};
constexpr std::array<const char*, 8> kStages = {"theory",           "positive_experience", "trial_lessons",
                                                "joint_analysis",   "recommendations",     "individual_trials",
                                                "mentoring_groups", "joint_summary"};
// A topic typical of each stage of the chain, in its order.
constexpr std::array<const char*, 8> kStageTopics = {
    "Теоретический семинар: приёмы формирующего оценивания",
    "Открытый урок наставника: смысловое чтение на уроке",
    "Пробный урок: организация групповой работы",
    "Совместный анализ пробного урока по протоколу наблюдения",
    "Методические рекомендации по итогам анализа уроков",
    "Самостоятельная апробация приёмов в своих классах",
    "Работа наставнической группы: взаимопосещение уроков",
    "Совместное подведение итогов этапа «обучения действием»"};
constexpr std::array<const char*, 4> kStepTitles = {
    "Изучить методические материалы по дефициту", "Посетить открытый урок наставника",
    "Провести пробный урок и разобрать его с тьютором", "Представить опыт на школьном методическом объединении"};

// Fixed ids: 00000000-0000-7000-8000-<kind:4 hex><index:8 hex>. The registry file uses
// kinds 0001-0006; the generated records start at 0010.
constexpr unsigned kSessionIds = 0x10, kVisitIds = 0x11, kAssessmentIds = 0x12, kRouteIds = 0x13, kStepIds = 0x14,
                   kReviewIds = 0x15, kRiskIds = 0x16, kNoteIds = 0x17, kFigureIds = 0x18, kBulkSessionIds = 0x20;

std::string demo_id(unsigned kind, uint64_t index) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "00000000-0000-7000-8000-%04x%08llx", kind & 0xffffu,
                static_cast<unsigned long long>(index & 0xffffffffu));
  return buf;
}

std::string date_in(size_t month, int day) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-%02d", kMonths[month % kMonths.size()], day);
  return buf;
}

// "YYYY-MM-DD" plus `days` (all demo dates stay within 28-day-safe months).
std::string plus_days(const std::string& date, int days) {
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)), d = std::stoi(date.substr(8, 2)) + days;
  static constexpr int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  while (d > kLen[m - 1]) {
    d -= kLen[m - 1];
    if (++m == 13) {
      m = 1;
      ++y;
    }
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

struct Assignment {
  std::string pair, kind, mentor, mode;
  std::vector<std::string> mentees;
};

// What the generator needs from the registry file.
struct Registry {
  std::vector<Assignment> assignments;
  std::map<std::string, json> people, pairs;

  explicit Registry(const RegistryFile& file) {
    for (const auto& e : file.entries) {
      if (e.entity == "person") people[e.id] = e.fields;
      if (e.entity == "pair") pairs[e.id] = e.fields;
      if (e.entity != "assignment") continue;
      Assignment a{e.fields.value("pair_id", ""), e.fields.value("kind", ""), e.fields.value("mentor_id", ""),
                   e.fields.value("mode", "offline"), {}};
      for (const auto& m : e.fields.value("mentee_ids", json::array())) a.mentees.push_back(m.get<std::string>());
      assignments.push_back(std::move(a));
    }
  }
  std::string low_school(const std::string& pair) const { return pairs.at(pair).value("low_school_id", ""); }
  std::string subject(const std::string& person) const { return people.at(person).value("subject", "Математика"); }
};

json session_fields(const Assignment& a, size_t stage, bool other_mode, const std::string& date) {
  return {{"pair_id", a.pair},
          {"mentor_id", a.mentor},
          {"mentees", a.mentees},
          {"date", date},
          {"format", other_mode ? (a.mode == "online" ? "offline" : "online") : a.mode},
          {"stage", kStages[stage % kStages.size()]},
          {"topic", kStageTopics[stage % kStageTopics.size()]}};
}

void add_sessions(const Registry& reg, std::vector<NewRecord>& out) {
  uint64_t n = 0;
  for (size_t a = 0; a < reg.assignments.size(); ++a) {
    const Assignment& as = reg.assignments[a];
    for (size_t j = 0; j < 3 + a % 3; ++j) {
      const std::string date = date_in(a + 2 * j, 3 + static_cast<int>((a * 5 + j * 7) % 24));
      json f = session_fields(as, a + j, j % 2 == 1, date);
      f["duration_min"] = 45 + 15 * static_cast<int>(j % 3);
      f["notes"] = "Обсудили результаты предыдущего этапа и трудности учеников.";
      f["agreed_actions"] = "Подготовить фрагмент урока с новым приёмом к следующей встрече.";
      // Every other assignment names its pair's problem zone in what it agreed, so the
      // coverage of problem zones is neither nothing nor everything.
      const json zones = reg.pairs.at(as.pair).value("problem_zones", json::array());
      if (a % 2 == 0 && j == 1 && !zones.empty())
        f["agreed_actions"] = "Проблемная зона «" + zones[0].get<std::string>() + "»: подготовить фрагмент урока к следующей встрече.";
      f["satisfaction"] = 4 + static_cast<int>(j % 2);
      if (j % 2 == 0) f["next_date"] = plus_days(date, 14);
      if (j % 3 == 1) f["reflection"] = "Приём работает, но нужно больше времени на обратную связь.";
      out.push_back({"mentoring_session", demo_id(kSessionIds, ++n), f});
    }
  }
}

void add_visits(const Registry& reg, const Instrument& protocol, std::vector<NewRecord>& out) {
  uint64_t n = 0;
  for (size_t a = 0; a < reg.assignments.size(); ++a) {
    const Assignment& as = reg.assignments[a];
    if (as.kind != "teacher_teacher") continue;
    for (size_t v = 0; v < 2; ++v) {
      const std::string date = date_in(a + 3 * v + 1, 10 + static_cast<int>(v) * 5);
      json scores = json::object();
      for (size_t k = 0; k < protocol.items.size(); ++k) scores[protocol.items[k].id] = static_cast<int>((a + v + k) % 3);
      out.push_back({"lesson_visit", demo_id(kVisitIds, ++n),
                     {{"visitor_id", as.mentor},
                      {"teacher_id", as.mentees[v % as.mentees.size()]},
                      {"host_school_id", reg.low_school(as.pair)},
                      {"pair_id", as.pair},
                      {"date", date},
                      {"subject", reg.subject(as.mentor)},
                      {"grade", 5 + static_cast<int>((a + v) % 5)},
                      {"purpose", "Наблюдение за применением приёмов формирующего оценивания"},
                      {"protocol_id", protocol.id},
                      {"protocol_version", protocol.version},
                      {"scores", scores},
                      {"strengths", "Чёткая постановка цели урока, доброжелательный климат."},
                      {"recommendations", "Чаще давать ученикам критерии оценивания до начала работы."},
                      {"follow_up_date", plus_days(date, 21)}}});
    }
  }
}

// Answers of teacher `t` to `inst`, better at each later `round`; one area is left open in
// some first rounds so trends have gaps.
json deficit_answers(const Instrument& inst, size_t t, int round) {
  json answers = json::object();
  for (const auto& item : inst.items) {
    const auto area = std::find_if(inst.areas.begin(), inst.areas.end(), [&](const auto& x) { return x.id == item.area; });
    const size_t area_index = static_cast<size_t>(area - inst.areas.begin());
    if (round == 0 && t % 4 == 1 && item.area == "gifted_routes") continue;
    answers[item.id] = std::min(3, static_cast<int>((t + area_index * 2) % 4) + round);
  }
  return answers;
}

// Low-results schools' teachers: the mentees of teacher–teacher assignments.
std::vector<std::string> mentee_teachers(const Registry& reg) {
  std::vector<std::string> out;
  for (const auto& a : reg.assignments)
    if (a.kind == "teacher_teacher") out.insert(out.end(), a.mentees.begin(), a.mentees.end());
  return out;
}

Status add_assessments(const Registry& reg, const InstrumentRegistry& instruments, std::vector<NewRecord>& out,
                       std::map<std::string, json>& first_deficits) {
  const Instrument* v1 = instruments.find("teacher_deficits", 1);
  const Instrument* v2 = instruments.find("teacher_deficits", 2);
  const Instrument* satisfaction = instruments.latest("satisfaction");
  const Instrument* risk = instruments.latest("school_risk");
  if (!v1 || !v2 || !satisfaction || !risk) return Status::NotFound("the demo needs the shipped instruments");
  uint64_t n = 0;
  auto add = [&](json fields) -> Status {
    auto errors = instruments.prepare_self_assessment(fields);
    if (!errors.empty()) return Status::Internal("demo self-assessment does not fit its instrument: " + errors[0].field);
    out.push_back({"self_assessment", demo_id(kAssessmentIds, ++n), fields});
    return Status::Ok();
  };
  const auto teachers = mentee_teachers(reg);
  // The last teacher never fills it in, so a school has someone not yet assessed.
  for (size_t t = 0; t + 1 < teachers.size(); ++t) {
    const std::vector<std::pair<std::string, const Instrument*>> rounds = {
        {"2026-09-14", v1}, {"2027-01-18", v2}, {"2027-05-17", v2}};
    const size_t count = t % 3 == 0 ? 3 : t % 3 == 1 ? 2 : 1;
    for (size_t r = 0; r < count; ++r) {
      const Instrument* inst = rounds[r].second;
      NASTAVNIK_RETURN_IF_ERROR(add({{"instrument_id", inst->id}, {"instrument_version", inst->version},
                                     {"person_id", teachers[t]}, {"date", rounds[r].first},
                                     {"answers", deficit_answers(*inst, t, static_cast<int>(r))}}));
      if (r == 0) first_deficits[teachers[t]] = out.back().fields["deficits"];
    }
  }
  for (size_t t = 0; t < 3; ++t) {
    json answers = json::object();
    for (const auto& item : satisfaction->items) answers[item.id] = 4 + static_cast<int>(t % 2);
    NASTAVNIK_RETURN_IF_ERROR(add({{"instrument_id", satisfaction->id}, {"instrument_version", satisfaction->version},
                                   {"person_id", teachers[t]}, {"date", "2027-05-20"}, {"answers", answers}}));
  }
  // Each low-results school's risk profile in September and again in February, when one of
  // its risks has come down.
  for (const auto& [date, easing] : std::vector<std::pair<const char*, int>>{{"2026-09-10", 0}, {"2027-02-10", 1}}) {
    int school = 0;
    for (const auto& [pair, fields] : reg.pairs) {
      json answers = json::object();
      for (const auto& item : risk->items) {
        const auto area = std::find_if(risk->areas.begin(), risk->areas.end(), [&](const auto& x) { return x.id == item.area; });
        const int a = static_cast<int>(area - risk->areas.begin());
        const int level = (school + a) % 4;
        answers[item.id] = level == 3 ? 3 - 2 * easing : level;
      }
      ++school;
      NASTAVNIK_RETURN_IF_ERROR(add({{"instrument_id", risk->id}, {"instrument_version", risk->version},
                                     {"school_id", reg.low_school(pair)}, {"date", date}, {"answers", answers}}));
    }
  }
  return Status::Ok();
}

void add_routes(const Registry& reg, const std::map<std::string, json>& first_deficits, std::vector<NewRecord>& out) {
  const auto teachers = mentee_teachers(reg);
  uint64_t routes = 0, steps = 0;
  for (size_t t = 0; t < teachers.size() && t <= 9; t += 3) {
    const std::string& teacher = teachers[t];
    std::string tutor;
    for (const auto& a : reg.assignments)
      if (std::find(a.mentees.begin(), a.mentees.end(), teacher) != a.mentees.end()) tutor = a.mentor;
    std::vector<std::string> deficits;
    if (auto it = first_deficits.find(teacher); it != first_deficits.end())
      for (const auto& d : it->second)
        if (deficits.size() < 2) deficits.push_back(d.get<std::string>());
    if (deficits.empty()) deficits.push_back("modern_lesson");
    const size_t done = t == 9 ? kStepTitles.size() : t / 3;
    const std::string route = demo_id(kRouteIds, ++routes);
    out.push_back({"individual_route", route,
                   {{"teacher_id", teacher},
                    {"tutor_id", tutor},
                    {"title", "Индивидуальный образовательный маршрут на 2026/27 учебный год"},
                    {"deficits", deficits},
                    {"status", done == kStepTitles.size() ? "completed" : "active"}}});
    for (size_t s = 0; s < kStepTitles.size(); ++s)
      out.push_back({"route_step", demo_id(kStepIds, ++steps),
                     {{"route_id", route},
                      {"teacher_id", teacher},
                      {"title", kStepTitles[s]},
                      {"deficit", deficits[s % deficits.size()]},
                      {"due_date", date_in(1 + 2 * s, 25)},
                      {"done", s < done}}});
  }
}

void add_reviews(const Registry& reg, std::vector<NewRecord>& out) {
  uint64_t n = 0, p = 0;
  for (const auto& [pair, fields] : reg.pairs) {
    std::string mentor;
    for (const auto& a : reg.assignments)
      if (a.pair == pair && a.kind == "leader_leader") mentor = a.mentor;
    out.push_back({"pair_review", demo_id(kReviewIds, ++n),
                   {{"pair_id", pair},
                    {"author_id", mentor},
                    {"date", "2026-12-21"},
                    {"summary", "План первого полугодия выполняется: проведены семинары, начаты взаимопосещения."},
                    {"recommendations", "Усилить работу с учителями, не прошедшими самообследование."}}});
    if (++p > 3) continue;
    out.push_back({"pair_review", demo_id(kReviewIds, ++n),
                   {{"pair_id", pair},
                    {"author_id", mentor},
                    {"date", "2027-03-25"},
                    {"summary", "Пробные уроки проведены, по итогам анализа подготовлены рекомендации."},
                    {"recommendations", "Запланировать открытые уроки учителей школы к концу года."}}});
  }
}

// The programme's risk register (seed 003 §7), the half-years' conclusions, recommendations
// and decisions, and the figures three low-results schools reported.
void add_programme_records(const Registry& reg, std::vector<NewRecord>& out) {
  const std::vector<std::array<const char*, 5>> risks = {
      {"Отсутствие или неполнота отдельных нормативно-правовых документов на момент начала внедрения программы",
       "low", "medium", "Типовые локальные акты подготовлены муниципальной методической службой", "closed"},
      {"Недостаточность профессиональной инициативы и компетентности у отдельных педагогов", "high", "high",
       "Индивидуальные образовательные маршруты по итогам самообследования, наставничество «учитель – учитель»",
       "mitigating"},
      {"Неготовность образовательной организации выстраивать партнёрские отношения со школами-лидерами", "medium",
       "high", "Совместные педагогические советы пар, договоры о сетевом взаимодействии", "mitigating"},
      {"Неполнота ресурсной базы для реализации отдельных мероприятий программы", "medium", "medium",
       "Совместное использование оборудования ресурсных центров", "open"},
      {"Низкий уровень мотивации руководителей и педагогических работников", "medium", "high",
       "Представление опыта на муниципальных семинарах, поощрение наставников", "open"}};
  uint64_t n = 0;
  for (const auto& [title, likelihood, impact, mitigation, status] : risks)
    out.push_back({"programme_risk", demo_id(kRiskIds, ++n),
                   {{"title", title}, {"likelihood", likelihood}, {"impact", impact}, {"mitigation", mitigation},
                    {"status", status}, {"owner_id", kDemoMethodologist}, {"review_date", "2027-06-15"}}});
  const std::string first_pair = reg.pairs.begin()->first, school = reg.low_school(first_pair);
  struct Note {
    const char *period, *kind, *text, *document, *due;
    std::string school, pair;
  };
  const std::vector<Note> notes = {
      {"2026/27-1", "conclusion", "Дорожные карты пар выполняются; отстаёт самообследование педагогов школ с низкими результатами.", "", "", "", ""},
      {"2026/27-1", "recommendation", "Завершить самообследование профессиональных дефицитов всех педагогов до конца января.", "", "2027-01-31", school, ""},
      {"2026/27-1", "decision", "Утвердить план методического сопровождения школ на второе полугодие.", "приказ № 14 от 25.12.2026", "2027-01-15", "", ""},
      {"2026/27-2", "conclusion", "Доля проведённых мероприятий выросла, удовлетворённость участников стабильно высокая.", "", "", "", ""},
      {"2026/27-2", "recommendation", "Запланировать открытые уроки учителей школы по итогам пробных уроков.", "", "2027-05-20", "", first_pair},
      {"2026/27-2", "decision", "Включить меры по рискам нового учебного года в муниципальную программу.", "распоряжение № 31 от 10.06.2027", "2027-08-31", "", ""}};
  n = 0;
  for (const Note& note : notes) {
    json f = {{"period", note.period}, {"kind", note.kind}, {"text", note.text}};
    if (*note.document) f["document"] = note.document;
    if (*note.due) f["due_date"] = note.due;
    if (!note.school.empty()) f["school_id"] = note.school;
    if (!note.pair.empty()) f["pair_id"] = note.pair;
    out.push_back({"period_note", demo_id(kNoteIds, ++n), f});
  }
  n = 0;
  size_t reporting = 0;
  for (const auto& [pair, fields] : reg.pairs) {
    if (++reporting > 3) break;
    const double k = static_cast<double>(reporting);
    for (const auto& [indicator, first, second] : std::vector<std::tuple<const char*, double, double>>{
             {"ior", 0.30 + 0.05 * k, 0.34 + 0.05 * k}, {"olympiad_participants", 10 + k, 14 + k},
             {"teachers_first_category", 3 + k, 4 + k}})
      for (const auto& [period, value] : {std::pair{"2026/27-1", first}, std::pair{"2026/27-2", second}})
        out.push_back({"indicator_value", demo_id(kFigureIds, ++n),
                       {{"school_id", reg.low_school(pair)}, {"indicator", indicator}, {"period", period}, {"value", value}}});
  }
}

// Most of the registry's events planned for January–May 2027 are marked held, with a short
// report, as the pairs would after holding them; every third stays planned.
Status hold_spring_events(LocalStore& store, const RegistryFile& file) {
  int n = 0;
  for (const auto& e : file.entries) {
    if (e.entity != "roadmap_event") continue;
    const std::string planned = e.fields.value("planned_date", "");
    if (planned < "2027-01-01" || e.fields.value("status", "") != "planned" || ++n % 3 == 0) continue;
    NASTAVNIK_RETURN_IF_ERROR(store.update_record(
        e.id, {{"status", "done"}, {"report", "Проведено по плану дорожной карты; материалы размещены на сайте школы."}}));
  }
  return Status::Ok();
}

Status write(LocalStore& store, const std::vector<NewRecord>& records) {
  std::vector<FieldError> errors;
  auto ids = store.create_records(records, &errors);
  if (ids.ok()) return Status::Ok();
  if (!errors.empty()) return ids.status().with_context("demo " + errors[0].entity + "." + errors[0].field);
  return ids.status();
}

Status add_bulk_sessions(const Registry& reg, LocalStore& store, int64_t count) {
  constexpr int64_t kBatch = 1000;
  for (int64_t start = 0; start < count; start += kBatch) {
    std::vector<NewRecord> batch;
    for (int64_t k = start; k < std::min(count, start + kBatch); ++k) {
      const auto u = static_cast<size_t>(k);
      const Assignment& a = reg.assignments[u % reg.assignments.size()];
      const std::string date = plus_days("2026-09-01", static_cast<int>((u * 37) % 273));
      batch.push_back({"mentoring_session", demo_id(kBulkSessionIds, u + 1), session_fields(a, u, u % 2 == 1, date)});
    }
    NASTAVNIK_RETURN_IF_ERROR(write(store, batch));
  }
  return Status::Ok();
}

}  // namespace

namespace {

// The school year of work on top of the registry, as new records of `store`'s person.
Status add_school_year(LocalStore& store, const RegistryFile& file, const InstrumentRegistry& instruments) {
  const Instrument* protocol = instruments.latest("lesson_observation");
  if (!protocol) return Status::NotFound("the demo needs the lesson observation protocol");
  const Registry reg(file);
  std::vector<NewRecord> records;
  std::map<std::string, json> first_deficits;
  add_sessions(reg, records);
  add_visits(reg, *protocol, records);
  NASTAVNIK_RETURN_IF_ERROR(add_assessments(reg, instruments, records, first_deficits));
  add_routes(reg, first_deficits, records);
  add_reviews(reg, records);
  add_programme_records(reg, records);
  NASTAVNIK_RETURN_IF_ERROR(write(store, records));
  return hold_spring_events(store, file);
}

struct DemoInputs {
  InstrumentRegistry instruments;
  RegistryFile file;
};

Result<DemoInputs> load_inputs(const std::filesystem::path& assets) {
  const std::filesystem::path root = assets.empty() ? assets_dir() : assets;
  NASTAVNIK_ASSIGN_OR_RETURN(auto instruments, InstrumentRegistry::load_dir(root / "instruments"));
  NASTAVNIK_ASSIGN_OR_RETURN(RegistryFile file, read_registry_file(root / "demo" / "volosovo.json"));
  if (!file.errors.empty()) return Status::InvalidArgument("the demo registry has invalid records");
  return DemoInputs{std::move(instruments), std::move(file)};
}

}  // namespace

Status build_demo_replica(const DataDir& data_dir, DemoSize size, const std::filesystem::path& assets) {
  NASTAVNIK_ASSIGN_OR_RETURN(DemoInputs in, load_inputs(assets));
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica replica,
                             data_dir.initialise(Actor{kDemoMethodologist, {"methodologist"}, ""}));
  LocalStore& store = *replica.store;
  for (const auto& e : in.file.entries)
    NASTAVNIK_RETURN_IF_ERROR(store.put_record(e.entity, e.id, e.fields).with_context(e.entity + " " + e.id));
  NASTAVNIK_RETURN_IF_ERROR(add_school_year(store, in.file, in.instruments));
  return add_bulk_sessions(Registry(in.file), store, size.bulk_sessions);
}

Status add_demo_school_year(const DataDir& data_dir, const std::filesystem::path& assets) {
  NASTAVNIK_ASSIGN_OR_RETURN(DemoInputs in, load_inputs(assets));
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica replica, data_dir.open());
  if (replica.store->actor().person_id != kDemoMethodologist || !replica.store->actor().has("methodologist"))
    return Status::FailedPrecondition("the demo's school year is entered from the demo methodologist's laptop");
  return add_school_year(*replica.store, in.file, in.instruments);
}

}  // namespace nastavnik::testing
