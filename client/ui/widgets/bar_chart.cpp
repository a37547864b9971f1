#include "client/ui/widgets/bar_chart.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "client/ui/widgets/palette.h"

namespace nastavnik::ui::widgets {

void BarChart(const char* id, const Catalog& text, const std::vector<Bar>& bars, const BarChartOptions& options) {
  ImGui::PushID(id);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  const float label_width = options.label_width > 0 ? options.label_width : width * 0.45f;
  const float value_width = ImGui::CalcTextSize("0,00").x + style.ItemSpacing.x;
  const float bar_x0 = label_width + style.ItemSpacing.x;
  const float bar_width = std::max(20.0f, width - bar_x0 - value_width);
  const double span = options.max > options.min ? options.max - options.min : 1.0;
  ImDrawList* dl = ImGui::GetWindowDrawList();

  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    ImGui::PushID(static_cast<int>(i));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    // The label wraps inside its column; the row is as tall as the wrapped label.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + label_width);
    ImGui::TextUnformatted(bar.label.c_str());
    ImGui::PopTextWrapPos();
    const float row_h = std::max(ImGui::GetItemRectSize().y, ImGui::GetTextLineHeight());
    const float bar_h = ImGui::GetTextLineHeight() * 0.8f;
    const float y0 = origin.y + (std::min(row_h, ImGui::GetTextLineHeightWithSpacing()) - bar_h) * 0.5f;
    const ImVec2 track0(origin.x + bar_x0, y0);
    const ImVec2 track1(track0.x + bar_width, y0 + bar_h);
    dl->AddRectFilled(track0, track1, ImGui::GetColorU32(ImGuiCol_FrameBg), 2.0f);
    std::string value_text;
    if (bar.missing) {
      value_text = "—";
    } else {
      const double t = std::clamp((bar.value - options.min) / span, 0.0, 1.0);
      const ImU32 color = bar.highlight ? palette::kDeficit : palette::kGood;
      dl->AddRectFilled(track0, ImVec2(track0.x + static_cast<float>(t) * bar_width, track1.y), color, 2.0f);
      value_text = text.number(bar.value, options.decimals);
    }
    if (options.threshold) {
      const double t = std::clamp((*options.threshold - options.min) / span, 0.0, 1.0);
      const float x = track0.x + static_cast<float>(t) * bar_width;
      dl->AddLine(ImVec2(x, track0.y - 2), ImVec2(x, track1.y + 2), palette::Threshold(), 2.0f);
    }
    dl->AddText(ImVec2(track1.x + style.ItemSpacing.x, origin.y), ImGui::GetColorU32(ImGuiCol_Text),
                value_text.c_str());
    if (palette::Hovering(track0, ImVec2(track1.x + value_width, track1.y)))
      ImGui::SetTooltip("%s: %s", bar.label.c_str(),
                        bar.missing ? text.tr("ui.common.no_data").c_str() : value_text.c_str());
    ImGui::PopID();
  }
  ImGui::PopID();
}

}  // namespace nastavnik::ui::widgets
