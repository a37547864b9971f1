#pragma once
// The stamps of a record's current values, kept with the record itself (one row per record):
// which write each last-writer-wins field, each set element and the tombstone came from.
// They decide whether an incoming write replaces the current value; the history behind
// them (for conflicts and audit) is in the op log.
//
// Compact by construction: most of a record is written by one op, so one stamp (`_`) stands
// for every value present in the record, and only the exceptions are listed — fields
// written later, fields cleared (no value to stand for), removed set elements, the
// tombstone. Serialised as {"_": hlc, "f": {field: hlc}, "e": {field: {element: [hlc, 0|1]}}}.

#include <map>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"

namespace nastavnik {

// The field name under which a record's tombstone is stamped.
inline constexpr const char* kTombstoneField = "_deleted";

class RecordStamps {
 public:
  RecordStamps() = default;
  // Stamps of a record that does not exist yet, whose first write is `first`.
  explicit RecordStamps(std::string first) : common_(std::move(first)) {}
  static Result<RecordStamps> parse(const std::string& text);
  std::string dump() const;

  // The stamp of the field's current value (or of its clearing), given the record's data.
  std::optional<std::string> field(const std::string& name, const nlohmann::json& data) const;
  void set_field(const std::string& name, const std::string& hlc, bool has_value);
  struct Element {
    std::string hlc;
    bool present = false;
  };
  std::optional<Element> element(const std::string& field, const std::string& value, const nlohmann::json& data) const;
  void set_element(const std::string& field, const std::string& value, const Element& e);
  // Every last-writer-wins field's stamp (the tombstone's too), given the record's data and
  // which of its fields are sets.
  // Every stamp the record's current state names: an op of the record whose stamp is not
  // among them has been replaced in every value it wrote.
  std::set<std::string> referenced() const;
  template <typename IsSet>
  std::map<std::string, std::string> fields(const nlohmann::json& data, IsSet is_set) const {
    std::map<std::string, std::string> out(fields_.begin(), fields_.end());
    for (const auto& [name, value] : data.items())
      if (!is_set(name) && !out.count(name)) out[name] = common_;
    return out;
  }

 private:
  std::string common_;
  std::map<std::string, std::string> fields_;
  std::map<std::string, std::map<std::string, Element>> elements_;
};

}  // namespace nastavnik
