#include "client/app/fonts.h"

#include <imgui.h>

#include <cstdlib>
#include <filesystem>

namespace nastavnik::app {
namespace {

std::string FindFont() {
  if (const char* env = std::getenv("NASTAVNIK_FONT"); env && *env && std::filesystem::exists(env))
    return env;
  for (const char* path :
       {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/local/share/fonts/DejaVuSans.ttf"})
    if (std::filesystem::exists(path)) return path;
  return "";
}

}  // namespace

Fonts LoadFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  Fonts fonts;
  fonts.path = FindFont();

  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsDark();
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.TabRounding = 3.0f;
  style.ScrollbarRounding = 3.0f;
  style.FramePadding = ImVec2(6, 4);
  style.ItemSpacing = ImVec2(8, 5);
  style.CellPadding = ImVec2(5, 3);
  style.ScaleAllSizes(scale);

  if (fonts.path.empty()) {
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    fonts.regular = io.Fonts->AddFontDefault(&config);
    fonts.heading = fonts.regular;
    return fonts;
  }
  // The glyphs the catalogs and the demo data use: Latin + Latin-1 («», ×), Cyrillic,
  // General Punctuation (— – … ‘’ “”), № and the few symbols of the views.
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(io.Fonts->GetGlyphRangesCyrillic());
  static constexpr ImWchar kExtra[] = {
      0x2010, 0x205E,  // General Punctuation
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

  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  // The atlas copies the ranges only when it is built, so they must outlive this call:
  // keep them in the atlas' own storage by building it now.
  fonts.regular = io.Fonts->AddFontFromFileTTF(fonts.path.c_str(), 16.0f * scale, &config, ranges.Data);
  fonts.heading = io.Fonts->AddFontFromFileTTF(fonts.path.c_str(), 21.0f * scale, &config, ranges.Data);
  if (!fonts.regular || !fonts.heading || !io.Fonts->Build()) {
    io.Fonts->Clear();
    fonts.path.clear();
    fonts.regular = fonts.heading = io.Fonts->AddFontDefault();
  }
  return fonts;
}

}  // namespace nastavnik::app
