#pragma once
// Instruments as data (assets/instruments/<id>.v<version>.json): self-assessment
// questionnaires and observation protocols. Each version is kept, so answers given to an
// old version are always read and scored with that version.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/domain/validation.h"

namespace nastavnik {

struct InstrumentArea {
  std::string id;
  nlohmann::json title;             // {"ru": ..., "en": ...}
  std::optional<double> threshold;  // overrides the instrument's threshold
};

struct InstrumentItem {
  std::string id;
  std::string area;
  nlohmann::json text;  // {"ru": ..., "en": ...}
};

struct AreaScore {
  std::string area;
  double mean = 0;    // mean of the answered items of the area
  int answered = 0;   // how many items of the area were answered
  bool deficit = false;
};

struct Instrument {
  std::string id;
  int version = 0;
  std::string kind;     // "self_assessment" or "observation_protocol"
  std::string subject;  // "person" or "school"
  nlohmann::json title;
  int scale_min = 0, scale_max = 0;
  nlohmann::json scale_labels;
  bool higher_is_risk = false;  // false: low scores are deficits; true: high scores are risks
  double threshold = 0;
  std::vector<InstrumentArea> areas;
  std::vector<InstrumentItem> items;

  // Parses and checks one instrument file's JSON (ids unique, every item in a known area,
  // every area with items, a sane scale). InvalidArgument names the problem.
  static Result<Instrument> from_json(const nlohmann::json& j);

  const InstrumentItem* item(const std::string& id) const;
  std::string title_in(const std::string& lang) const;
  // Errors for answers that name unknown items or lie outside the scale; with
  // `require_complete`, also for items left unanswered.
  std::vector<FieldError> check_answers(const nlohmann::json& answers, bool require_complete) const;
  // One score per area, in the instrument's order. Unanswered areas are not deficits.
  std::vector<AreaScore> score(const nlohmann::json& answers) const;
  // The ids of the deficit (or risk) areas, in the instrument's order.
  std::vector<std::string> deficits(const nlohmann::json& answers) const;
};

class InstrumentRegistry {
 public:
  // Loads every *.json in `dir`. Fails on the first broken file, naming it.
  static Result<InstrumentRegistry> load_dir(const std::filesystem::path& dir);

  Status add(Instrument instrument);
  const Instrument* find(const std::string& id, int version) const;
  const Instrument* latest(const std::string& id) const;
  std::vector<const Instrument*> all() const;
  // The title of an area of the instrument's latest version in `lang`; the area's id when
  // the instrument or the area is unknown.
  std::string area_label(const std::string& instrument, const std::string& area, const std::string& lang) const;

  // For a self_assessment record: checks its answers against its instrument version and
  // writes the computed "deficits" field. Returns the problems found (empty when fine).
  std::vector<FieldError> prepare_self_assessment(nlohmann::json& fields) const;

 private:
  std::map<std::pair<std::string, int>, Instrument> by_key_;
};

}  // namespace nastavnik
