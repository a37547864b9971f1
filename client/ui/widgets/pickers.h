#pragma once
// Pickers for forms and filters: people, pairs, enum values and generic choices. Each returns
// true when the selection changed; its width is the caller's (SetNextItemWidth; a FormRow
// gives the full width of the input column).

#include <string>
#include <vector>

#include "client/model/view_data.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::ui::widgets {

struct Choice {
  std::string id, label;
  std::string tooltip;  // e.g. the full legal name behind a short one
};

// One of `choices`; with `none_label`, an empty choice ("" id) comes first. `placeholder`
// is shown while nothing is chosen and there is no empty choice ("— choose —").
bool ChoiceCombo(const char* id, const std::vector<Choice>& choices, std::string* value,
                 const char* none_label, const char* placeholder = nullptr);

// A person by name, with a filter box at the top of the list.
bool PersonCombo(const char* id, const std::vector<view::PersonRef>& people, std::string* person_id,
                 const char* none_label, std::string* filter, const char* filter_hint,
                 const char* placeholder = nullptr);

// Several people, ticked in a list with a filter box; the closed combo shows `summary`.
bool PeopleMultiSelect(const char* id, const std::vector<view::PersonRef>& people,
                       std::vector<std::string>* ids, std::string* filter, const char* filter_hint,
                       const std::string& summary);

// A network pair as "<low-results school> — <partner school>".
bool PairCombo(const char* id, const std::vector<view::PairRef>& pairs, std::string* pair_id,
               const char* none_label, const char* placeholder = nullptr);
std::string PairLabel(const view::PairRef& pair);  // short school names
std::string PairFullLabel(const view::PairRef& pair);  // full legal names, for tooltips

// A value of the domain enum `enum_name`, labelled through the catalog. `numbered` puts the
// position in front ("3. …"), for ordered enums such as the learning-by-action chain.
bool EnumCombo(const char* id, const Catalog& text, const std::string& enum_name, std::string* value,
               const char* none_label, bool numbered = false);

// Several values of the domain enum `enum_name` as check boxes in one row (wrapping).
bool EnumCheckboxes(const char* id, const Catalog& text, const std::string& enum_name,
                    std::vector<std::string>* values);

// The name of `id` in `people`, or `fallback` when it is not there.
std::string PersonName(const std::vector<view::PersonRef>& people, const std::string& id,
                       const std::string& fallback = "");

}  // namespace nastavnik::ui::widgets
