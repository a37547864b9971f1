#pragma once
// Grouped column chart by month drawn with ImDrawList: for each month one column per
// series (planned events, events done, sessions, visits), a legend above, month labels
// below and the value of a column on hover. Used for "plan vs done" of a pair.

#include <imgui.h>

#include <string>
#include <vector>

namespace nastavnik::ui::widgets {

struct MonthSeries {
  std::string name;
  ImU32 color = 0;
  std::vector<int> values;  // one per month
  bool outline = false;     // drawn as an outline (the plan), others filled
};

// `months` are the labels under the groups ("сен 25"); `height` the plot height in pixels.
void MonthActivityChart(const char* id, const std::vector<std::string>& months,
                        const std::vector<MonthSeries>& series, float height);

}  // namespace nastavnik::ui::widgets
