#pragma once
// Heatmap drawn with ImDrawList: rows (schools) by columns (deficit areas), each cell
// shaded from pale to red by a share in [0,1]; a negative or NaN value means "no data" and
// is grey. Column headers are numbers and a legend under the grid names them; hovering a
// cell shows its row, column and value.

#include <string>
#include <vector>

namespace nastavnik::ui::widgets {

struct HeatmapLabels {
  const char* no_data = "—";  // tooltip text for cells without data
  const char* legend_low = "0%";
  const char* legend_high = "100%";
};

void Heatmap(const char* id, const std::vector<std::string>& rows, const std::vector<std::string>& columns,
             const std::vector<std::vector<double>>& values, const HeatmapLabels& labels);

}  // namespace nastavnik::ui::widgets
