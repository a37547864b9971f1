// Self-assessment results and trends. Every record is scored with the instrument version it
// names, so answers given to an old questionnaire keep their meaning after a new version
// ships.

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "client/model/view_models.h"

namespace nastavnik::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const Instrument* instrument_of(const ViewContext& ctx, const Record& r) {
  return ctx.instruments.find(text_field(r, "instrument_id"), int_field(r, "instrument_version"));
}

bool oldest_first(const Record& a, const Record& b) {
  return std::make_pair(text_field(a, "date"), a.id) < std::make_pair(text_field(b, "date"), b.id);
}

}  // namespace

view::AssessmentResult assessment_result(const ViewContext& ctx, const Record& record) {
  view::AssessmentResult out;
  out.record_id = record.id;
  out.instrument_id = text_field(record, "instrument_id");
  out.date = text_field(record, "date");
  out.instrument_version = int_field(record, "instrument_version");
  const Instrument* inst = instrument_of(ctx, record);
  if (!inst) return out;
  out.instrument_title = inst->title_in(ctx.lang);
  const auto scores = inst->score(record.data.value("answers", nlohmann::json::object()));
  for (size_t i = 0; i < scores.size() && i < inst->areas.size(); ++i) {
    view::AreaScoreView a;
    a.area_id = scores[i].area;
    a.title = localized(inst->areas[i].title, ctx.lang);
    a.answered = scores[i].answered;
    a.mean = scores[i].answered > 0 ? scores[i].mean : kNaN;
    a.scale_min = inst->scale_min;
    a.scale_max = inst->scale_max;
    a.deficit = scores[i].deficit;
    out.areas.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<view::AssessmentResult>> assessment_results(const ViewContext& ctx, const std::string& person_id) {
  std::vector<view::AssessmentResult> out;
  if (person_id.empty()) return out;
  RecordQuery q;
  q.entity = "self_assessment";
  q.person_id = person_id;
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
    if (text_field(r, "person_id") == person_id) out.push_back(assessment_result(ctx, r));
  }));
  return out;
}

Result<view::AssessmentTrend> assessment_trend(const ViewContext& ctx, const std::string& person_id,
                                               const std::string& instrument_id) {
  view::AssessmentTrend trend;
  trend.person_id = person_id;
  trend.instrument_id = instrument_id;
  std::vector<Record> records;
  if (!person_id.empty()) {
    RecordQuery q;
    q.entity = "self_assessment";
    q.person_id = person_id;
    NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
      if (text_field(r, "person_id") == person_id && text_field(r, "instrument_id") == instrument_id)
        records.push_back(r);
    }));
  }
  std::sort(records.begin(), records.end(), oldest_first);

  // Versions used, newest first: their areas set the order and the titles.
  std::vector<const Instrument*> versions;
  for (const auto& r : records)
    if (const Instrument* inst = instrument_of(ctx, r); inst && std::find(versions.begin(), versions.end(), inst) == versions.end())
      versions.push_back(inst);
  std::sort(versions.begin(), versions.end(), [](const Instrument* a, const Instrument* b) { return a->version > b->version; });
  if (versions.empty())
    if (const Instrument* latest = ctx.instruments.latest(instrument_id)) versions.push_back(latest);
  std::set<std::string> seen;
  for (const Instrument* inst : versions)
    for (const auto& area : inst->areas)
      if (seen.insert(area.id).second) {
        trend.area_ids.push_back(area.id);
        trend.area_titles.push_back(localized(area.title, ctx.lang));
      }

  for (const auto& r : records) {
    trend.dates.push_back(text_field(r, "date"));
    std::vector<double> row(trend.area_ids.size(), kNaN);
    if (const Instrument* inst = instrument_of(ctx, r)) {
      for (const auto& s : inst->score(r.data.value("answers", nlohmann::json::object()))) {
        if (s.answered == 0) continue;
        const auto at = std::find(trend.area_ids.begin(), trend.area_ids.end(), s.area);
        if (at != trend.area_ids.end()) row[static_cast<size_t>(at - trend.area_ids.begin())] = s.mean;
      }
    }
    trend.means.push_back(std::move(row));
  }
  return trend;
}

}  // namespace nastavnik::model
