#pragma once
// A timeline (Gantt chart) on a month axis: rows with their label on the left and their
// marks at their dates — a bar from start to end, or a marker for a one-day item such as a
// roadmap event or a session — today as a vertical line, a legend that wraps above. A row
// may hold one mark (an event of the roadmap) or many (every session of a pair on one
// lane). Rows are clipped, so hundreds stay fast; a click on a row returns its id.

#include <imgui.h>

#include <string>
#include <vector>

#include "client/ui/widgets/legend.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::ui::widgets {

struct GanttMark {
  std::string start, end;  // ISO dates; end "" for a one-day item
  ImU32 color = 0;
  std::string tooltip;
};

struct GanttRow {
  std::string id, label;
  std::vector<GanttMark> marks;
};

// Returns the id of the row clicked in this frame, or "".
std::string GanttChart(const char* id, const Catalog& text, const std::vector<GanttRow>& rows,
                       const std::vector<LegendEntry>& legend, const std::string& today, const std::string& selected);

}  // namespace nastavnik::ui::widgets
