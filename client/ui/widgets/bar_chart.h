#pragma once
// Horizontal bar chart drawn with ImDrawList: one row per bar with its label on the left,
// the bar and its value on the right. Used for self-assessment results (deficit bars) and
// observation protocol means.

#include <optional>
#include <string>
#include <vector>

#include "shared/i18n/catalog.h"

namespace nastavnik::ui::widgets {

struct Bar {
  std::string label;
  double value = 0;
  bool highlight = false;  // drawn in the deficit colour
  bool missing = false;    // no value: an empty track and a dash
};

struct BarChartOptions {
  double min = 0, max = 1;
  std::optional<double> threshold;  // a vertical marker (the deficit threshold)
  float label_width = 0;            // 0: 45% of the width
  int decimals = 1;                 // values as the catalog's language writes them ("2,5")
};

void BarChart(const char* id, const Catalog& text, const std::vector<Bar>& bars, const BarChartOptions& options);

}  // namespace nastavnik::ui::widgets
