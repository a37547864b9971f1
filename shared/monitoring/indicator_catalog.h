#pragma once
// The indicator catalogue (assets/indicators/*.json): what the municipality monitors, as
// data. Each indicator has an id, names and a definition in ru and en, a kind (process or
// result, as seed 004 splits a network's indicators), a unit (share, count, mean, index),
// the levels it is given at (pair, school, municipality), its source — `computed` with
// the engine's formula named — the direction that is better, and the seed it comes from.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/domain/validation.h"

namespace nastavnik::monitoring {

struct Indicator {
  std::string id;
  nlohmann::json name, definition;  // {"ru": ..., "en": ...}
  std::string kind;                 // "process" | "result"
  std::string unit;                 // "share" | "count" | "mean" | "index"
  std::vector<std::string> levels;  // of "pair", "school", "municipality"
  std::string formula;              // the engine's formula for a computed indicator; "" when reported
  // A figure the school reports (record indicator_value), within [min, max]; the
  // municipality's value is the "sum" or the "mean" of the schools that reported.
  bool reported = false;
  double min = 0, max = 0;
  std::string aggregate;
  std::string better;               // "higher" | "lower"
  std::string seed;
  // A breakdown: one value per area of this instrument (IndicatorValue::part), e.g. the
  // teachers with each deficit area; "" for a single value per subject.
  std::string by_area_of;

  std::string name_in(const std::string& lang) const;
  bool at(const std::string& level) const;
};

class IndicatorCatalog {
 public:
  // Loads every *.json of `dir` (format "nastavnik-indicators"); fails naming the file and
  // the indicator on anything unknown, so a typo never silently drops an indicator.
  static Result<IndicatorCatalog> load_dir(const std::filesystem::path& dir);
  static Result<IndicatorCatalog> from_json(const nlohmann::json& doc, const std::string& origin);

  const std::vector<Indicator>& all() const { return indicators_; }
  const Indicator* find(const std::string& id) const;

 private:
  std::vector<Indicator> indicators_;
};

// The problems of a school's reported figure (fields of an indicator_value record) against
// the catalogue: an indicator that is not a reported one, a period not written
// "2026/27-1", a value out of its range. Keys are catalog keys ("validation.*").
std::vector<FieldError> check_reported_value(const IndicatorCatalog& catalog, const nlohmann::json& fields);

// The formulas the engine knows (indicator_engine.cpp); the catalogue may name no other.
const std::vector<std::string>& known_formulas();

}  // namespace nastavnik::monitoring
