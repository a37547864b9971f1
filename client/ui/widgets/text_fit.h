#pragma once
// Text that must stay on one line (a header, a legend entry, a cell) shortened to a width
// with "…", whole UTF-8 characters only; the caller shows the whole text in a tooltip.

#include <string>

namespace nastavnik::ui::widgets {

// `text` as is when it fits in `max_width` pixels (current font), else cut with "…".
std::string Ellipsize(const std::string& text, float max_width);

}  // namespace nastavnik::ui::widgets
