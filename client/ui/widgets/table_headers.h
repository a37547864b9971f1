#pragma once
// The header row of a table whose column names may be wider than their columns: each name
// is cut with "…" at its column's edge (never clipped mid-letter) and shown whole on hover.

namespace nastavnik::ui::widgets {

// Use in place of ImGui::TableHeadersRow(), after the columns are set up.
void HeadersRow();

}  // namespace nastavnik::ui::widgets
