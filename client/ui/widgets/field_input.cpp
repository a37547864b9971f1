#include "client/ui/widgets/field_input.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "client/ui/widgets/date_input.h"
#include "client/ui/item_marks.h"
#include "client/ui/widgets/form_field.h"
#include "shared/monitoring/period_text.h"

namespace nastavnik::ui::widgets {
namespace {

std::vector<std::string> StringList(const nlohmann::json& v) {
  std::vector<std::string> out;
  if (v.is_array())
    for (const auto& e : v)
      if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

std::string StringValue(const nlohmann::json& fields, const std::string& name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void SetOrErase(nlohmann::json* fields, const std::string& name, const std::string& value) {
  if (value.empty()) fields->erase(name);
  else (*fields)[name] = value;
}

// A list of texts: each with a remove button, then a field to add one.
bool TextListEditor(const Catalog& text, const FieldSchema& field, nlohmann::json* fields, FieldInputState* state) {
  std::vector<std::string> items = StringList(fields->value(field.name, nlohmann::json::array()));
  bool changed = false;
  for (size_t i = 0; i < items.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::SmallButton("×")) {
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
      changed = true;
      ImGui::PopID();
      break;
    }
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(items[i].c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
  const std::string add = text.tr("ui.common.add");
  std::string& typed = state->new_item[field.name];
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize(add.c_str()).x - ImGui::GetStyle().FramePadding.x * 4);
  const bool enter = ImGui::InputText("##new", &typed, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button(add.c_str()) || enter) && !typed.empty()) {
    items.push_back(typed);
    typed.clear();
    changed = true;
  }
  if (changed) (*fields)[field.name] = items;
  return changed;
}

bool RadioRow(const Catalog& text, const FieldSchema& field, nlohmann::json* fields) {
  std::string v = StringValue(*fields, field.name);
  bool changed = false;
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (size_t i = 0; i < field.enum_values.size(); ++i) {
    const std::string& option = field.enum_values[i];
    const std::string label = text.enum_label(field.enum_name, option);
    ImGui::PushID(option.c_str());
    if (i > 0) {
      ImGui::SameLine();
      const float width = ImGui::GetFrameHeight() + ImGui::CalcTextSize(label.c_str()).x +
                          ImGui::GetStyle().ItemInnerSpacing.x;
      if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
    }
    if (ImGui::RadioButton(label.c_str(), v == option) && v != option) {
      v = option;
      changed = true;
    }
    MarkInScope(option);
    ImGui::PopID();
  }
  if (changed) SetOrErase(fields, field.name, v);
  return changed;
}

// The scale of an integer field, its lowest position meaning "not given" when the field is
// optional: «—», 1, 2, … 5.
bool ScaleSlider(const FieldSchema& field, nlohmann::json* fields) {
  const int lo = static_cast<int>(field.min.value_or(0));
  const int hi = static_cast<int>(field.max.value_or(lo + 10));
  const int none = field.required ? lo : lo - 1;
  auto it = fields->find(field.name);
  int v = it != fields->end() && it->is_number_integer() ? it->get<int>() : none;
  const std::string shown = v == none && !field.required ? "—" : std::to_string(v);
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 16.0f));
  const bool moved = ImGui::SliderInt("##slider", &v, none, hi, shown.c_str(), ImGuiSliderFlags_AlwaysClamp);
  MarkInScope("");
  if (!moved) return false;
  if (v == none && !field.required) fields->erase(field.name);
  else (*fields)[field.name] = v;
  return true;
}

bool RealField(const Catalog& text, const FieldSchema& field, nlohmann::json* fields) {
  // Shown and typed with the reader's decimal separator; stored as a number.
  auto it = fields->find(field.name);
  std::string shown =
      it != fields->end() && it->is_number() ? text.number(it->get<double>(), 3, /*grouping=*/false) : std::string();
  // ImGui's CharsDecimal drops the comma that Russian readers type as the decimal separator.
  auto decimal_chars = [](ImGuiInputTextCallbackData* data) -> int {
    const ImWchar c = data->EventChar;
    return (c >= '0' && c <= '9') || c == ',' || c == '.' || c == '-' || c == '+' ? 0 : 1;
  };
  const bool typed = ImGui::InputText("##real", &shown, ImGuiInputTextFlags_CallbackCharFilter, decimal_chars);
  MarkInScope("");
  if (!typed) return false;
  std::replace(shown.begin(), shown.end(), ',', '.');
  if (shown.empty()) {
    fields->erase(field.name);
    return true;
  }
  char* end = nullptr;
  double v = std::strtod(shown.c_str(), &end);
  if (end != shown.c_str() + shown.size() || !std::isfinite(v)) return false;  // keep the old value
  if (field.min) v = std::max(v, *field.min);
  if (field.max) v = std::min(v, *field.max);
  (*fields)[field.name] = v;
  return true;
}

bool RefField(const Catalog& text, const FieldSchema& field, nlohmann::json* fields, FieldInputState* state,
              const FieldSources& sources) {
  std::string v = StringValue(*fields, field.name);
  const std::string none_label = text.tr("ui.common.none"), choose = text.tr("ui.common.choose");
  const char* none = field.required ? nullptr : none_label.c_str();
  bool changed = false;
  if (field.ref_entity == "person" && sources.people)
    changed = PersonCombo("##ref", *sources.people, &v, none, &state->search[field.name],
                          text.tr("ui.common.search").c_str(), choose.c_str());
  else if (field.ref_entity == "pair" && sources.pairs)
    changed = PairCombo("##ref", *sources.pairs, &v, none, choose.c_str());
  else if (field.ref_entity == "school")
    changed = ChoiceCombo("##ref", sources.schools, &v, none, choose.c_str());
  else if (field.ref_entity == "municipality" && !sources.municipalities.empty())
    changed = ChoiceCombo("##ref", sources.municipalities, &v, none, choose.c_str());
  else
    changed = ImGui::InputText("##ref", &v);
  if (changed) SetOrErase(fields, field.name, v);
  return changed;
}

bool PeopleField(const Catalog& text, const FieldSchema& field, nlohmann::json* fields, FieldInputState* state,
                 const FieldSources& sources) {
  if (!sources.people || field.ref_entity != "person") return false;
  std::vector<std::string> v = StringList(fields->value(field.name, nlohmann::json::array()));
  const std::string summary = v.empty()       ? text.tr("ui.common.none")
                              : v.size() == 1 ? PersonName(*sources.people, v[0], v[0])
                                              : text.render(Message("ui.common.selected_people").with("count", v.size()));
  if (!PeopleMultiSelect("##people", *sources.people, &v, &state->search[field.name],
                         text.tr("ui.common.search").c_str(), summary))
    return false;
  (*fields)[field.name] = v;
  return true;
}

// The half-years around today — two school years back, one half-year ahead — and the
// record's own, as people name them («1-е полугодие 2026/27»).
bool PeriodField(const Catalog& text, const FieldSchema& field, nlohmann::json* fields, const FieldSources& sources) {
  std::string v = StringValue(*fields, field.name);
  std::vector<monitoring::Period> periods;
  if (auto now = monitoring::Period::of_date(sources.today)) {
    monitoring::Period p = now->next();
    for (int i = 0; i < 6; ++i, p = p.previous()) periods.push_back(p);
  }
  if (auto own = monitoring::Period::parse(v); own && std::find(periods.begin(), periods.end(), *own) == periods.end())
    periods.push_back(*own);
  std::vector<Choice> choices;
  for (const auto& p : periods) choices.push_back({p.name(), monitoring::period_label(text, p), p.first_day() + " — " + p.last_day()});
  const std::string none = text.tr("ui.common.none");
  const bool changed = ChoiceCombo("##period", choices, &v, field.required ? nullptr : none.c_str(),
                                   text.tr("ui.common.choose").c_str());
  if (changed) SetOrErase(fields, field.name, v);
  return changed;
}

}  // namespace

bool FieldInput(const Catalog& text, const FieldSchema& field, FieldLook look, nlohmann::json* fields,
                FieldInputState* state, const FieldSources& sources) {
  ImGui::PushID(field.name.c_str());
  bool changed = false;
  if (look == FieldLook::kRadio && field.type == FieldType::kEnum) {
    changed = RadioRow(text, field, fields);
  } else if (look == FieldLook::kSlider && field.type == FieldType::kInt) {
    changed = ScaleSlider(field, fields);
  } else if (look == FieldLook::kTextArea && field.type == FieldType::kText) {
    std::string v = StringValue(*fields, field.name);
    changed = TextArea("##text", &v, 3);
    MarkInScope("");
    if (changed) SetOrErase(fields, field.name, v);
  } else {
    switch (field.type) {
      case FieldType::kText: {
        std::string v = StringValue(*fields, field.name);
        changed = TextField("##text", &v);
        MarkInScope("");
        if (changed) SetOrErase(fields, field.name, v);
        break;
      }
      case FieldType::kDate: {
        std::string v = StringValue(*fields, field.name);
        if ((changed = DateInput("##date", &v, text))) SetOrErase(fields, field.name, v);
        break;
      }
      case FieldType::kInt: {
        auto it = fields->find(field.name);
        bool set = it != fields->end() && it->is_number_integer();
        int v = set ? it->get<int>() : 0;
        changed = OptionalIntField("##int", &v, &set, static_cast<int>(field.min.value_or(-1e9)),
                                   static_cast<int>(field.max.value_or(1e9)));
        MarkInScope("");
        if (changed && set) (*fields)[field.name] = v;
        else if (changed) fields->erase(field.name);
        break;
      }
      case FieldType::kReal:
        changed = RealField(text, field, fields);
        break;
      case FieldType::kBool: {
        bool v = fields->value(field.name, false);
        changed = ImGui::Checkbox("##flag", &v);
        MarkInScope("");
        if (changed) (*fields)[field.name] = v;
        break;
      }
      case FieldType::kEnum: {
        std::string v = StringValue(*fields, field.name);
        const std::string none = text.tr("ui.common.none");
        changed = EnumCombo("##enum", text, field.enum_name, &v, field.required ? nullptr : none.c_str(),
                            field.enum_name == "session_stage");
        if (changed) SetOrErase(fields, field.name, v);
        break;
      }
      case FieldType::kEnumSet: {
        std::vector<std::string> v = StringList(fields->value(field.name, nlohmann::json::array()));
        if ((changed = EnumCheckboxes("##set", text, field.enum_name, &v))) (*fields)[field.name] = v;
        break;
      }
      case FieldType::kRef:
        changed = RefField(text, field, fields, state, sources);
        break;
      case FieldType::kRefSet:
        changed = PeopleField(text, field, fields, state, sources);
        break;
      case FieldType::kTextSet:
        changed = TextListEditor(text, field, fields, state);
        break;
      case FieldType::kObject:
        ImGui::TextDisabled("—");
        break;
      case FieldType::kPeriod:
        changed = PeriodField(text, field, fields, sources);
        break;
    }
  }
  ImGui::PopID();
  return changed;
}

}  // namespace nastavnik::ui::widgets
