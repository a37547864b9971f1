#pragma once
// The one computation of the monitoring indicators: every computed indicator of the
// catalogue for every pair, school and the municipality in a period, from the records of
// a replica (or a store) handed over as plain JSON — no SQL, no UI. The desktop client,
// `nastavnik-cli report` and the report writers all use it.

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/domain/instrument.h"
#include "shared/monitoring/indicator_catalog.h"
#include "shared/monitoring/period.h"

namespace nastavnik::monitoring {

// One record the indicators read: its id and its fields, kept by whoever made the source.
class SourceRecord {
 public:
  SourceRecord(const std::string& id, const nlohmann::json& fields) : id_(&id), fields_(&fields) {}
  const std::string& id() const { return *id_; }
  const nlohmann::json& fields() const { return *fields_; }

 private:
  const std::string* id_;
  const nlohmann::json* fields_;
};

// The entities the indicators and the report read: the registry, every kind of work, the
// reported figures, and the programme's risks and period notes.
inline constexpr const char* kSourceEntities[] = {
    "municipality",      "school",          "person",     "pair",           "assignment",
    "roadmap_event",     "lesson_visit",    "mentoring_session", "self_assessment", "individual_route",
    "route_step",        "indicator_value", "programme_risk",    "period_note"};

// The live (not deleted) records the indicators are computed from, by entity. The model
// refers to the records of its cache (no copy of a 50,000-session replica per snapshot);
// the CLI and the tests hand records over to be kept here.
class MonitoringSource {
 public:
  MonitoringSource() = default;
  MonitoringSource(MonitoringSource&&) = default;  // a deque's elements stay where they are
  MonitoringSource& operator=(MonitoringSource&&) = default;
  MonitoringSource(const MonitoringSource&) = delete;
  MonitoringSource& operator=(const MonitoringSource&) = delete;

  // A record kept elsewhere, which must outlive this source.
  void refer(const std::string& entity, const std::string& id, const nlohmann::json& fields);
  // A record kept here.
  void add(const std::string& entity, std::string id, nlohmann::json fields);
  const std::vector<SourceRecord>& of(const std::string& entity) const;

 private:
  std::map<std::string, std::vector<SourceRecord>> by_entity_;
  std::deque<std::pair<std::string, nlohmann::json>> owned_;
};

struct IndicatorValue {
  std::string indicator;
  std::string level;       // "pair", "school" or "municipality"
  std::string subject_id;  // the pair or school; "" for the municipality
  std::string part;        // the instrument area of a breakdown (Indicator::by_area_of); "" otherwise
  // nullopt: nothing to compute it from in the period (no planned events, nobody
  // assessed); counts are 0 rather than missing.
  std::optional<double> value;
  std::vector<std::string> record_ids;  // the records it was computed from
};

struct PeriodResult {
  Period period;
  std::vector<IndicatorValue> values;  // catalogue order; pairs, then schools, then the municipality
  const IndicatorValue* find(const std::string& indicator, const std::string& level,
                             const std::string& subject_id = "", const std::string& part = "") const;
};

// `as_of` (ISO date, "" for the end of the period): events planned and route steps due
// after it are not yet counted as missed, so a report made during a half-year is fair.
// `instruments` place a lesson visit's scored items in their protocol's areas (the
// breakdown by protocol area); without them that breakdown is empty.
PeriodResult compute_indicators(const IndicatorCatalog& catalog, const MonitoringSource& source, const Period& period,
                                const std::string& as_of = "", const InstrumentRegistry* instruments = nullptr);

// The latest half-year in which anything was recorded (a session, a visit, an assessment
// or a held event) that has begun by `as_of` (ISO date; "" for no limit); nullopt when the
// source has no such work.
std::optional<Period> latest_period_with_data(const MonitoringSource& source, const std::string& as_of = "");

// How a value moved against the previous period: "up", "down", "same", or "" when either
// is missing.
std::string direction(const std::optional<double>& now, const std::optional<double>& before);

}  // namespace nastavnik::monitoring
