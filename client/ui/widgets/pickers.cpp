#include "client/ui/widgets/pickers.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "client/ui/item_marks.h"
#include "shared/domain/schema.h"

namespace nastavnik::ui::widgets {
namespace {

// Case-insensitive for ASCII; Cyrillic is matched as typed (ImGui has no Unicode folding).
bool Matches(const std::string& text, const std::string& filter) {
  if (filter.empty()) return true;
  auto it = std::search(text.begin(), text.end(), filter.begin(), filter.end(), [](char a, char b) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(a) == lower(b);
  });
  return it != text.end();
}

void FilterBox(std::string* filter, const char* hint) {
  if (!filter) return;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##filter", hint ? hint : "", filter);
}

void ChoiceTooltip(const std::string& text) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// Popups of pickers stay inside the window: long names are cut there and shown whole in a
// tooltip, rather than the list running off the screen.
void LimitPopupWidth() {
  const float combo_w = ImGui::CalcItemWidth();
  const float max_w = std::max(combo_w, ImGui::GetIO().DisplaySize.x * 0.6f);
  ImGui::SetNextWindowSizeConstraints(ImVec2(combo_w, 0), ImVec2(max_w, ImGui::GetFontSize() * 22.0f));
}

}  // namespace

bool ChoiceCombo(const char* id, const std::vector<Choice>& choices, std::string* value,
                 const char* none_label, const char* placeholder) {
  std::string preview = none_label ? none_label : placeholder ? placeholder : "";
  for (const auto& c : choices)
    if (c.id == *value) preview = c.label;
  bool changed = false;
  LimitPopupWidth();
  const bool open = ImGui::BeginCombo(id, preview.c_str());
  MarkInScope("");
  if (open) {
    if (none_label && ImGui::Selectable(none_label, value->empty())) {
      changed = !value->empty();
      value->clear();
    }
    for (size_t i = 0; i < choices.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      const bool selected = choices[i].id == *value;
      if (ImGui::Selectable(choices[i].label.c_str(), selected) && !selected) {
        *value = choices[i].id;
        changed = true;
      }
      MarkInScope(choices[i].id);
      if (!choices[i].tooltip.empty() && choices[i].tooltip != choices[i].label) ChoiceTooltip(choices[i].tooltip);
      if (selected) ImGui::SetItemDefaultFocus();
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  return changed;
}

std::string PersonName(const std::vector<view::PersonRef>& people, const std::string& id,
                       const std::string& fallback) {
  for (const auto& p : people)
    if (p.id == id) return p.name;
  return fallback;
}

bool PersonCombo(const char* id, const std::vector<view::PersonRef>& people, std::string* person_id,
                 const char* none_label, std::string* filter, const char* filter_hint, const char* placeholder) {
  const std::string empty = none_label ? none_label : placeholder ? placeholder : "";
  const std::string preview = person_id->empty() ? empty : PersonName(people, *person_id, *person_id);
  bool changed = false;
  LimitPopupWidth();
  const bool open = ImGui::BeginCombo(id, preview.c_str(), ImGuiComboFlags_HeightLarge);
  MarkInScope("");
  if (open) {
    FilterBox(filter, filter_hint);
    if (none_label && ImGui::Selectable(none_label, person_id->empty())) {
      changed = !person_id->empty();
      person_id->clear();
    }
    for (size_t i = 0; i < people.size(); ++i) {
      if (filter && !Matches(people[i].name, *filter)) continue;
      ImGui::PushID(static_cast<int>(i));
      const bool selected = people[i].id == *person_id;
      if (ImGui::Selectable(people[i].name.c_str(), selected) && !selected) {
        *person_id = people[i].id;
        changed = true;
      }
      MarkInScope(people[i].id);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool PeopleMultiSelect(const char* id, const std::vector<view::PersonRef>& people,
                       std::vector<std::string>* ids, std::string* filter, const char* filter_hint,
                       const std::string& summary) {
  bool changed = false;
  LimitPopupWidth();
  const bool open = ImGui::BeginCombo(id, summary.c_str(), ImGuiComboFlags_HeightLarge);
  MarkInScope("");
  if (open) {
    FilterBox(filter, filter_hint);
    for (size_t i = 0; i < people.size(); ++i) {
      if (filter && !Matches(people[i].name, *filter)) continue;
      ImGui::PushID(static_cast<int>(i));
      auto it = std::find(ids->begin(), ids->end(), people[i].id);
      bool ticked = it != ids->end();
      if (ImGui::Checkbox(people[i].name.c_str(), &ticked)) {
        if (ticked)
          ids->push_back(people[i].id);
        else
          ids->erase(it);
        changed = true;
      }
      MarkInScope(people[i].id);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  return changed;
}

std::string PairLabel(const view::PairRef& pair) { return pair.low_school + " — " + pair.partner_school; }

std::string PairFullLabel(const view::PairRef& pair) {
  return (pair.low_school_full.empty() ? pair.low_school : pair.low_school_full) + " — " +
         (pair.partner_school_full.empty() ? pair.partner_school : pair.partner_school_full);
}

bool PairCombo(const char* id, const std::vector<view::PairRef>& pairs, std::string* pair_id,
               const char* none_label, const char* placeholder) {
  std::vector<Choice> choices;
  choices.reserve(pairs.size());
  for (const auto& p : pairs) choices.push_back({p.id, PairLabel(p), PairFullLabel(p)});
  return ChoiceCombo(id, choices, pair_id, none_label, placeholder);
}

bool EnumCombo(const char* id, const Catalog& text, const std::string& enum_name, std::string* value,
               const char* none_label, bool numbered) {
  const auto* values = DomainSchema::instance().enum_values(enum_name);
  if (!values) return false;
  std::vector<Choice> choices;
  for (size_t i = 0; i < values->size(); ++i) {
    std::string label = text.enum_label(enum_name, (*values)[i]);
    if (numbered) label = std::to_string(i + 1) + ". " + label;
    choices.push_back({(*values)[i], std::move(label), ""});
  }
  return ChoiceCombo(id, choices, value, none_label);
}

bool EnumCheckboxes(const char* id, const Catalog& text, const std::string& enum_name,
                    std::vector<std::string>* values) {
  const auto* all = DomainSchema::instance().enum_values(enum_name);
  if (!all) return false;
  bool changed = false;
  ImGui::PushID(id);
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (size_t i = 0; i < all->size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const std::string label = text.enum_label(enum_name, (*all)[i]);
    const float width =
        ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str()).x;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
    }
    auto it = std::find(values->begin(), values->end(), (*all)[i]);
    bool ticked = it != values->end();
    if (ImGui::Checkbox(label.c_str(), &ticked)) {
      if (ticked)
        values->push_back((*all)[i]);
      else
        values->erase(it);
      changed = true;
    }
    ImGui::PopID();
  }
  ImGui::PopID();
  return changed;
}

}  // namespace nastavnik::ui::widgets
