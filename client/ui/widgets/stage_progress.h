#pragma once
// Progress through the eight stages of the learning-by-action chain, one row per pair or
// mentee: a cell per stage, filled (with the number of sessions) once a session of that
// stage was held, empty before; how many stages are reached and the latest session date
// at the end of the row. The stage names are in the column tooltips and under the chart.

#include <vector>

#include "client/model/view_data.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::ui::widgets {

// Returns the id of the row clicked in this frame, or "".
std::string StageProgressChart(const char* id, const Catalog& text, const std::vector<view::StageProgress>& rows,
                               float height = 0);

}  // namespace nastavnik::ui::widgets
