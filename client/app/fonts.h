#pragma once
// Fonts of the client: DejaVu Sans (Cyrillic, Latin, General Punctuation with «» — № and
// the arrows and check marks the views use) at 16 px times the monitor's content scale,
// and a larger one for titles. The style is scaled by the same factor for HiDPI.

#include <string>

struct ImFont;

namespace nastavnik::app {

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* heading = nullptr;
  std::string path;  // the TTF used; empty when ImGui's built-in font had to be used
};

// Adds the fonts to the current ImGui context's atlas. The TTF is $NASTAVNIK_FONT, else
// DejaVuSans.ttf from the usual system folders; without one the built-in font is used
// (Latin only) and `path` stays empty.
Fonts LoadFonts(float scale);

}  // namespace nastavnik::app
