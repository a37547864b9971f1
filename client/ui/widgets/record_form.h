#pragma once
// A form generated from the domain schema, for registry records (schools, people, pairs,
// assignments): each field gets the input of its type (text, date, number, flag, enum,
// enum set, reference to a person / school / pair, set of people, list of texts), the
// catalog's label, a required mark and its inline error. Values live in a JSON object
// as the record stores them; `touched` lists the fields the user changed, so an edit can
// send only those.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "client/model/view_data.h"
#include "client/ui/widgets/pickers.h"
#include "shared/domain/schema.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::ui::widgets {

struct RecordFormData {
  nlohmann::json fields = nlohmann::json::object();
  std::set<std::string> touched;
  std::map<std::string, std::string> search;    // filter text of person pickers
  std::map<std::string, std::string> new_item;  // text being typed for a list field
  void Clear() { *this = RecordFormData{}; }
  // The touched fields only (what an edit sends).
  nlohmann::json TouchedFields() const;
};

struct RecordFormSources {
  const std::vector<view::PersonRef>* people = nullptr;
  const std::vector<view::PairRef>* pairs = nullptr;
  std::vector<Choice> schools;
  std::vector<Choice> municipalities;
  std::string none_label, search_hint, date_hint, bad_date, add_label;
};

// Draws `field_names` of `entity` inside a BeginForm/EndForm table. `error_for(field)` is
// the inline error to show under the field. True when any field changed.
bool RecordFormFields(const Catalog& text, const EntitySchema& entity,
                      const std::vector<std::string>& field_names, RecordFormData* data,
                      const RecordFormSources& sources,
                      const std::function<std::string(const std::string&)>& error_for);

}  // namespace nastavnik::ui::widgets
