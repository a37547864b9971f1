#include "client/app/fonts.h"

#include <imgui.h>

#include <cstdlib>
#include <filesystem>

#include "client/ui/icons.h"
#include "client/ui/widgets/palette.h"

namespace nastavnik::app {
namespace {

std::string FindFont() {
  if (const char* env = std::getenv("NASTAVNIK_FONT"); env && *env && std::filesystem::exists(env)) return env;
  for (const char* path :
       {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/local/share/fonts/DejaVuSans.ttf"})
    if (std::filesystem::exists(path)) return path;
  return "";
}

std::string FindIconFont() {
  for (const char* path : {"/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf",
                           "/usr/share/fonts/opentype/font-awesome/FontAwesome.otf"})
    if (std::filesystem::exists(path)) return path;
  return "";
}

// Adds DejaVu at `px`, with the icons merged in when `icons` names their font.
ImFont* AddFont(const std::string& path, const std::string& icons, float px, const ImWchar* ranges) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromFileTTF(path.c_str(), px, &config, ranges);
  if (!font || icons.empty()) return font;
  static constexpr ImWchar kIconRange[] = {ui::icon::kFirst, ui::icon::kLast, 0};
  ImFontConfig merge;
  merge.MergeMode = true;
  merge.PixelSnapH = true;
  merge.GlyphMinAdvanceX = px;  // icons line up in the navigation
  io.Fonts->AddFontFromFileTTF(icons.c_str(), px * 0.9f, &merge, kIconRange);
  return font;
}

}  // namespace

void ApplyStyle(const std::string& theme, float scale, int font_px) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.TabRounding = 3.0f;
  style.ScrollbarRounding = 3.0f;
  style.FramePadding = ImVec2(6, 4);
  style.ItemSpacing = ImVec2(8, 5);
  style.CellPadding = ImVec2(5, 3);
  // Colours (and the light theme's input borders) after the sizes they do not scale.
  ui::palette::SetTheme(theme == "light" ? ui::palette::Theme::kLight : ui::palette::Theme::kDark);
  style.ScaleAllSizes(scale * static_cast<float>(font_px) / 16.0f);
}

Fonts LoadFonts(float scale, int font_px) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts fonts;
  fonts.path = FindFont();
  const float px = static_cast<float>(font_px) * scale;
  if (fonts.path.empty()) {
    ImFontConfig config;
    config.SizePixels = 13.0f * scale * static_cast<float>(font_px) / 16.0f;
    fonts.regular = io.Fonts->AddFontDefault(&config);
    fonts.heading = fonts.regular;
    return fonts;
  }
  // The glyphs the catalogs and the demo data use: Latin + Latin-1 («», ×), Cyrillic,
  // General Punctuation (— – … ‘’ “”, and the zero-width space of wrapped text areas), №
  // and the few symbols of the views.
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(io.Fonts->GetGlyphRangesCyrillic());
  static constexpr ImWchar kExtra[] = {
      0x200B, 0x205E,  // General Punctuation, from the zero-width space
      0x2116, 0x2116,  // №
      0x2190, 0x21FF,  // arrows
      0x2212, 0x2212,  // minus
      0x2713, 0x2714,  // check marks
      0x25A0, 0x25CF,  // squares and circles
      0,
  };
  builder.AddRanges(kExtra);
  ImVector<ImWchar> ranges;
  builder.BuildRanges(&ranges);
  const std::string icons = FindIconFont();
  // The atlas copies the ranges only when it is built, so they must outlive this call:
  // build it now.
  fonts.regular = AddFont(fonts.path, icons, px, ranges.Data);
  fonts.heading = AddFont(fonts.path, icons, px * 1.3f, ranges.Data);
  if (!fonts.regular || !fonts.heading || !io.Fonts->Build()) {
    io.Fonts->Clear();
    fonts.path.clear();
    fonts.regular = fonts.heading = io.Fonts->AddFontDefault();
    return fonts;
  }
  fonts.icons = !icons.empty();
  return fonts;
}

}  // namespace nastavnik::app
