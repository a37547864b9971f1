#include "client/ui/widgets/stage_progress.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/widgets/palette.h"
#include "shared/domain/schema.h"

namespace nastavnik::ui::widgets {
namespace {

void Cell(int sessions, float size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 q(p.x + size, p.y + size * 0.8f);
  if (sessions > 0) {
    dl->AddRectFilled(p, q, palette::kGood, 3.0f);
    const std::string n = std::to_string(sessions);
    const ImVec2 t = ImGui::CalcTextSize(n.c_str());
    dl->AddText(ImVec2(p.x + (size - t.x) * 0.5f, p.y + (size * 0.8f - t.y) * 0.5f), IM_COL32(255, 255, 255, 255),
                n.c_str());
  } else {
    dl->AddRect(p, q, palette::NoData(), 3.0f, 0, 1.5f);
  }
  ImGui::Dummy(ImVec2(size, size * 0.8f));
}

}  // namespace

std::string StageProgressChart(const char* id, const Catalog& text, const std::vector<view::StageProgress>& rows,
                               float height) {
  std::string clicked;
  const auto* stages = DomainSchema::instance().enum_values("session_stage");
  if (!stages || rows.empty()) return clicked;
  const int n = static_cast<int>(stages->size());
  const float cell = ImGui::GetTextLineHeight() * 1.6f;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                (height > 0 ? ImGuiTableFlags_ScrollY : 0) | ImGuiTableFlags_BordersOuterH;
  if (!ImGui::BeginTable(id, n + 2, flags, ImVec2(0, height))) return clicked;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn(text.tr("ui.stages.col_who").c_str(), ImGuiTableColumnFlags_WidthStretch);
  for (int s = 0; s < n; ++s) ImGui::TableSetupColumn(std::to_string(s + 1).c_str(), ImGuiTableColumnFlags_WidthFixed, cell);
  ImGui::TableSetupColumn(text.tr("ui.stages.col_reached").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < n + 2; ++c) {
    ImGui::TableSetColumnIndex(c);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    if (c >= 1 && c <= n && ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(text.enum_label("session_stage", (*stages)[static_cast<size_t>(c - 1)]).c_str());
      ImGui::EndTooltip();
    }
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    const view::StageProgress& row = rows[r];
    ImGui::PushID(static_cast<int>(r));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    const std::string name = row.name == view::kNameElsewhere ? text.tr("ui.common.name_elsewhere") : row.name;
    if (ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) clicked = row.id;
    const bool hovered = ImGui::IsItemHovered();
    int reached = 0;
    for (int s = 0; s < n; ++s) {
      ImGui::TableSetColumnIndex(s + 1);
      const int sessions = s < static_cast<int>(row.sessions.size()) ? row.sessions[static_cast<size_t>(s)] : 0;
      reached += sessions > 0 ? 1 : 0;
      Cell(sessions, cell);
    }
    ImGui::TableSetColumnIndex(n + 1);
    ImGui::TextUnformatted(text.render(Message("ui.stages.reached").with("reached", reached).with("total", n)).c_str());
    if (hovered) {
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(name.c_str());
      for (int s = 0; s < n; ++s) {
        const int sessions = s < static_cast<int>(row.sessions.size()) ? row.sessions[static_cast<size_t>(s)] : 0;
        ImGui::TextColored(sessions > 0 ? palette::OkText() : palette::MutedText(), "%d. %s — %s", s + 1,
                           text.enum_label("session_stage", (*stages)[static_cast<size_t>(s)]).c_str(),
                           text.render(Message("ui.stages.sessions").with("count", sessions)).c_str());
      }
      if (!row.last_date.empty())
        ImGui::TextDisabled("%s", text.render(Message("ui.stages.last").with("date", text.date(row.last_date))).c_str());
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  return clicked;
}

}  // namespace nastavnik::ui::widgets
