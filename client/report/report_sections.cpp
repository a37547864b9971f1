// The report beyond its indicator tables: the charts of the printed report and the sections
// on problem zones, risk profiles, the risk register and the period's conclusions,
// recommendations and decisions — all read from the same records as the indicators.

#include <algorithm>
#include <functional>

#include "client/report/report_tables.h"

namespace nastavnik::report {
namespace {

using nlohmann::json;

ReportCell text_cell(std::string text) { return {std::move(text), std::nullopt}; }

// What the sections name things by: pairs, schools and people, dates and enum values in
// the reader's language.
struct SectionBuilder {
  SectionBuilder(const monitoring::MonitoringSource& source, const Catalog& text)
      : source(source), text(text), names(subject_names(source)) {
    for (const auto& p : source.of("person")) people[p.id()] = field(p.fields(), "full_name");
  }

  std::string name_of(const std::string& id) const {
    if (id.empty()) return "—";
    auto it = names.find(id);
    return it == names.end() ? "—" : it->second;
  }
  std::string person(const std::string& id) const {
    auto it = people.find(id);
    return it == people.end() || id.empty() ? "—" : it->second;
  }
  std::string date(const std::string& iso) const { return iso.empty() ? "—" : text.date(iso); }
  std::string label(const std::string& enum_name, const std::string& value) const {
    return value.empty() ? "—" : text.tr("enum." + enum_name + "." + value);
  }
  std::string column(const char* entity, const char* f) const { return text.field_label(entity, f); }

  const monitoring::MonitoringSource& source;
  const Catalog& text;
  std::map<std::string, std::string> names, people;
};

ReportChart chart_of(const monitoring::PeriodResult& now, const std::string& indicator, const std::string& level,
                     const std::string& key, const std::string& title, const std::string& unit, double max,
                     const std::function<std::string(const monitoring::IndicatorValue&)>& bar_name) {
  ReportChart chart{key, title, unit, max, {}};
  for (const auto& v : now.values)
    if (v.indicator == indicator && v.level == level && v.value) chart.bars.emplace_back(bar_name(v), *v.value);
  if (max <= 0)
    for (const auto& [name, value] : chart.bars) chart.max = std::max(chart.max, value);
  return chart;
}

ReportSection problem_zones(const SectionBuilder& b, const monitoring::PeriodResult& now) {
  ReportSection s{"problem_zones", b.text.tr("report.section.problem_zones"),
                  {b.text.tr("report.col.pair"), b.column("pair", "problem_zones"), b.text.tr("report.col.addressed")},
                  {2, 4, 1.2},
                  {}};
  for (const auto& p : b.source.of("pair")) {
    std::string zones;
    if (auto z = p.fields().find("problem_zones"); z != p.fields().end() && z->is_array())
      for (const auto& zone : *z)
        if (zone.is_string()) zones += (zones.empty() ? "" : "; ") + zone.get<std::string>();
    const auto* v = now.find("problem_zones_addressed_share", "pair", p.id());
    const std::optional<double> share = v ? v->value : std::nullopt;
    s.rows.push_back({text_cell(b.name_of(p.id())), text_cell(zones.empty() ? "—" : zones),
                      {shown_value(b.text, "share", share), share ? std::optional<double>(*share * 100) : std::nullopt}});
  }
  std::sort(s.rows.begin(), s.rows.end(), [](const auto& x, const auto& y) { return x[0].text < y[0].text; });
  return s;
}

// One row per school with a risk profile in the period, one column per risk kind.
ReportSection risk_profiles(const SectionBuilder& b, const monitoring::PeriodResult& now,
                            const InstrumentRegistry& instruments) {
  ReportSection s{"risk_profiles", b.text.tr("report.section.risk_profiles"), {b.text.tr("report.col.school")}, {2.2}, {}};
  std::vector<std::string> kinds;
  if (const Instrument* risk = instruments.latest("school_risk"))
    for (const auto& area : risk->areas) kinds.push_back(area.id);
  for (const auto& kind : kinds) {
    s.columns.push_back(instruments.area_label("school_risk", kind, b.text.lang()));
    s.widths.push_back(1);
  }
  std::map<std::string, std::vector<ReportCell>> by_school;
  for (const auto& v : now.values) {
    if (v.indicator != "risk_kind_schools" || v.level != "school" || !v.value) continue;
    auto& row = by_school[v.subject_id];
    if (row.empty()) row.assign(kinds.size(), text_cell("—"));
    const auto at = std::find(kinds.begin(), kinds.end(), v.part);
    if (at == kinds.end()) continue;
    row[static_cast<size_t>(at - kinds.begin())] = {*v.value > 0 ? "✓" : "—", *v.value};
  }
  for (auto& [school, cells] : by_school) {
    cells.insert(cells.begin(), text_cell(b.name_of(school)));
    s.rows.push_back(std::move(cells));
  }
  std::sort(s.rows.begin(), s.rows.end(), [](const auto& x, const auto& y) { return x[0].text < y[0].text; });
  return s;
}

// Risks of one school carry its name after the title; likelihood and impact share a column
// so the register fits a portrait page.
ReportSection risk_register(const SectionBuilder& b) {
  const char* E = "programme_risk";
  ReportSection s{"risk_register",
                  b.text.tr("report.section.risk_register"),
                  {b.column(E, "title"), b.text.tr("report.col.likelihood_impact"), b.column(E, "mitigation"),
                   b.column(E, "owner_id"), b.column(E, "status"), b.column(E, "review_date")},
                  {3, 1.2, 3, 1.4, 1, 1},
                  {}};
  std::vector<const monitoring::SourceRecord*> risks;
  for (const auto& r : b.source.of(E)) risks.push_back(&r);
  // Open risks first, the likeliest and heaviest on top.
  auto rank = [](const std::string& level) { return level == "high" ? 0 : level == "medium" ? 1 : 2; };
  std::stable_sort(risks.begin(), risks.end(), [&](const auto* x, const auto* y) {
    const bool x_closed = field(x->fields(), "status") == "closed", y_closed = field(y->fields(), "status") == "closed";
    if (x_closed != y_closed) return y_closed;
    return rank(field(x->fields(), "likelihood")) + rank(field(x->fields(), "impact")) <
           rank(field(y->fields(), "likelihood")) + rank(field(y->fields(), "impact"));
  });
  for (const auto* r : risks) {
    const json& f = r->fields();
    const std::string school = field(f, "school_id");
    s.rows.push_back({text_cell(field(f, "title") + (school.empty() ? "" : " (" + b.name_of(school) + ")")),
                      text_cell(b.label("risk_level", field(f, "likelihood")) + " / " + b.label("risk_level", field(f, "impact"))),
                      text_cell(field(f, "mitigation").empty() ? "—" : field(f, "mitigation")),
                      text_cell(b.person(field(f, "owner_id"))), text_cell(b.label("risk_status", field(f, "status"))),
                      text_cell(b.date(field(f, "review_date")))});
  }
  return s;
}

// The period's notes of one kind, in the order they were written.
ReportSection notes(const SectionBuilder& b, const std::string& period, const std::string& kind) {
  const char* E = "period_note";
  ReportSection s{kind + "s", b.text.tr("report.section." + kind + "s"), {b.column(E, "text")}, {6}, {}};
  if (kind == "recommendation") {
    s.columns.insert(s.columns.begin(), b.text.tr("report.col.addressee"));
    s.widths.insert(s.widths.begin(), 2);
  }
  if (kind != "conclusion") {
    for (const char* f : {"document", "due_date", "responsible_id"}) s.columns.push_back(b.column(E, f));
    s.widths.insert(s.widths.end(), {1.6, 1.1, 1.6});
  }
  std::vector<const monitoring::SourceRecord*> found;
  for (const auto& r : b.source.of(E))
    if (field(r.fields(), "period") == period && field(r.fields(), "kind") == kind) found.push_back(&r);
  std::sort(found.begin(), found.end(), [](const auto* x, const auto* y) { return x->id() < y->id(); });
  for (const auto* r : found) {
    const json& f = r->fields();
    std::vector<ReportCell> row;
    if (kind == "recommendation") {
      const std::string to = !field(f, "pair_id").empty() ? field(f, "pair_id") : field(f, "school_id");
      row.push_back(text_cell(to.empty() ? b.text.tr("report.whole_programme") : b.name_of(to)));
    }
    row.push_back(text_cell(field(f, "text")));
    if (kind != "conclusion") {
      row.push_back(text_cell(field(f, "document").empty() ? "—" : field(f, "document")));
      row.push_back(text_cell(b.date(field(f, "due_date"))));
      row.push_back(text_cell(b.person(field(f, "responsible_id"))));
    }
    s.rows.push_back(std::move(row));
  }
  return s;
}

}  // namespace

void add_charts_and_sections(Report& report, const monitoring::MonitoringSource& source,
                             const monitoring::PeriodResult& now, const Catalog& text,
                             const InstrumentRegistry& instruments) {
  const SectionBuilder b(source, text);
  auto by_subject = [&](const monitoring::IndicatorValue& v) { return b.name_of(v.subject_id); };
  auto by_area = [&](const char* instrument) {
    return [&, instrument](const monitoring::IndicatorValue& v) { return instruments.area_label(instrument, v.part, text.lang()); };
  };
  report.charts = {
      chart_of(now, "events_done_share", "pair", "events_done", text.tr("report.chart.events_done"), "share", 1, by_subject),
      chart_of(now, "satisfaction_mean", "pair", "satisfaction", text.tr("report.chart.satisfaction"), "mean", 5, by_subject),
      chart_of(now, "deficit_area_teachers", "municipality", "deficit_areas", text.tr("report.chart.deficit_areas"), "count",
               0, by_area("teacher_deficits")),
      chart_of(now, "risk_kind_schools", "municipality", "risk_kinds", text.tr("report.chart.risk_kinds"), "count", 0,
               by_area("school_risk")),
  };
  report.sections = {problem_zones(b, now),
                     risk_profiles(b, now, instruments),
                     risk_register(b),
                     notes(b, report.period_id, "conclusion"),
                     notes(b, report.period_id, "recommendation"),
                     notes(b, report.period_id, "decision")};
}

}  // namespace nastavnik::report
