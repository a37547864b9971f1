#include "client/ui/widgets/month_activity_chart.h"

#include <algorithm>
#include <cstdio>

#include "client/ui/widgets/legend.h"
#include "client/ui/widgets/palette.h"

namespace nastavnik::ui::widgets {

void MonthActivityChart(const char* id, const std::vector<std::string>& months,
                        const std::vector<MonthSeries>& series, float height) {
  ImGui::PushID(id);
  std::vector<LegendEntry> legend;
  for (const auto& s : series)
    legend.push_back({s.color, s.name, s.outline ? LegendMark::kOutline : LegendMark::kSquare});
  Legend(legend);
  const ImGuiStyle& style = ImGui::GetStyle();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  int max_value = 1;
  for (const auto& s : series)
    for (int v : s.values) max_value = std::max(max_value, v);
  // Whole-number grid lines: up to five steps, the top rounded up to a multiple of five.
  const int top = max_value <= 5 ? max_value : (max_value + 4) / 5 * 5;
  const int steps = top <= 5 ? top : 5;

  const float axis_w = ImGui::CalcTextSize("00000").x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 plot0(origin.x + axis_w + style.ItemSpacing.x, origin.y + ImGui::GetTextLineHeight() * 0.5f);
  const ImVec2 plot1(origin.x + width, origin.y + height);
  // Grid lines with their values.
  for (int i = 0; i <= steps; ++i) {
    const float y = plot1.y - (plot1.y - plot0.y) * static_cast<float>(i) / static_cast<float>(steps);
    dl->AddLine(ImVec2(plot0.x, y), ImVec2(plot1.x, y), palette::Grid());
    char label[16];
    std::snprintf(label, sizeof label, "%d", top * i / steps);
    const ImVec2 sz = ImGui::CalcTextSize(label);
    dl->AddText(ImVec2(plot0.x - style.ItemSpacing.x - sz.x, y - sz.y * 0.5f), text_col, label);
  }
  const size_t nmonths = months.size();
  const size_t nseries = std::max<size_t>(series.size(), 1);
  if (nmonths > 0) {
    const float group_w = (plot1.x - plot0.x) / static_cast<float>(nmonths);
    const float bar_w = std::max(2.0f, group_w * 0.8f / static_cast<float>(nseries));
    // Label every k-th month so the labels do not overlap.
    const float label_w = ImGui::CalcTextSize("сен 00").x + style.ItemSpacing.x;
    const size_t every = std::max<size_t>(1, static_cast<size_t>(label_w / std::max(group_w, 1.0f)) + 1);
    for (size_t m = 0; m < nmonths; ++m) {
      const float gx = plot0.x + group_w * m + group_w * 0.1f;
      for (size_t s = 0; s < series.size(); ++s) {
        const int v = m < series[s].values.size() ? series[s].values[m] : 0;
        const float x0 = gx + bar_w * s, x1 = x0 + bar_w - 1;
        const float y0 = plot1.y - (plot1.y - plot0.y) * static_cast<float>(v) / static_cast<float>(top);
        if (v == 0) continue;
        if (series[s].outline)
          dl->AddRect(ImVec2(x0, y0), ImVec2(x1, plot1.y), series[s].color, 0, 0, 1.5f);
        else
          dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, plot1.y), series[s].color);
      }
      if (palette::Hovering(ImVec2(plot0.x + group_w * m, plot0.y),
                                     ImVec2(plot0.x + group_w * (m + 1), plot1.y))) {
        std::string tip = months[m];
        for (const auto& s : series)
          tip += "\n" + s.name + ": " + std::to_string(m < s.values.size() ? s.values[m] : 0);
        ImGui::SetTooltip("%s", tip.c_str());
      }
      if (m % every == 0) {
        const ImVec2 sz = ImGui::CalcTextSize(months[m].c_str());
        dl->AddText(ImVec2(plot0.x + group_w * m + (group_w - sz.x) * 0.5f, plot1.y + 2), text_col,
                    months[m].c_str());
      }
    }
  }
  dl->AddLine(ImVec2(plot0.x, plot1.y), ImVec2(plot1.x, plot1.y), ImGui::GetColorU32(ImGuiCol_Border), 1.5f);
  ImGui::Dummy(ImVec2(width, height + ImGui::GetTextLineHeightWithSpacing()));
  ImGui::PopID();
}

}  // namespace nastavnik::ui::widgets
