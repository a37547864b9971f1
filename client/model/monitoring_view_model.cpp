// The monitoring screen's data: the one engine (shared/monitoring) run for every half-year
// from the first with records to the latest, over the model's cached records.

#include <algorithm>
#include <map>

#include "client/model/view_models.h"
#include "shared/i18n/localized_text.h"

namespace nastavnik::model {
namespace {

constexpr size_t kSourcesShown = 20;

// The cached records, referred to rather than copied, and indexed by id for "computed from".
Result<monitoring::MonitoringSource> source_of(const ViewContext& ctx, std::map<std::string, const Record*>* by_id) {
  monitoring::MonitoringSource source;
  for (const char* entity : monitoring::kSourceEntities) {
    NASTAVNIK_ASSIGN_OR_RETURN(const std::vector<Record>* records, ctx.records.all(entity));
    for (const Record& r : *records) {
      source.refer(entity, r.id, r.data);
      (*by_id)[r.id] = &r;
    }
  }
  return source;
}

std::optional<monitoring::Period> first_period(const monitoring::MonitoringSource& source) {
  std::optional<monitoring::Period> first;
  for (const char* entity : {"mentoring_session", "lesson_visit", "self_assessment"})
    for (const auto& r : source.of(entity)) {
      const auto date = r.fields().find("date");
      if (date == r.fields().end() || !date->is_string()) continue;
      const auto p = monitoring::Period::of_date(date->get<std::string>());
      if (p && (!first || *p < *first)) first = p;
    }
  return first;
}

std::string subject_name(const ViewContext& ctx, const std::string& level, const std::string& id) {
  if (level == "school") return ctx.directory.school_name(id);
  if (level == "pair") return ctx.directory.pair_label(id);
  return "";
}

std::string text_of(const Record& r, const char* field) {
  auto it = r.data.find(field);
  return it != r.data.end() && it->is_string() ? it->get<std::string>() : "";
}

Status add_risks_and_notes(const ViewContext& ctx, view::MonitoringData& data) {
  NASTAVNIK_ASSIGN_OR_RETURN(const std::vector<Record>* risks, ctx.records.all("programme_risk"));
  for (const Record& r : *risks) {
    const std::string school = text_of(r, "school_id");
    data.risks.push_back({r.id, text_of(r, "title"), school.empty() ? "" : ctx.directory.school_name(school),
                          text_of(r, "likelihood"), text_of(r, "impact"), text_of(r, "status"),
                          ctx.directory.person_name(text_of(r, "owner_id")), text_of(r, "review_date")});
  }
  std::stable_sort(data.risks.begin(), data.risks.end(), [](const view::RiskRow& a, const view::RiskRow& b) {
    if ((a.status == "closed") != (b.status == "closed")) return b.status == "closed";
    return a.title < b.title;
  });
  NASTAVNIK_ASSIGN_OR_RETURN(const std::vector<Record>* notes, ctx.records.all("period_note"));
  for (const Record& r : *notes) {
    const std::string pair = text_of(r, "pair_id"), school = text_of(r, "school_id");
    data.notes.push_back({r.id, text_of(r, "period"), text_of(r, "kind"), text_of(r, "text"),
                          !pair.empty() ? ctx.directory.pair_label(pair) : !school.empty() ? ctx.directory.school_name(school) : "",
                          text_of(r, "document"), text_of(r, "due_date")});
  }
  std::sort(data.notes.begin(), data.notes.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return Status::Ok();
}

}  // namespace

Result<view::MonitoringData> monitoring_data(const ViewContext& ctx, const monitoring::IndicatorCatalog& catalog) {
  view::MonitoringData data;
  std::map<std::string, const Record*> by_id;
  NASTAVNIK_ASSIGN_OR_RETURN(monitoring::MonitoringSource source, source_of(ctx, &by_id));
  // Up to the current half-year even before anything is recorded in it: a school team
  // reports its figures for the period it is in.
  auto last = monitoring::latest_period_with_data(source);
  const auto current = monitoring::Period::of_date(ctx.today);
  if (current && (!last || *current > *last)) last = current;
  const auto first = first_period(source);
  NASTAVNIK_RETURN_IF_ERROR(add_risks_and_notes(ctx, data));
  if (!last) return data;
  std::vector<monitoring::Period> periods;
  for (monitoring::Period p = first && *first < *last ? *first : *last; p <= *last; p = p.next()) periods.push_back(p);
  std::vector<monitoring::PeriodResult> results;
  for (const auto& p : periods) {
    data.periods.push_back(p.name());
    results.push_back(monitoring::compute_indicators(catalog, source, p, ctx.today, &ctx.instruments));
  }
  std::string municipality;
  for (const auto& m : source.of("municipality")) municipality = m.fields().value("name", "");
  for (const auto& v : results.back().values) {
    const monitoring::Indicator* in = catalog.find(v.indicator);
    view::MonitoringRow row;
    row.indicator_id = in->id;
    row.name = in->name_in(ctx.lang);
    if (!v.part.empty()) row.name += ": " + ctx.instruments.area_label(in->by_area_of, v.part, ctx.lang);
    row.definition = localized_text(in->definition, ctx.lang);
    row.kind = in->kind;
    row.unit = in->unit;
    row.better = in->better;
    row.reported = in->reported;
    row.min = in->min;
    row.max = in->max;
    row.level = v.level;
    row.subject_id = v.subject_id;
    row.subject = v.level == "municipality" ? municipality : subject_name(ctx, v.level, v.subject_id);
    for (const auto& result : results) {
      const monitoring::IndicatorValue* at = result.find(v.indicator, v.level, v.subject_id, v.part);
      row.values.push_back(at ? at->value : std::nullopt);
      row.source_counts.push_back(at ? static_cast<int>(at->record_ids.size()) : 0);
      std::vector<view::MonitoringSourceRef> refs;
      if (at) {
        std::vector<const Record*> records;
        for (const std::string& id : at->record_ids)
          if (auto it = by_id.find(id); it != by_id.end()) records.push_back(it->second);
        const size_t shown = std::min(records.size(), kSourcesShown);
        std::partial_sort(records.begin(), records.begin() + static_cast<long>(shown), records.end(),
                          [](const Record* a, const Record* b) { return record_date(*a) > record_date(*b); });
        for (size_t i = 0; i < shown; ++i)
          refs.push_back({records[i]->id, records[i]->entity, record_date(*records[i]), shown_title(ctx, *records[i])});
      }
      row.sources.push_back(std::move(refs));
    }
    data.rows.push_back(std::move(row));
  }
  auto level_rank = [](const std::string& l) { return l == "municipality" ? 0 : l == "pair" ? 1 : 2; };
  std::stable_sort(data.rows.begin(), data.rows.end(), [&](const view::MonitoringRow& a, const view::MonitoringRow& b) {
    if (level_rank(a.level) != level_rank(b.level)) return level_rank(a.level) < level_rank(b.level);
    return a.subject < b.subject;
  });
  return data;
}

}  // namespace nastavnik::model
