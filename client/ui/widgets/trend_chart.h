#pragma once
// Line chart drawn with ImDrawList: one line per series over equally spaced points (the
// dates of successive assessments); NaN values leave gaps. Series are told apart by colour
// and, past eight, by the shape of their points. An optional legend above the plot wraps
// onto as many lines as it needs; hovering a point shows the series, the x label and the
// value, written as the catalog's language writes numbers.

#include <string>
#include <vector>

#include "shared/i18n/catalog.h"

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

void TrendChart(const char* id, const Catalog& text, const std::vector<std::string>& x_labels,
                const std::vector<LineSeries>& series, const TrendChartOptions& options);

}  // namespace nastavnik::ui::widgets
