#pragma once
// The half-year report as tables: every indicator of the catalogue for the municipality,
// each pair and each school in the period, beside the previous half-year, with the
// direction of change — computed by the one engine (shared/monitoring) and named in the
// reader's language. The PDF, XLSX and CSV writers lay out these same tables.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/domain/instrument.h"
#include "shared/i18n/catalog.h"
#include "shared/monitoring/indicator_engine.h"

namespace nastavnik::report {

struct ReportRow {
  std::string subject;    // the pair's or school's name; the municipality's for its row
  std::string indicator;  // the indicator's name
  std::string indicator_id, unit, kind;
  std::optional<double> value, previous;
  std::string direction;  // "up", "down", "same", ""
  bool better = false;    // the change goes the way the indicator wants
};

struct ReportTable {
  std::string key;  // "municipality", "pairs", "schools"
  std::string title;
  std::vector<ReportRow> rows;
};

// A cell of a section: its text, and the number a spreadsheet keeps when it is one.
struct ReportCell {
  std::string text;
  std::optional<double> number;
};

// A table of the report other than the indicator tables: problem-zone coverage, the schools'
// risk profiles, the risk register, the period's conclusions, recommendations and decisions.
struct ReportSection {
  std::string key;  // "problem_zones", "risk_profiles", "risk_register", "conclusions", "recommendations", "decisions"
  std::string title;
  std::vector<std::string> columns;
  std::vector<double> widths;  // relative column widths for the printed page
  std::vector<std::vector<ReportCell>> rows;
};

// A bar chart of the printed report: one bar per pair, deficit area or risk kind.
struct ReportChart {
  std::string key;  // "events_done", "satisfaction", "deficit_areas", "risk_kinds"
  std::string title, unit;
  double max = 0;  // the axis' end: 1 for shares, 5 for the satisfaction scale, else the largest bar
  std::vector<std::pair<std::string, double>> bars;
};

struct Report {
  std::string title, municipality, period_name, previous_name, period_id, previous_id, as_of;
  std::vector<ReportTable> tables;  // municipality, pairs, schools
  std::vector<ReportChart> charts;
  std::vector<ReportSection> sections;
};

// `as_of`: the date the report is made (ISO); what is planned later is not yet missed.
// `instruments` name the deficit areas and risk kinds of the breakdowns.
Report build_report(const monitoring::IndicatorCatalog& catalog, const monitoring::MonitoringSource& source,
                    const monitoring::Period& period, const Catalog& text, const InstrumentRegistry& instruments,
                    const std::string& as_of = "");

// The charts and sections of a report whose tables are built (report_sections.cpp).
void add_charts_and_sections(Report& report, const monitoring::MonitoringSource& source,
                             const monitoring::PeriodResult& now, const Catalog& text,
                             const InstrumentRegistry& instruments);
// A record's text field; "" when absent or not text.
std::string field(const nlohmann::json& fields, const char* name);
// Short names of schools (the legal name when there is none) and «school — school» for pairs.
std::map<std::string, std::string> subject_names(const monitoring::MonitoringSource& source);


// A value as the reader writes it: a share as «45 %», a mean with two decimals, a count
// whole; «—» when there is nothing to compute it from.
std::string shown_value(const Catalog& text, const std::string& unit, const std::optional<double>& value);
// «▲», «▼», «=» or «».
std::string direction_mark(const std::string& direction);

}  // namespace nastavnik::report
