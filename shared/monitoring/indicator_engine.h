#pragma once
// The one computation of the monitoring indicators: every computed indicator of the
// catalogue for every pair, school and the municipality in a period, from the records of
// a replica (or a store) handed over as plain JSON — no SQL, no UI. The desktop client,
// `nastavnik-cli report` and the report writers all use it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/monitoring/indicator_catalog.h"
#include "shared/monitoring/period.h"

namespace nastavnik::monitoring {

struct SourceRecord {
  std::string id;
  nlohmann::json fields;
};

// The live (not deleted) records the indicators are computed from, by entity.
struct MonitoringSource {
  std::map<std::string, std::vector<SourceRecord>> by_entity;
  const std::vector<SourceRecord>& of(const std::string& entity) const;
};

struct IndicatorValue {
  std::string indicator;
  std::string level;       // "pair", "school" or "municipality"
  std::string subject_id;  // the pair or school; "" for the municipality
  // nullopt: nothing to compute it from in the period (no planned events, nobody
  // assessed); counts are 0 rather than missing.
  std::optional<double> value;
  std::vector<std::string> record_ids;  // the records it was computed from
};

struct PeriodResult {
  Period period;
  std::vector<IndicatorValue> values;  // catalogue order; pairs, then schools, then the municipality
  const IndicatorValue* find(const std::string& indicator, const std::string& level,
                             const std::string& subject_id = "") const;
};

// `as_of` (ISO date, "" for the end of the period): events planned and route steps due
// after it are not yet counted as missed, so a report made during a half-year is fair.
PeriodResult compute_indicators(const IndicatorCatalog& catalog, const MonitoringSource& source, const Period& period,
                                const std::string& as_of = "");

// The latest half-year in which anything was recorded (a session, a visit, an assessment
// or a held event); nullopt when the source has no dated work.
std::optional<Period> latest_period_with_data(const MonitoringSource& source);

// How a value moved against the previous period: "up", "down", "same", or "" when either
// is missing.
std::string direction(const std::optional<double>& now, const std::optional<double>& before);

}  // namespace nastavnik::monitoring
