#include "client/ui/widgets/date_input.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "client/ui/item_marks.h"
#include "client/ui/widgets/palette.h"
#include "shared/domain/validation.h"

namespace nastavnik::ui::widgets {
namespace {

int DateCharFilter(ImGuiInputTextCallbackData* data) {
  const ImWchar c = data->EventChar;
  return (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/' ? 0 : 1;
}

std::string Iso(int year, unsigned month, unsigned day) {
  char buf[48];  // room for any int, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
  return buf;
}

// The month the calendar shows, kept in ImGui's per-window storage under the popup's id as
// year * 12 + month - 1.
int ShownMonth(ImGuiID popup, const std::string& iso, const std::string& today) {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  int shown = storage->GetInt(popup, 0);
  if (shown == 0) {
    const std::string& from = is_iso_date(iso) ? iso : today;
    shown = std::stoi(from.substr(0, 4)) * 12 + std::stoi(from.substr(5, 2)) - 1;
    storage->SetInt(popup, shown);
  }
  return shown;
}

std::string Today() {
  using namespace std::chrono;
  const year_month_day d{floor<days>(system_clock::now())};
  return Iso(static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

// A month grid (weeks from Monday); true when a day was picked into `date`.
bool Calendar(ImGuiID popup, std::string* date, const Catalog& text) {
  using namespace std::chrono;
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const std::string today = Today();
  int shown = ShownMonth(popup, *date, today);
  if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) shown -= 1;
  ImGui::SameLine();
  char month_key[32];
  std::snprintf(month_key, sizeof month_key, "ui.calendar.month.%02d", shown % 12 + 1);
  const std::string title = text.tr(month_key) + " " + std::to_string(shown / 12);
  const float title_w = ImGui::CalcTextSize("00000000000000000").x;
  const float x = ImGui::GetCursorPosX();
  ImGui::SetCursorPosX(x + (title_w - ImGui::CalcTextSize(title.c_str()).x) * 0.5f);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title.c_str());
  ImGui::SameLine(x + title_w);
  if (ImGui::ArrowButton("##next", ImGuiDir_Right)) shown += 1;
  storage->SetInt(popup, shown);

  const year_month ym{year{shown / 12}, month{static_cast<unsigned>(shown % 12 + 1)}};
  const unsigned first_weekday = weekday{sys_days{ym / 1}}.iso_encoding();  // 1 = Monday
  const unsigned last_day = static_cast<unsigned>((ym / last).day());
  bool picked = false;
  if (ImGui::BeginTable("days", 7, ImGuiTableFlags_SizingFixedSame)) {
    for (int w = 1; w <= 7; ++w) {
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", text.tr("ui.calendar.weekday." + std::to_string(w)).c_str());
    }
    for (unsigned cell = 1; cell < first_weekday; ++cell) ImGui::TableNextColumn();
    const float cell_w = ImGui::CalcTextSize("000").x + ImGui::GetStyle().FramePadding.x * 2;
    for (unsigned d = 1; d <= last_day; ++d) {
      ImGui::TableNextColumn();
      const std::string iso = Iso(shown / 12, static_cast<unsigned>(shown % 12 + 1), d);
      const bool selected = iso == *date;
      if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      else if (iso == today) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBgActive));
      else ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
      if (ImGui::Button(std::to_string(d).c_str(), ImVec2(cell_w, 0))) {
        *date = iso;
        picked = true;
      }
      ImGui::PopStyleColor();
    }
    ImGui::EndTable();
  }
  if (ImGui::SmallButton(text.tr("ui.calendar.today").c_str())) {
    *date = today;
    picked = true;
  }
  if (!date->empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton(text.tr("ui.calendar.clear").c_str())) {
      date->clear();
      picked = true;
    }
  }
  if (picked) storage->SetInt(popup, 0);  // opens at the picked month next time
  return picked;
}

}  // namespace

bool DateOk(const std::string& date) { return date.empty() || is_iso_date(date); }

std::string TypedDate(const std::string& iso, const std::string& lang) {
  if (lang != "ru" || !is_iso_date(iso)) return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

bool DateInput(const char* id, std::string* date, const Catalog& text) {
  ImGui::PushID(id);
  const bool invalid = !DateOk(*date);
  const float button_w = ImGui::GetFrameHeight();
  const float spacing = ImGui::GetStyle().ItemInnerSpacing.x;
  if (invalid) {
    ImGui::PushStyleColor(ImGuiCol_Border, palette::Color(palette::kDeficit));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
  }
  // While the field has focus ImGui edits its own copy of the text: what is shown here is
  // read only when editing starts, so a half-typed date is never reformatted under the cursor.
  std::string shown = TypedDate(*date, text.lang());
  ImGui::SetNextItemWidth(std::max(ImGui::CalcTextSize("00.00.00000").x + ImGui::GetStyle().FramePadding.x * 2,
                                   ImGui::CalcItemWidth() - button_w - spacing));
  bool changed = ImGui::InputTextWithHint("##text", text.date_hint().c_str(), &shown,
                                          ImGuiInputTextFlags_CallbackCharFilter, DateCharFilter);
  if (invalid) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  const bool typing = ImGui::IsItemActive();
  MarkInScope("");
  if (changed) {
    const ParsedDate parsed = parse_typed_date(shown);
    *date = parsed.ok ? parsed.iso : shown;
  }
  ImGui::SameLine(0, spacing);
  const ImGuiID popup = ImGui::GetID("calendar");
  if (ImGui::ArrowButton("##open", ImGuiDir_Down)) ImGui::OpenPopup("calendar");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.tr("ui.calendar.open").c_str());
  if (ImGui::BeginPopup("calendar", ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    if (Calendar(popup, date, text)) {
      changed = true;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (!DateOk(*date) && !typing) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::ErrorText());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.tr("ui.common.bad_date").c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::PopID();
  return changed;
}

}  // namespace nastavnik::ui::widgets
