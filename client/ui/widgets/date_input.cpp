#include "client/ui/widgets/date_input.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/widgets/palette.h"
#include "shared/domain/validation.h"

namespace nastavnik::ui::widgets {
namespace {

int DateCharFilter(ImGuiInputTextCallbackData* data) {
  const ImWchar c = data->EventChar;
  return (c >= '0' && c <= '9') || c == '-' ? 0 : 1;
}

}  // namespace

bool DateOk(const std::string& date) { return date.empty() || is_iso_date(date); }

bool DateInput(const char* id, std::string* date, const char* hint, const char* invalid_text) {
  const bool invalid = !DateOk(*date);
  if (invalid) {
    ImGui::PushStyleColor(ImGuiCol_Border, palette::kDeficit);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
  }
  ImGui::SetNextItemWidth(-FLT_MIN);
  const bool changed =
      ImGui::InputTextWithHint(id, hint, date, ImGuiInputTextFlags_CallbackCharFilter, DateCharFilter);
  if (invalid) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  if (!DateOk(*date) && !ImGui::IsItemActive() && invalid_text && *invalid_text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
    ImGui::TextUnformatted(invalid_text);
    ImGui::PopStyleColor();
  }
  return changed;
}

}  // namespace nastavnik::ui::widgets
