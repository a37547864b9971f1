#include "client/report/report_tables.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace nastavnik::report {
namespace {

using monitoring::Period;

std::string period_title(const Catalog& text, const Period& p) {
  return text.render(
      Message("report.period_name").with("half", p.half() == 1 ? "first" : "second").with("years", p.school_year()));
}

}  // namespace

std::string field(const nlohmann::json& f, const char* name) {
  auto it = f.find(name);
  return it != f.end() && it->is_string() ? it->get<std::string>() : "";
}

// Short names of schools and "school — school" for pairs.
std::map<std::string, std::string> subject_names(const monitoring::MonitoringSource& source) {
  std::map<std::string, std::string> names;
  for (const auto& s : source.of("school")) {
    const std::string short_name = field(s.fields(), "short_name");
    names[s.id()] = short_name.empty() ? field(s.fields(), "name") : short_name;
  }
  for (const auto& p : source.of("pair")) {
    auto school = [&](const char* f) {
      auto it = names.find(field(p.fields(), f));
      return it == names.end() ? std::string("—") : it->second;
    };
    names[p.id()] = school("low_school_id") + " — " + school("partner_school_id");
  }
  return names;
}


std::string shown_value(const Catalog& text, const std::string& unit, const std::optional<double>& value) {
  if (!value) return "—";
  if (unit == "share") return text.percent(*value);
  if (unit == "count") return text.number(*value, std::fabs(*value - std::round(*value)) < 1e-9 ? 0 : 1);
  return text.number(*value, 2);
}

std::string direction_mark(const std::string& direction) {
  if (direction == "up") return "▲";
  if (direction == "down") return "▼";
  if (direction == "same") return "=";
  return "";
}

Report build_report(const monitoring::IndicatorCatalog& catalog, const monitoring::MonitoringSource& source,
                    const Period& period, const Catalog& text, const InstrumentRegistry& instruments,
                    const std::string& as_of) {
  const auto now = monitoring::compute_indicators(catalog, source, period, as_of, &instruments);
  const auto before = monitoring::compute_indicators(catalog, source, period.previous(), as_of, &instruments);
  const auto names = subject_names(source);
  Report report;
  report.title = text.tr("report.title");
  report.municipality = source.of("municipality").empty() ? "" : field(source.of("municipality").front().fields(), "name");
  report.as_of = as_of;
  report.period_id = period.name();
  report.previous_id = period.previous().name();
  report.period_name = period_title(text, period);
  report.previous_name = period_title(text, period.previous());

  const std::vector<std::pair<std::string, std::string>> levels = {
      {"municipality", "municipality"}, {"pairs", "pair"}, {"schools", "school"}};
  for (const auto& [key, level] : levels) {
    ReportTable table{key, text.tr("report.table." + key), {}};
    for (const auto& v : now.values) {
      if (v.level != level) continue;
      const monitoring::Indicator* in = catalog.find(v.indicator);
      const auto* prev = before.find(v.indicator, v.level, v.subject_id, v.part);
      ReportRow row;
      auto name = names.find(v.subject_id);
      row.subject = level == "municipality" ? report.municipality : name == names.end() ? v.subject_id : name->second;
      row.indicator = in->name_in(text.lang());
      if (!v.part.empty()) row.indicator += ": " + instruments.area_label(in->by_area_of, v.part, text.lang());
      row.indicator_id = in->id;
      row.unit = in->unit;
      row.kind = in->kind;
      row.value = v.value;
      row.previous = prev ? prev->value : std::nullopt;
      row.direction = monitoring::direction(row.value, row.previous);
      row.better = (row.direction == "up" && in->better == "higher") || (row.direction == "down" && in->better == "lower");
      table.rows.push_back(std::move(row));
    }
    // Pairs and schools by name, each with its indicators in catalogue order.
    std::stable_sort(table.rows.begin(), table.rows.end(),
                     [](const ReportRow& a, const ReportRow& b) { return a.subject < b.subject; });
    report.tables.push_back(std::move(table));
  }
  add_charts_and_sections(report, source, now, text, instruments);
  return report;
}

}  // namespace nastavnik::report
