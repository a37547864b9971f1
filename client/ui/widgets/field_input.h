#pragma once
// The input of one field of a record, chosen from the domain schema: text, date, number,
// flag, enum, enum set, reference to a person / pair / school / municipality, set of
// people, list of texts. The value lives in a JSON object of fields as the record stores
// it; an empty input removes the field. A look can override the default input of a field
// (radio buttons for a short enum, a slider with its scale, a wrapping text area).

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/model/view_data.h"
#include "client/ui/widgets/pickers.h"
#include "shared/domain/schema.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::ui::widgets {

// What the pickers choose from.
struct FieldSources {
  const std::vector<view::PersonRef>* people = nullptr;
  const std::vector<view::PairRef>* pairs = nullptr;
  std::vector<Choice> schools;
  std::vector<Choice> municipalities;
  std::string today;  // YYYY-MM-DD: the half-years offered for a period field are around it
};

// Typing state of the pickers and list editors of a form (filter text, item being added).
struct FieldInputState {
  std::map<std::string, std::string> search;
  std::map<std::string, std::string> new_item;
};

enum class FieldLook {
  kAuto,      // from the field's type
  kRadio,     // an enum as radio buttons in a row
  kSlider,    // an integer on its scale; the lowest position means "not given"
  kTextArea,  // text that wraps over several lines
};

// Draws the input of `field` for `fields`; true when the value changed.
bool FieldInput(const Catalog& text, const FieldSchema& field, FieldLook look, nlohmann::json* fields,
                FieldInputState* state, const FieldSources& sources);

}  // namespace nastavnik::ui::widgets
