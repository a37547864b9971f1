#include "client/ui/widgets/palette.h"

namespace nastavnik::ui::palette {
namespace {

Theme g_theme = Theme::kDark;

bool Dark() { return g_theme == Theme::kDark; }

}  // namespace

void SetTheme(Theme theme) {
  g_theme = theme;
  if (theme == Theme::kDark) {
    ImGui::StyleColorsDark();
  } else {
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    // ImGui's light theme draws frames and the window in almost the same grey: give inputs
    // a white field and a visible border, as people expect of a form on paper-like light.
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.95f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    style.Colors[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.22f);
    style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.40f, 1.0f);
    style.FrameBorderSize = 1.0f;
  }
}

Theme CurrentTheme() { return g_theme; }

ImU32 Grid() { return Dark() ? IM_COL32(128, 128, 128, 70) : IM_COL32(0, 0, 0, 40); }
ImU32 Threshold() { return Dark() ? IM_COL32(230, 230, 230, 160) : IM_COL32(40, 40, 40, 170); }
ImU32 NoData() { return Dark() ? IM_COL32(90, 90, 96, 255) : IM_COL32(205, 205, 210, 255); }
ImU32 ChartText() { return ImGui::GetColorU32(ImGuiCol_Text); }

ImVec4 ErrorText() { return Dark() ? ImVec4(1.0f, 0.45f, 0.42f, 1.0f) : ImVec4(0.72f, 0.10f, 0.08f, 1.0f); }
ImVec4 MutedText() { return Dark() ? ImVec4(0.62f, 0.64f, 0.68f, 1.0f) : ImVec4(0.36f, 0.37f, 0.40f, 1.0f); }
ImVec4 OkText() { return Dark() ? ImVec4(0.45f, 0.85f, 0.52f, 1.0f) : ImVec4(0.05f, 0.48f, 0.22f, 1.0f); }
ImVec4 WarnText() { return Dark() ? ImVec4(1.0f, 0.78f, 0.35f, 1.0f) : ImVec4(0.62f, 0.38f, 0.0f, 1.0f); }

ImU32 series_color(int i) {
  static constexpr ImU32 kColors[kSeriesColors] = {
      IM_COL32(0, 114, 178, 255),   IM_COL32(230, 159, 0, 255),   IM_COL32(0, 158, 115, 255),
      IM_COL32(213, 94, 0, 255),    IM_COL32(204, 121, 167, 255), IM_COL32(86, 180, 233, 255),
      IM_COL32(150, 120, 60, 255),  IM_COL32(120, 120, 130, 255),
  };
  return kColors[((i % kSeriesColors) + kSeriesColors) % kSeriesColors];
}

bool Hovering(const ImVec2& a, const ImVec2& b) {
  return ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(a, b);
}

}  // namespace nastavnik::ui::palette
