#include "client/ui/widgets/trend_chart.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "client/ui/widgets/legend.h"

#include "client/ui/widgets/palette.h"

namespace nastavnik::ui::widgets {

void TrendChart(const char* id, const Catalog& text, const std::vector<std::string>& x_labels,
                const std::vector<LineSeries>& series, const TrendChartOptions& options) {
  ImGui::PushID(id);
  if (options.legend) {
    std::vector<LegendEntry> legend;
    for (size_t s = 0; s < series.size(); ++s)
      legend.push_back({palette::series_color(static_cast<int>(s)), series[s].name, LegendMark::kLine,
                        static_cast<int>(s) / palette::kSeriesColors});
    Legend(legend);
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float axis_w = ImGui::CalcTextSize("0,0").x + style.ItemSpacing.x;
  const float pad = ImGui::GetTextLineHeight() * 0.5f;
  const ImVec2 p0(origin.x + axis_w, origin.y + pad);
  const ImVec2 p1(origin.x + width - pad * 2, origin.y + options.height);
  const double span = options.y_max > options.y_min ? options.y_max - options.y_min : 1.0;
  auto y_of = [&](double v) { return p1.y - static_cast<float>((v - options.y_min) / span) * (p1.y - p0.y); };
  const int steps = static_cast<int>(std::clamp(span, 1.0, 5.0));
  for (int i = 0; i <= steps; ++i) {
    const double v = options.y_min + span * i / steps;
    const float y = y_of(v);
    dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), palette::Grid());
    const std::string label = text.number(v, 1);
    dl->AddText(ImVec2(origin.x, y - ImGui::GetTextLineHeight() * 0.5f), text_col, label.c_str());
  }
  if (options.threshold >= options.y_min && options.threshold <= options.y_max) {
    const float y = y_of(options.threshold);
    for (float x = p0.x; x < p1.x; x += 10)
      dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 5, p1.x), y), palette::Threshold(), 1.5f);
  }
  const size_t n = x_labels.size();
  auto x_of = [&](size_t i) {
    return n <= 1 ? (p0.x + p1.x) * 0.5f
                  : p0.x + (p1.x - p0.x) * static_cast<float>(i) / static_cast<float>(n - 1);
  };
  for (size_t s = 0; s < series.size(); ++s) {
    const ImU32 color = palette::series_color(static_cast<int>(s));
    const auto& values = series[s].values;
    for (size_t i = 0; i < n && i < values.size(); ++i) {
      if (std::isnan(values[i])) continue;
      const ImVec2 pt(x_of(i), y_of(values[i]));
      if (i + 1 < n && i + 1 < values.size() && !std::isnan(values[i + 1]))
        dl->AddLine(pt, ImVec2(x_of(i + 1), y_of(values[i + 1])), color, 2.0f);
      DrawMarker(dl, pt, 3.5f, color, static_cast<int>(s) / palette::kSeriesColors);
      if (palette::Hovering(ImVec2(pt.x - 5, pt.y - 5), ImVec2(pt.x + 5, pt.y + 5)))
        ImGui::SetTooltip("%s\n%s: %s", series[s].name.c_str(), x_labels[i].c_str(), text.number(values[i], 2).c_str());
    }
  }
  // X labels: first, last and as many between as fit.
  const float label_w = ImGui::CalcTextSize("00.00.0000").x + style.ItemSpacing.x;
  const size_t every =
      n > 1 ? std::max<size_t>(1, static_cast<size_t>(label_w / ((p1.x - p0.x) / (n - 1))) + 1) : 1;
  for (size_t i = 0; i < n; ++i) {
    if (i % every != 0 && i + 1 != n) continue;
    const ImVec2 sz = ImGui::CalcTextSize(x_labels[i].c_str());
    const float x = std::clamp(x_of(i) - sz.x * 0.5f, p0.x, std::max(p0.x, origin.x + width - sz.x));
    dl->AddText(ImVec2(x, p1.y + 2), text_col, x_labels[i].c_str());
  }
  ImGui::Dummy(ImVec2(width, options.height + ImGui::GetTextLineHeightWithSpacing()));
  ImGui::PopID();
}

}  // namespace nastavnik::ui::widgets
