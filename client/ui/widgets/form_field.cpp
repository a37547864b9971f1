#include "client/ui/widgets/form_field.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <charconv>

#include "client/ui/widgets/palette.h"

namespace nastavnik::ui::widgets {

bool BeginForm(const char* id, float label_width) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX)) return false;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, label_width);
  ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch);
  return true;
}

void EndForm() { ImGui::EndTable(); }

void FormRow(const char* label, bool required) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::AlignTextToFramePadding();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
  if (required)
    ImGui::Text("%s *", label);
  else
    ImGui::TextUnformatted(label);
  ImGui::PopTextWrapPos();
  ImGui::TableSetColumnIndex(1);
  ImGui::SetNextItemWidth(-FLT_MIN);
}

void FormError(const std::string& message) {
  if (message.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(message.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

bool TextField(const char* id, std::string* value, const char* hint) {
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (hint) return ImGui::InputTextWithHint(id, hint, value);
  return ImGui::InputText(id, value);
}

bool TextArea(const char* id, std::string* value, int lines) {
  const float height = ImGui::GetTextLineHeight() * static_cast<float>(std::max(lines, 1)) +
                       ImGui::GetStyle().FramePadding.y * 2.0f;
  return ImGui::InputTextMultiline(id, value, ImVec2(-FLT_MIN, height));
}

bool OptionalIntField(const char* id, int* value, bool* set, int min, int max) {
  std::string text = *set ? std::to_string(*value) : std::string();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (!ImGui::InputText(id, &text, ImGuiInputTextFlags_CharsDecimal)) return false;
  if (text.empty()) {
    *set = false;
    return true;
  }
  int parsed = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (ec != std::errc() || end != text.data() + text.size()) return false;  // keep the old value
  *value = std::clamp(parsed, min, max);
  *set = true;
  return true;
}

}  // namespace nastavnik::ui::widgets
