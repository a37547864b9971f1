#include "shared/monitoring/indicator_engine.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include <unicode/unistr.h>

namespace nastavnik::monitoring {
namespace {

using nlohmann::json;

std::string text(const json& fields, const char* name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<double> number(const json& fields, const char* name) {
  auto it = fields.find(name);
  if (it == fields.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

bool has_role(const json& person, const std::string& role) {
  auto it = person.find("roles");
  if (it == person.end() || !it->is_array()) return false;
  return std::any_of(it->begin(), it->end(), [&](const json& r) { return r == role; });
}

// What one indicator collects per subject before it becomes a value.
struct Tally {
  double sum = 0;  // numerator of a share, sum of a mean, the count
  double n = 0;    // denominator of a share, items of a mean
  std::set<std::string> distinct;
  std::vector<std::string> ids;
};

enum class Reduce { kShare, kMean, kCount, kDistinct };

std::optional<double> reduce(const Tally& t, Reduce how) {
  switch (how) {
    case Reduce::kShare:
    case Reduce::kMean:
      if (t.n == 0) return std::nullopt;
      return t.sum / t.n;
    case Reduce::kCount:
      return t.sum;
    case Reduce::kDistinct:
      return static_cast<double>(t.distinct.size());
  }
  return std::nullopt;
}

// Tallies per subject of one level, every subject present even when it had nothing.
using Tallies = std::map<std::string, Tally>;

struct Context {
  const MonitoringSource& source;
  const Period& period;
  std::string as_of;  // "" or an ISO date: nothing later is due yet
  const InstrumentRegistry* instruments;  // null: no breakdown by protocol area
  std::vector<std::string> pair_ids, school_ids;
  std::map<std::string, std::string> school_of_person;
};

struct Computed {
  Tallies pair, school;
  Tally municipality;
  // A breakdown by instrument area: per area, the tallies of each school and of the municipality.
  std::map<std::string, Tallies> school_parts;
  std::map<std::string, Tally> municipality_parts;
  Reduce how = Reduce::kCount;
  bool municipality_is_mean_of_pairs = false;
  bool missing_without_records = false;  // a subject with no record has no value, even a count
};

Tallies empty_for(const std::vector<std::string>& ids) {
  Tallies t;
  for (const auto& id : ids) t[id];
  return t;
}

// A pair-level (or school-level) computation with every pair (school) present.
Computed per_pair(const Context& c, Reduce how) {
  Computed out;
  out.pair = empty_for(c.pair_ids);
  out.how = how;
  return out;
}
Computed per_school(const Context& c, Reduce how) {
  Computed out;
  out.school = empty_for(c.school_ids);
  out.how = how;
  return out;
}

void add(Tally& t, const std::string& id, double sum, double n) {
  t.sum += sum;
  t.n += n;
  t.ids.push_back(id);
}

Computed done_of_planned_events(const Context& c) {
  Computed out = per_pair(c, Reduce::kShare);
  for (const auto& r : c.source.of("roadmap_event")) {
    const std::string status = text(r.fields(), "status");
    const std::string planned = text(r.fields(), "planned_date");
    if (status == "cancelled" || !c.period.contains(planned)) continue;
    if (status != "done" && !c.as_of.empty() && planned > c.as_of) continue;  // not due yet
    const double done = status == "done" ? 1 : 0;
    const std::string pair = text(r.fields(), "pair_id");
    if (out.pair.count(pair)) add(out.pair[pair], r.id(), done, 1);
    add(out.municipality, r.id(), done, 1);
  }
  return out;
}

Computed count_in_pairs(const Context& c, const char* entity) {
  Computed out = per_pair(c, Reduce::kCount);
  for (const auto& r : c.source.of(entity)) {
    if (!c.period.contains(text(r.fields(), "date"))) continue;
    const std::string pair = text(r.fields(), "pair_id");
    if (out.pair.count(pair)) add(out.pair[pair], r.id(), 1, 0);
    add(out.municipality, r.id(), 1, 0);
  }
  return out;
}

Computed distinct_session_stages(const Context& c) {
  Computed out = per_pair(c, Reduce::kDistinct);
  out.municipality_is_mean_of_pairs = true;
  for (const auto& r : c.source.of("mentoring_session")) {
    if (!c.period.contains(text(r.fields(), "date"))) continue;
    const std::string pair = text(r.fields(), "pair_id");
    if (!out.pair.count(pair)) continue;
    out.pair[pair].distinct.insert(text(r.fields(), "stage"));
    out.pair[pair].ids.push_back(r.id());
  }
  return out;
}

Computed mean_visit_score(const Context& c) {
  Computed out = per_pair(c, Reduce::kMean);
  for (const auto& r : c.source.of("lesson_visit")) {
    if (!c.period.contains(text(r.fields(), "date"))) continue;
    auto scores = r.fields().find("scores");
    if (scores == r.fields().end() || !scores->is_object()) continue;
    double sum = 0, n = 0;
    for (const auto& [item, score] : scores->items())
      if (score.is_number()) sum += score.get<double>(), ++n;
    if (n == 0) continue;
    const double mean = sum / n;
    const std::string pair = text(r.fields(), "pair_id");
    if (out.pair.count(pair)) add(out.pair[pair], r.id(), mean, 1);
    add(out.municipality, r.id(), mean, 1);
  }
  return out;
}

Computed session_satisfaction(const Context& c, Reduce how) {
  Computed out = per_pair(c, how);
  for (const auto& r : c.source.of("mentoring_session")) {
    const auto satisfaction = number(r.fields(), "satisfaction");
    if (!satisfaction || !c.period.contains(text(r.fields(), "date"))) continue;
    const std::string pair = text(r.fields(), "pair_id");
    const double counted = how == Reduce::kCount ? 1 : *satisfaction;
    if (out.pair.count(pair)) add(out.pair[pair], r.id(), counted, 1);
    add(out.municipality, r.id(), counted, 1);
  }
  return out;
}

// The latest questionnaire of each subject (a teacher, or a school for the risk profile)
// dated in the period, by the subject's id.
std::map<std::string, const SourceRecord*> latest_of_instrument(const Context& c, const std::string& instrument,
                                                               const char* subject_field) {
  std::map<std::string, const SourceRecord*> latest;
  for (const auto& r : c.source.of("self_assessment")) {
    if (text(r.fields(), "instrument_id") != instrument || !c.period.contains(text(r.fields(), "date"))) continue;
    if (std::string(subject_field) == "school_id" && !text(r.fields(), "person_id").empty()) continue;
    const std::string subject = text(r.fields(), subject_field);
    if (subject.empty()) continue;
    const SourceRecord*& slot = latest[subject];
    auto key = [](const SourceRecord* s) { return std::make_pair(text(s->fields(), "date"), s->id()); };
    if (!slot || key(&r) > key(slot)) slot = &r;
  }
  return latest;
}

std::vector<std::string> areas_of(const SourceRecord& r) {
  std::vector<std::string> areas;
  auto d = r.fields().find("deficits");
  if (d != r.fields().end() && d->is_array())
    for (const auto& a : *d)
      if (a.is_string()) areas.push_back(a.get<std::string>());
  return areas;
}

Computed teacher_shares(const Context& c, bool deficits) {
  Computed out = per_school(c, Reduce::kShare);
  const auto latest = latest_of_instrument(c, "teacher_deficits", "person_id");
  for (const auto& p : c.source.of("person")) {
    const std::string school = text(p.fields(), "school_id");
    if (!has_role(p.fields(), "teacher") || !out.school.count(school)) continue;
    auto it = latest.find(p.id());
    const bool assessed = it != latest.end();
    if (deficits && !assessed) continue;
    double hit = assessed ? 1 : 0;
    std::string id = assessed ? it->second->id() : p.id();
    if (deficits) {
      auto d = it->second->fields().find("deficits");
      hit = d != it->second->fields().end() && d->is_array() && !d->empty() ? 1 : 0;
    }
    add(out.school[school], id, hit, 1);
    add(out.municipality, id, hit, 1);
  }
  return out;
}

Computed done_of_due_route_steps(const Context& c) {
  Computed out = per_school(c, Reduce::kShare);
  for (const auto& r : c.source.of("route_step")) {
    const std::string due = text(r.fields(), "due_date");
    if (!c.period.contains(due)) continue;
    const double done = r.fields().value("done", false) == true ? 1 : 0;
    if (done == 0 && !c.as_of.empty() && due > c.as_of) continue;  // not due yet
    auto school = c.school_of_person.find(text(r.fields(), "teacher_id"));
    if (school != c.school_of_person.end() && out.school.count(school->second))
      add(out.school[school->second], r.id(), done, 1);
    add(out.municipality, r.id(), done, 1);
  }
  return out;
}

// Case-insensitive containment, so «Знание педагогических технологий» is found in
// «… знание педагогических технологий на уроке».
std::string folded(const std::string& text) {
  std::string out;
  icu::UnicodeString::fromUTF8(text).foldCase().toUTF8String(out);
  return out;
}

// A pair's problem zone is addressed in the period when a session of the pair (its topic or
// agreed actions) or a held roadmap event of the pair (its title or report) names it.
Computed problem_zones_addressed(const Context& c) {
  Computed out = per_pair(c, Reduce::kShare);
  std::map<std::string, std::vector<std::string>> works;  // pair -> folded texts of its work
  std::map<std::string, std::vector<std::string>> work_ids;
  auto see = [&](const SourceRecord& r, std::initializer_list<const char*> fields) {
    const std::string pair = text(r.fields(), "pair_id");
    if (!out.pair.count(pair)) return;
    std::string all;
    for (const char* f : fields) all += text(r.fields(), f) + "\n";
    works[pair].push_back(folded(all));
    work_ids[pair].push_back(r.id());
  };
  for (const auto& r : c.source.of("mentoring_session"))
    if (c.period.contains(text(r.fields(), "date"))) see(r, {"topic", "agreed_actions"});
  for (const auto& r : c.source.of("roadmap_event"))
    if (text(r.fields(), "status") == "done" && c.period.contains(text(r.fields(), "planned_date")))
      see(r, {"title", "report"});
  for (const auto& p : c.source.of("pair")) {
    auto zones = p.fields().find("problem_zones");
    if (zones == p.fields().end() || !zones->is_array()) continue;
    Tally& pair_tally = out.pair[p.id()];
    for (const auto& zone : *zones) {
      if (!zone.is_string()) continue;
      const std::string needle = folded(zone.get<std::string>());
      const auto& texts = works[p.id()];
      double hit = 0;
      for (size_t i = 0; i < texts.size(); ++i)
        if (texts[i].find(needle) != std::string::npos) {
          hit = 1;
          pair_tally.ids.push_back(work_ids[p.id()][i]);
          out.municipality.ids.push_back(work_ids[p.id()][i]);
        }
      pair_tally.sum += hit, pair_tally.n += 1;
      out.municipality.sum += hit, out.municipality.n += 1;
    }
  }
  return out;
}

// How many teachers show each deficit area in their latest questionnaire of the period.
Computed teachers_per_deficit_area(const Context& c) {
  Computed out;
  out.how = Reduce::kCount;
  for (const auto& [person, r] : latest_of_instrument(c, "teacher_deficits", "person_id"))
    for (const auto& area : areas_of(*r)) add(out.municipality_parts[area], r->id(), 1, 0);
  return out;
}

// Which risk kinds each school's latest risk profile of the period shows (1 shown, 0 not;
// no value without a profile), and how many schools show each.
Computed schools_per_risk_kind(const Context& c) {
  Computed out;
  out.how = Reduce::kCount;
  out.missing_without_records = true;
  const auto profiles = latest_of_instrument(c, "school_risk", "school_id");
  std::set<std::string> kinds;
  for (const auto& [school, r] : profiles)
    for (const auto& area : areas_of(*r)) kinds.insert(area);
  for (const auto& kind : kinds) {
    Tallies& schools = out.school_parts[kind];
    Tally& municipality = out.municipality_parts[kind];
    for (const auto& [school, r] : profiles) {
      if (std::find(c.school_ids.begin(), c.school_ids.end(), school) == c.school_ids.end()) continue;
      const auto areas = areas_of(*r);
      const double shown = std::find(areas.begin(), areas.end(), kind) != areas.end() ? 1 : 0;
      add(schools[school], r->id(), shown, 0);
      if (shown > 0) add(municipality, r->id(), 1, 0);
    }
  }
  return out;
}

// Teachers of each school with an individual route (ИОМ) under way or completed; routes
// carry no date, so this is the state at the time of the computation.
Computed teachers_with_route(const Context& c) {
  Computed out = per_school(c, Reduce::kDistinct);
  for (const auto& r : c.source.of("individual_route")) {
    if (text(r.fields(), "status") == "draft") continue;
    const std::string teacher = text(r.fields(), "teacher_id");
    auto school = c.school_of_person.find(teacher);
    if (teacher.empty() || school == c.school_of_person.end() || !out.school.count(school->second)) continue;
    out.school[school->second].distinct.insert(teacher);
    out.school[school->second].ids.push_back(r.id());
    out.municipality.distinct.insert(teacher);
    out.municipality.ids.push_back(r.id());
  }
  return out;
}

// The mean score of each area of the observation protocol over the period's visits: each
// visit's mean over the area's scored items, then the mean over visits.
Computed mean_visit_score_per_area(const Context& c) {
  Computed out;
  out.how = Reduce::kMean;
  if (!c.instruments) return out;
  for (const auto& r : c.source.of("lesson_visit")) {
    if (!c.period.contains(text(r.fields(), "date"))) continue;
    const auto version = number(r.fields(), "protocol_version");
    const Instrument* protocol =
        version ? c.instruments->find(text(r.fields(), "protocol_id"), static_cast<int>(*version)) : nullptr;
    auto scores = r.fields().find("scores");
    if (!protocol || scores == r.fields().end() || !scores->is_object()) continue;
    std::map<std::string, std::pair<double, double>> by_area;  // area -> (sum, items)
    for (const auto& [item_id, score] : scores->items())
      if (const InstrumentItem* item = protocol->item(item_id); item && score.is_number())
        by_area[item->area].first += score.get<double>(), by_area[item->area].second += 1;
    for (const auto& [area, sum_n] : by_area) add(out.municipality_parts[area], r.id(), sum_n.first / sum_n.second, 1);
  }
  return out;
}

// A figure the schools report: each school's latest indicator_value of the period (ids are
// time-ordered, so the greatest is the latest written); the municipality's value is the
// sum or the mean over the schools that reported.
Computed reported_by_schools(const Context& c, const Indicator& in) {
  Computed out = per_school(c, in.aggregate == "sum" ? Reduce::kCount : Reduce::kMean);
  std::map<std::string, const SourceRecord*> latest;
  for (const auto& r : c.source.of("indicator_value")) {
    if (text(r.fields(), "indicator") != in.id || text(r.fields(), "period") != c.period.name()) continue;
    if (!number(r.fields(), "value")) continue;
    const std::string school = text(r.fields(), "school_id");
    if (!out.school.count(school)) continue;
    const SourceRecord*& slot = latest[school];
    if (!slot || r.id() > slot->id()) slot = &r;
  }
  for (const auto& [school, r] : latest) {
    const double v = *number(r->fields(), "value");
    add(out.school[school], r->id(), v, 1);
    add(out.municipality, r->id(), v, 1);
  }
  // A school that has not reported has no value (not 0), also when summing.
  out.missing_without_records = true;
  return out;
}

using Formula = std::function<Computed(const Context&)>;

const std::map<std::string, Formula>& formulas() {
  static const std::map<std::string, Formula> kFormulas = {
      {"done_of_planned_events", done_of_planned_events},
      {"count_sessions", [](const Context& c) { return count_in_pairs(c, "mentoring_session"); }},
      {"distinct_session_stages", distinct_session_stages},
      {"count_visits", [](const Context& c) { return count_in_pairs(c, "lesson_visit"); }},
      {"mean_visit_score", mean_visit_score},
      {"assessed_teachers_share", [](const Context& c) { return teacher_shares(c, false); }},
      {"teachers_with_deficit_share", [](const Context& c) { return teacher_shares(c, true); }},
      {"done_of_due_route_steps", done_of_due_route_steps},
      {"mean_session_satisfaction", [](const Context& c) { return session_satisfaction(c, Reduce::kMean); }},
      {"count_satisfaction_answers", [](const Context& c) { return session_satisfaction(c, Reduce::kCount); }},
      {"teachers_with_route", teachers_with_route},
      {"mean_visit_score_per_area", mean_visit_score_per_area},
      {"problem_zones_addressed", problem_zones_addressed},
      {"teachers_per_deficit_area", teachers_per_deficit_area},
      {"schools_per_risk_kind", schools_per_risk_kind},
  };
  return kFormulas;
}

std::vector<std::string> ids_of(const MonitoringSource& s, const std::string& entity) {
  std::vector<std::string> ids;
  for (const auto& r : s.of(entity)) ids.push_back(r.id());
  return ids;
}

}  // namespace

const std::vector<std::string>& known_formulas() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& [name, f] : formulas()) names.push_back(name);
    return names;
  }();
  return kNames;
}

void MonitoringSource::refer(const std::string& entity, const std::string& id, const nlohmann::json& fields) {
  by_entity_[entity].emplace_back(id, fields);
}

void MonitoringSource::add(const std::string& entity, std::string id, nlohmann::json fields) {
  owned_.emplace_back(std::move(id), std::move(fields));
  refer(entity, owned_.back().first, owned_.back().second);
}

const std::vector<SourceRecord>& MonitoringSource::of(const std::string& entity) const {
  static const std::vector<SourceRecord> kNone;
  auto it = by_entity_.find(entity);
  return it == by_entity_.end() ? kNone : it->second;
}

const IndicatorValue* PeriodResult::find(const std::string& indicator, const std::string& level,
                                         const std::string& subject_id, const std::string& part) const {
  for (const auto& v : values)
    if (v.indicator == indicator && v.level == level && v.subject_id == subject_id && v.part == part) return &v;
  return nullptr;
}

PeriodResult compute_indicators(const IndicatorCatalog& catalog, const MonitoringSource& source, const Period& period,
                                const std::string& as_of, const InstrumentRegistry* instruments) {
  Context c{source, period, as_of, instruments, ids_of(source, "pair"), ids_of(source, "school"), {}};
  for (const auto& p : source.of("person")) c.school_of_person[p.id()] = text(p.fields(), "school_id");
  PeriodResult result{period, {}};
  for (const Indicator& in : catalog.all()) {
    const Computed computed = in.reported ? reported_by_schools(c, in) : formulas().at(in.formula)(c);
    auto value_of = [&](const Tally& tally) {
      return computed.missing_without_records && tally.ids.empty() ? std::nullopt : reduce(tally, computed.how);
    };
    auto emit = [&](const std::string& level, const Tallies& tallies, const std::string& part = "") {
      if (!in.at(level)) return;
      for (const auto& [subject, tally] : tallies)
        result.values.push_back({in.id, level, subject, part, value_of(tally), tally.ids});
    };
    if (!in.by_area_of.empty()) {  // a breakdown: one value per area, most frequent first
      std::vector<std::pair<std::string, const Tally*>> parts;
      for (const auto& [part, tally] : computed.municipality_parts) parts.emplace_back(part, &tally);
      // Counts the most frequent first; means the lowest (the weakest area) first.
      const bool counts = computed.how == Reduce::kCount;
      std::stable_sort(parts.begin(), parts.end(), [&](const auto& a, const auto& b) {
        const double x = reduce(*a.second, computed.how).value_or(0), y = reduce(*b.second, computed.how).value_or(0);
        return counts ? x > y : x < y;
      });
      for (const auto& [part, tally] : parts) {
        if (auto schools = computed.school_parts.find(part); schools != computed.school_parts.end())
          emit("school", schools->second, part);
        if (in.at("municipality")) result.values.push_back({in.id, "municipality", "", part, reduce(*tally, computed.how), tally->ids});
      }
      continue;
    }
    emit("pair", computed.pair);
    emit("school", computed.school);
    if (!in.at("municipality")) continue;
    if (computed.municipality_is_mean_of_pairs) {
      Tally of_pairs;
      for (const auto& [pair, tally] : computed.pair) {
        of_pairs.sum += *reduce(tally, computed.how);
        of_pairs.n += 1;
        of_pairs.ids.insert(of_pairs.ids.end(), tally.ids.begin(), tally.ids.end());
      }
      result.values.push_back({in.id, "municipality", "", "", reduce(of_pairs, Reduce::kMean), of_pairs.ids});
    } else {
      result.values.push_back({in.id, "municipality", "", "", value_of(computed.municipality), computed.municipality.ids});
    }
  }
  return result;
}

std::optional<Period> latest_period_with_data(const MonitoringSource& source, const std::string& as_of) {
  std::optional<Period> latest;
  auto see = [&](const std::string& date) {
    const auto p = Period::of_date(date);
    if (!p || (!as_of.empty() && p->first_day() > as_of)) return;
    if (!latest || *p > *latest) latest = p;
  };
  for (const char* entity : {"mentoring_session", "lesson_visit", "self_assessment"})
    for (const auto& r : source.of(entity)) see(text(r.fields(), "date"));
  for (const auto& r : source.of("roadmap_event"))
    if (text(r.fields(), "status") == "done") see(text(r.fields(), "planned_date"));
  return latest;
}

std::string direction(const std::optional<double>& now, const std::optional<double>& before) {
  if (!now || !before) return "";
  if (std::fabs(*now - *before) < 1e-9) return "same";
  return *now > *before ? "up" : "down";
}

}  // namespace nastavnik::monitoring
