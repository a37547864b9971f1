// The methodologist's overview: activity of every pair and where teachers' deficits lie.

#include <algorithm>
#include <map>
#include <set>

#include "client/model/view_models.h"
#include "shared/monitoring/period.h"

namespace nastavnik::model {
namespace {

// Activity is what happened: logs, reviews and events held. A planned event or an
// assignment says nothing about whether the pair is working. One pass per entity.
// Counts only what is dated in `period` (nullopt: everything); every date seen goes to `seen_periods`.
Status add_activity(const ViewContext& ctx, const std::optional<monitoring::Period>& period,
                    std::map<std::string, view::PairActivityRow>& rows,
                    std::map<std::string, view::StageProgress>& stages, std::set<monitoring::Period>& seen_periods) {
  auto row_of = [&](const Record& r) -> view::PairActivityRow* {
    const std::string date = record_date(r);
    if (auto p = monitoring::Period::of_date(date)) seen_periods.insert(*p);
    if (period && !period->contains(date)) return nullptr;
    auto it = rows.find(text_field(r, "pair_id"));
    return it == rows.end() ? nullptr : &it->second;
  };
  auto seen = [](view::PairActivityRow& row, const std::string& date) { row.last_activity = std::max(row.last_activity, date); };
  RecordQuery q;
  q.entity = "mentoring_session";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    auto* row = row_of(r);
    if (!row) return;
    ++row->sessions, seen(*row, record_date(r));
    if (auto it = stages.find(text_field(r, "pair_id")); it != stages.end()) count_stage(it->second, r);
  }));
  q.entity = "lesson_visit";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    if (auto* row = row_of(r)) ++row->visits, seen(*row, record_date(r));
  }));
  q.entity = "pair_review";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    if (auto* row = row_of(r)) seen(*row, record_date(r));
  }));
  q.entity = "roadmap_event";
  return for_each_record(ctx, q, [&](const Record& r) {
    auto* row = row_of(r);
    if (!row) return;
    const std::string status = text_field(r, "status");
    if (status != "cancelled") ++row->events_planned;
    if (status == "done") ++row->events_done, seen(*row, record_date(r));
  });
}

bool has_role(const Record& person, const std::string& role) {
  const auto roles = list_field(person, "roles");
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

// The areas one self-assessment answered, each with whether it is a deficit: scored with
// its own instrument version when this program has it, else from the deficits the writing
// device stored (then every area of the latest instrument counts as answered).
std::map<std::string, bool> area_results(const ViewContext& ctx, const Record& r, const std::vector<std::string>& areas) {
  std::map<std::string, bool> out;
  if (const Instrument* inst = ctx.instruments.find(text_field(r, "instrument_id"), int_field(r, "instrument_version"))) {
    for (const AreaScore& score : inst->score(r.data.value("answers", nlohmann::json::object())))
      if (score.answered > 0) out[score.area] = score.deficit;
    return out;
  }
  const auto listed = list_field(r, "deficits");
  for (const auto& area : areas) out[area] = std::find(listed.begin(), listed.end(), area) != listed.end();
  return out;
}

}  // namespace

Result<view::DeficitHeatmap> deficit_heatmap(const ViewContext& ctx, const std::string& until) {
  view::DeficitHeatmap map;
  const Instrument* latest = ctx.instruments.latest(kDeficitInstrument);
  if (!latest) return map;
  for (const auto& area : latest->areas) {
    map.area_ids.push_back(area.id);
    map.area_titles.push_back(localized(area.title, ctx.lang));
  }

  // Per person and area, the latest assessment that answered the area, by (date, id): a
  // later questionnaire left half-filled does not erase what an earlier one said, and an
  // area nobody answered is "no data", not 0 %.
  struct Latest {
    std::pair<std::string, std::string> when;
    bool deficit = false;
  };
  std::map<std::string, std::map<std::string, Latest>> latest_of;  // person -> area -> latest answer
  RecordQuery q;
  q.entity = "self_assessment";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    const std::string person = text_field(r, "person_id");
    if (person.empty() || text_field(r, "instrument_id") != kDeficitInstrument) return;
    if (!until.empty() && text_field(r, "date") > until) return;
    const auto when = std::make_pair(text_field(r, "date"), r.id);
    for (const auto& [area, deficit] : area_results(ctx, r, map.area_ids)) {
      auto [it, fresh] = latest_of[person].try_emplace(area, Latest{when, deficit});
      if (!fresh && when > it->second.when) it->second = Latest{when, deficit};
    }
  }));

  std::map<std::string, std::vector<std::string>> teachers;  // school id -> teachers
  for (const auto& p : ctx.directory.people())
    if (has_role(p, "teacher") && !text_field(p, "school_id").empty()) teachers[text_field(p, "school_id")].push_back(p.id);
  std::vector<std::string> schools;
  for (const auto& [school, list] : teachers) schools.push_back(school);
  std::sort(schools.begin(), schools.end(), [&](const auto& a, const auto& b) {
    return std::make_pair(ctx.directory.school_name(a), a) < std::make_pair(ctx.directory.school_name(b), b);
  });

  for (const auto& school : schools) {
    std::vector<int> with_deficit(map.area_ids.size(), 0), answered(map.area_ids.size(), 0);
    int assessed = 0;
    for (const auto& teacher : teachers[school]) {
      auto it = latest_of.find(teacher);
      if (it == latest_of.end()) continue;
      ++assessed;
      for (size_t a = 0; a < map.area_ids.size(); ++a) {
        auto area = it->second.find(map.area_ids[a]);
        if (area == it->second.end()) continue;
        ++answered[a];
        if (area->second.deficit) ++with_deficit[a];
      }
    }
    std::vector<double> shares(map.area_ids.size(), -1.0);  // -1: no teacher answered the area
    for (size_t a = 0; a < shares.size(); ++a)
      if (answered[a] > 0) shares[a] = static_cast<double>(with_deficit[a]) / answered[a];
    map.school_ids.push_back(school);
    map.school_names.push_back(ctx.directory.school_name(school));
    map.school_full_names.push_back(ctx.directory.school_full_name(school));
    map.share.push_back(std::move(shares));
    map.assessed_teachers.push_back(assessed);
    map.teachers.push_back(static_cast<int>(teachers[school].size()));
  }
  return map;
}

Result<view::MunicipalityData> municipality_data(const ViewContext& ctx, const std::string& period_id) {
  view::MunicipalityData data;
  const std::optional<monitoring::Period> period = monitoring::Period::parse(period_id);
  if (period) data.period = period->name();
  const auto pairs = pair_refs(ctx);
  std::map<std::string, view::PairActivityRow> rows;
  std::map<std::string, view::StageProgress> stages;
  for (const auto& pair : pairs) {
    rows[pair.id].pair = pair;
    stages[pair.id] = view::StageProgress{pair.id, ctx.directory.pair_label(pair.id), {}, ""};
    count_stage(stages[pair.id], Record{});
  }
  std::set<monitoring::Period> seen;
  NASTAVNIK_RETURN_IF_ERROR(add_activity(ctx, period, rows, stages, seen));
  if (period) seen.insert(*period);
  for (const auto& p : seen) data.periods.push_back(p.name());
  for (const auto& pair : pairs) {
    data.pairs.push_back(std::move(rows[pair.id]));
    data.pair_stages.push_back(std::move(stages[pair.id]));
  }
  NASTAVNIK_ASSIGN_OR_RETURN(data.heatmap, deficit_heatmap(ctx, period ? period->last_day() : ""));
  return data;
}

}  // namespace nastavnik::model
