#pragma once
// Line chart drawn with ImDrawList: one line per series over equally spaced points (the
// dates of successive assessments); NaN values leave gaps. Optional legend under the plot;
// hovering a point shows the series, the x label and the value.

#include <string>
#include <vector>

namespace nastavnik::ui::widgets {

struct LineSeries {
  std::string name;
  std::vector<double> values;  // one per x label; NaN: no value
};

struct TrendChartOptions {
  double y_min = 0, y_max = 1;
  float height = 160;
  bool legend = true;
  double threshold = -1;  // a dashed horizontal line when within [y_min, y_max]
};

void TrendChart(const char* id, const std::vector<std::string>& x_labels,
                const std::vector<LineSeries>& series, const TrendChartOptions& options);

}  // namespace nastavnik::ui::widgets
