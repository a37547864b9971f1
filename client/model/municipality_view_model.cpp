// The methodologist's overview: activity of every pair and where teachers' deficits lie.

#include <algorithm>
#include <map>
#include <set>

#include "client/model/view_models.h"

namespace nastavnik::model {
namespace {

// Activity is what happened: logs, reviews and events held. A planned event or an
// assignment says nothing about whether the pair is working. One pass per entity.
Status add_activity(const ViewContext& ctx, std::map<std::string, view::PairActivityRow>& rows) {
  auto row_of = [&](const Record& r) -> view::PairActivityRow* {
    auto it = rows.find(text_field(r, "pair_id"));
    return it == rows.end() ? nullptr : &it->second;
  };
  auto seen = [](view::PairActivityRow& row, const std::string& date) { row.last_activity = std::max(row.last_activity, date); };
  RecordQuery q;
  q.entity = "mentoring_session";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    if (auto* row = row_of(r)) ++row->sessions, seen(*row, record_date(r));
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

// The deficit areas of one self-assessment: scored with its own instrument version when this
// program has it, else as the writing device stored them.
std::set<std::string> deficits_of(const ViewContext& ctx, const Record& r) {
  const auto list = [&]() -> std::vector<std::string> {
    if (const Instrument* inst = ctx.instruments.find(text_field(r, "instrument_id"), int_field(r, "instrument_version")))
      return inst->deficits(r.data.value("answers", nlohmann::json::object()));
    return list_field(r, "deficits");
  }();
  return {list.begin(), list.end()};
}

}  // namespace

Result<view::DeficitHeatmap> deficit_heatmap(const ViewContext& ctx) {
  view::DeficitHeatmap map;
  const Instrument* latest = ctx.instruments.latest(kDeficitInstrument);
  if (!latest) return map;
  for (const auto& area : latest->areas) {
    map.area_ids.push_back(area.id);
    map.area_titles.push_back(localized(area.title, ctx.lang));
  }

  // The latest assessment of each person: greatest (date, id).
  std::map<std::string, Record> latest_of;
  RecordQuery q;
  q.entity = "self_assessment";
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    const std::string person = text_field(r, "person_id");
    if (person.empty() || text_field(r, "instrument_id") != kDeficitInstrument) return;
    auto [it, fresh] = latest_of.try_emplace(person, r);
    if (!fresh && std::make_pair(text_field(r, "date"), r.id) > std::make_pair(text_field(it->second, "date"), it->second.id))
      it->second = r;
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
    std::vector<int> with_deficit(map.area_ids.size(), 0);
    int assessed = 0;
    for (const auto& teacher : teachers[school]) {
      auto it = latest_of.find(teacher);
      if (it == latest_of.end()) continue;
      ++assessed;
      const auto deficits = deficits_of(ctx, it->second);
      for (size_t a = 0; a < map.area_ids.size(); ++a)
        if (deficits.count(map.area_ids[a])) ++with_deficit[a];
    }
    std::vector<double> shares(map.area_ids.size(), -1.0);
    if (assessed > 0)
      for (size_t a = 0; a < shares.size(); ++a) shares[a] = static_cast<double>(with_deficit[a]) / assessed;
    map.school_ids.push_back(school);
    map.school_names.push_back(ctx.directory.school_name(school));
    map.share.push_back(std::move(shares));
    map.assessed_teachers.push_back(assessed);
    map.teachers.push_back(static_cast<int>(teachers[school].size()));
  }
  return map;
}

Result<view::MunicipalityData> municipality_data(const ViewContext& ctx) {
  view::MunicipalityData data;
  const auto pairs = pair_refs(ctx);
  std::map<std::string, view::PairActivityRow> rows;
  for (const auto& pair : pairs) rows[pair.id].pair = pair;
  NASTAVNIK_RETURN_IF_ERROR(add_activity(ctx, rows));
  for (const auto& pair : pairs) data.pairs.push_back(std::move(rows[pair.id]));
  NASTAVNIK_ASSIGN_OR_RETURN(data.heatmap, deficit_heatmap(ctx));
  return data;
}

}  // namespace nastavnik::model
