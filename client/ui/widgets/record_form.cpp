#include "client/ui/widgets/record_form.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "client/ui/widgets/date_input.h"
#include "client/ui/widgets/form_field.h"

namespace nastavnik::ui::widgets {

nlohmann::json RecordFormData::TouchedFields() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& name : touched)
    if (fields.contains(name)) out[name] = fields[name];
  return out;
}

namespace {

std::vector<std::string> StringList(const nlohmann::json& v) {
  std::vector<std::string> out;
  if (v.is_array())
    for (const auto& e : v)
      if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

// A list of texts: each with a remove button, then a field to add one.
bool TextListEditor(const FieldSchema& field, RecordFormData* data, const RecordFormSources& sources) {
  std::vector<std::string> items = StringList(data->fields.value(field.name, nlohmann::json::array()));
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
  std::string& typed = data->new_item[field.name];
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize(sources.add_label.c_str()).x -
                          ImGui::GetStyle().FramePadding.x * 4);
  const bool enter = ImGui::InputText("##new", &typed, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button(sources.add_label.c_str()) || enter) && !typed.empty()) {
    items.push_back(typed);
    typed.clear();
    changed = true;
  }
  if (changed) data->fields[field.name] = items;
  return changed;
}

bool FieldInput(const Catalog& text, const FieldSchema& field, RecordFormData* data,
                const RecordFormSources& sources) {
  nlohmann::json& fields = data->fields;
  const std::string id = "##" + field.name;
  switch (field.type) {
    case FieldType::kText: {
      std::string v = fields.value(field.name, "");
      if (!ImGui::InputText(id.c_str(), &v)) return false;
      if (v.empty())
        fields.erase(field.name);
      else
        fields[field.name] = v;
      return true;
    }
    case FieldType::kDate: {
      std::string v = fields.value(field.name, "");
      if (!DateInput(id.c_str(), &v, sources.date_hint.c_str(), sources.bad_date.c_str())) return false;
      if (v.empty())
        fields.erase(field.name);
      else
        fields[field.name] = v;
      return true;
    }
    case FieldType::kInt: {
      int v = fields.contains(field.name) && fields[field.name].is_number_integer()
                  ? fields[field.name].get<int>()
                  : 0;
      bool set = fields.contains(field.name);
      if (!OptionalIntField(id.c_str(), &v, &set, static_cast<int>(field.min.value_or(-1e9)),
                            static_cast<int>(field.max.value_or(1e9))))
        return false;
      if (set)
        fields[field.name] = v;
      else
        fields.erase(field.name);
      return true;
    }
    case FieldType::kReal: {
      double v = fields.contains(field.name) && fields[field.name].is_number()
                     ? fields[field.name].get<double>()
                     : 0.0;
      if (!ImGui::InputDouble(id.c_str(), &v, 0.0, 0.0, "%.2f")) return false;
      if (field.min) v = std::max(v, *field.min);
      if (field.max) v = std::min(v, *field.max);
      fields[field.name] = v;
      return true;
    }
    case FieldType::kBool: {
      bool v = fields.value(field.name, false);
      if (!ImGui::Checkbox(id.c_str(), &v)) return false;
      fields[field.name] = v;
      return true;
    }
    case FieldType::kEnum: {
      std::string v = fields.value(field.name, "");
      if (!EnumCombo(id.c_str(), text, field.enum_name, &v,
                     field.required ? nullptr : sources.none_label.c_str()))
        return false;
      if (v.empty())
        fields.erase(field.name);
      else
        fields[field.name] = v;
      return true;
    }
    case FieldType::kEnumSet: {
      std::vector<std::string> v = StringList(fields.value(field.name, nlohmann::json::array()));
      if (!EnumCheckboxes(id.c_str(), text, field.enum_name, &v)) return false;
      fields[field.name] = v;
      return true;
    }
    case FieldType::kRef: {
      std::string v = fields.value(field.name, "");
      const char* none = field.required ? nullptr : sources.none_label.c_str();
      bool changed = false;
      if (field.ref_entity == "person" && sources.people)
        changed = PersonCombo(id.c_str(), *sources.people, &v, none, &data->search[field.name],
                              sources.search_hint.c_str());
      else if (field.ref_entity == "pair" && sources.pairs)
        changed = PairCombo(id.c_str(), *sources.pairs, &v, none);
      else if (field.ref_entity == "school")
        changed = ChoiceCombo(id.c_str(), sources.schools, &v, none);
      else if (field.ref_entity == "municipality" && !sources.municipalities.empty())
        changed = ChoiceCombo(id.c_str(), sources.municipalities, &v, none);
      else
        changed = ImGui::InputText(id.c_str(), &v);
      if (!changed) return false;
      if (v.empty())
        fields.erase(field.name);
      else
        fields[field.name] = v;
      return true;
    }
    case FieldType::kRefSet: {
      if (!sources.people || field.ref_entity != "person") return false;
      std::vector<std::string> v = StringList(fields.value(field.name, nlohmann::json::array()));
      const std::string summary = v.empty() ? sources.none_label : std::to_string(v.size()) + " ✓";
      if (!PeopleMultiSelect(id.c_str(), *sources.people, &v, &data->search[field.name],
                             sources.search_hint.c_str(), summary))
        return false;
      fields[field.name] = v;
      return true;
    }
    case FieldType::kTextSet:
      return TextListEditor(field, data, sources);
    case FieldType::kObject:
      ImGui::TextDisabled("—");
      return false;
  }
  return false;
}

}  // namespace

bool RecordFormFields(const Catalog& text, const EntitySchema& entity,
                      const std::vector<std::string>& field_names, RecordFormData* data,
                      const RecordFormSources& sources,
                      const std::function<std::string(const std::string&)>& error_for) {
  bool any = false;
  for (const auto& name : field_names) {
    const FieldSchema* field = entity.field(name);
    if (!field) continue;
    ImGui::PushID(name.c_str());
    FormRow(text.field_label(entity.name, name).c_str(), field->required);
    if (FieldInput(text, *field, data, sources)) {
      data->touched.insert(name);
      any = true;
    }
    FormError(error_for(name));
    ImGui::PopID();
  }
  return any;
}

}  // namespace nastavnik::ui::widgets
