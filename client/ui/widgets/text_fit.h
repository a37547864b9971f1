#pragma once
// Text that must stay on one line (a header, a legend entry, a cell) shortened to a width
// with "…", whole UTF-8 characters only; the caller shows the whole text in a tooltip.

#include <string>

namespace nastavnik::ui::widgets {

// `text` as is when it fits in `max_width` pixels (current font), else cut with "…".
std::string Ellipsize(const std::string& text, float max_width);

// Text wrapped at word boundaries in the room left on the line. ImGui breaks a word that is
// wider than the room in the middle («педагогич/еских»); then the text stays on one line
// cut with "…" and shows whole on hover. `muted` draws it in the disabled colour.
void WordWrappedText(const std::string& text, bool muted = false);

}  // namespace nastavnik::ui::widgets
