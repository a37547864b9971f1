#include "client/ui/widgets/heatmap.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "client/ui/widgets/palette.h"

namespace nastavnik::ui::widgets {
namespace {

ImU32 Shade(double v) {
  const float t = static_cast<float>(std::clamp(v, 0.0, 1.0));
  // From a pale sand colour (no deficit) to the deficit red.
  const float r = 240 + (214 - 240) * t, g = 232 + (69 - 232) * t, b = 200 + (65 - 200) * t;
  return IM_COL32(static_cast<int>(r), static_cast<int>(g), static_cast<int>(b), 255);
}

bool HasValue(double v) { return !std::isnan(v) && v >= 0; }

}  // namespace

void Heatmap(const char* id, const std::vector<std::string>& rows, const std::vector<std::string>& columns,
             const std::vector<std::vector<double>>& values, const HeatmapLabels& labels) {
  ImGui::PushID(id);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float row_label_w = std::min(avail * 0.38f, ImGui::GetFontSize() * 18.0f);
  const int ncols = static_cast<int>(columns.size());
  const float cell_w = ncols > 0 ? std::max(18.0f, (avail - row_label_w - style.ItemSpacing.x) / ncols) : 0;
  const float cell_h = ImGui::GetTextLineHeightWithSpacing() + 2.0f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float grid_x = origin.x + row_label_w + style.ItemSpacing.x;

  // Header: column numbers.
  for (int c = 0; c < ncols; ++c) {
    char num[16];
    std::snprintf(num, sizeof num, "%d", c + 1);
    const ImVec2 sz = ImGui::CalcTextSize(num);
    dl->AddText(ImVec2(grid_x + cell_w * c + (cell_w - sz.x) * 0.5f, origin.y), text_col, num);
    if (palette::Hovering(ImVec2(grid_x + cell_w * c, origin.y),
                                   ImVec2(grid_x + cell_w * (c + 1), origin.y + cell_h)))
      ImGui::SetTooltip("%d. %s", c + 1, columns[c].c_str());
  }
  float y = origin.y + cell_h;
  for (size_t r = 0; r < rows.size(); ++r) {
    // Row label, clipped to its column.
    const ImVec4 clip(origin.x, y, origin.x + row_label_w, y + cell_h);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(origin.x, y + 1), text_col, rows[r].c_str(),
                nullptr, 0.0f, &clip);
    if (palette::Hovering(ImVec2(clip.x, clip.y), ImVec2(clip.z, clip.w)))
      ImGui::SetTooltip("%s", rows[r].c_str());
    for (int c = 0; c < ncols; ++c) {
      const double v = (r < values.size() && c < static_cast<int>(values[r].size())) ? values[r][c] : -1;
      const ImVec2 a(grid_x + cell_w * c + 1, y + 1), b(grid_x + cell_w * (c + 1) - 1, y + cell_h - 1);
      char text[16] = "";
      if (HasValue(v)) {
        dl->AddRectFilled(a, b, Shade(v));
        std::snprintf(text, sizeof text, "%d", static_cast<int>(std::lround(v * 100)));
        const ImVec2 sz = ImGui::CalcTextSize(text);
        if (sz.x + 4 < cell_w)
          dl->AddText(ImVec2((a.x + b.x - sz.x) * 0.5f, (a.y + b.y - sz.y) * 0.5f),
                      v > 0.55 ? IM_COL32_WHITE : IM_COL32(40, 40, 40, 255), text);
      } else {
        dl->AddRectFilled(a, b, palette::NoData());
      }
      if (palette::Hovering(a, b))
        ImGui::SetTooltip("%s\n%d. %s\n%s", rows[r].c_str(), c + 1, columns[c].c_str(),
                          HasValue(v) ? (std::string(text) + "%").c_str() : labels.no_data);
    }
    y += cell_h;
  }
  ImGui::Dummy(ImVec2(avail, y - origin.y));

  // Legend: the colour scale, then the numbered column titles.
  const float lw = std::min(avail * 0.3f, 240.0f), lh = ImGui::GetTextLineHeight();
  ImGui::TextUnformatted(labels.legend_low);
  ImGui::SameLine();
  const ImVec2 bar0 = ImGui::GetCursorScreenPos();
  for (int i = 0; i < 20; ++i)
    dl->AddRectFilled(ImVec2(bar0.x + lw * i / 20.0f, bar0.y + 2),
                      ImVec2(bar0.x + lw * (i + 1) / 20.0f, bar0.y + lh - 2), Shade(i / 19.0));
  ImGui::Dummy(ImVec2(lw, lh));
  ImGui::SameLine();
  ImGui::TextUnformatted(labels.legend_high);
  ImGui::SameLine();
  const ImVec2 nd = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(ImVec2(nd.x, nd.y + 2), ImVec2(nd.x + lh, nd.y + lh - 2), palette::NoData());
  ImGui::Dummy(ImVec2(lh, lh));
  ImGui::SameLine();
  ImGui::TextUnformatted(labels.no_data);
  ImGui::PushTextWrapPos(0.0f);
  std::string legend;
  for (int c = 0; c < ncols; ++c) {
    if (c) legend += "   ";
    legend += std::to_string(c + 1) + ". " + columns[c];
  }
  ImGui::TextDisabled("%s", legend.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopID();
}

}  // namespace nastavnik::ui::widgets
