#pragma once
// The legend of a chart: a mark and a label per series, flowing onto as many lines as the
// width needs, so that no label is cut off.

#include <imgui.h>

#include <string>
#include <vector>

namespace nastavnik::ui::widgets {

enum class LegendMark { kSquare, kOutline, kLine };

struct LegendEntry {
  ImU32 color = 0;
  std::string label;
  LegendMark mark = LegendMark::kSquare;
  int shape = 0;  // line charts: the point marker (MarkerShape)
};

void Legend(const std::vector<LegendEntry>& entries);

// A point marker of a line chart: circle, square, triangle, diamond for shapes 0..3, so
// that series sharing a colour (after eight) still differ.
void DrawMarker(ImDrawList* dl, const ImVec2& at, float radius, ImU32 color, int shape);

}  // namespace nastavnik::ui::widgets
