#pragma once
// The half-year report as tables: every indicator of the catalogue for the municipality,
// each pair and each school in the period, beside the previous half-year, with the
// direction of change — computed by the one engine (shared/monitoring) and named in the
// reader's language. The PDF, XLSX and CSV writers lay out these same tables.

#include <optional>
#include <string>
#include <vector>

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

struct Report {
  std::string title, municipality, period_name, previous_name, period_id, previous_id, as_of;
  std::vector<ReportTable> tables;  // municipality, pairs, schools
};

// `as_of`: the date the report is made (ISO); what is planned later is not yet missed.
Report build_report(const monitoring::IndicatorCatalog& catalog, const monitoring::MonitoringSource& source,
                    const monitoring::Period& period, const Catalog& text, const std::string& as_of = "");

// A value as the reader writes it: a share as «45 %», a mean with two decimals, a count
// whole; «—» when there is nothing to compute it from.
std::string shown_value(const Catalog& text, const std::string& unit, const std::optional<double>& value);
// «▲», «▼», «=» or «».
std::string direction_mark(const std::string& direction);

}  // namespace nastavnik::report
