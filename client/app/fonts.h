#pragma once
// Fonts and style of the client: DejaVu Sans (Cyrillic, Latin, General Punctuation with
// «» — № and the arrows and check marks the views use) at the person's text size times the
// monitor's content scale, a larger one for titles, and the icons of Font Awesome (Debian's
// fonts-font-awesome) merged into both where that font is installed. The style's sizes
// follow the text size, so a larger text gets larger buttons and spacing too.

#include <string>

struct ImFont;

namespace nastavnik::app {

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* heading = nullptr;
  std::string path;  // the TTF used; empty when ImGui's built-in font had to be used
  bool icons = false;  // Font Awesome glyphs are in the atlas
};

// Replaces the fonts of the current ImGui context's atlas (the renderer's font texture
// must be rebuilt after, PlatformWindow::RebuildFonts). The TTF is $NASTAVNIK_FONT, else
// DejaVuSans.ttf from the usual system folders; without one the built-in font is used
// (Latin only) and `path` stays empty.
Fonts LoadFonts(float scale, int font_px);

// Colours of `theme` ("dark" or "light") and sizes for `font_px` at `scale`.
void ApplyStyle(const std::string& theme, float scale, int font_px);

}  // namespace nastavnik::app
