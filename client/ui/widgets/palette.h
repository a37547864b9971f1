#pragma once
// The colours of the client, so that a series means the same colour on every screen and
// text keeps its contrast on both themes (dark, and light for bright classrooms). Series
// colours are the Okabe–Ito set, told apart also by people with colour-blindness, and read
// on both backgrounds; text colours follow the theme.

#include <imgui.h>

namespace nastavnik::ui::palette {

enum class Theme { kDark, kLight };
// Applies the theme to ImGui's style and to the colours below.
void SetTheme(Theme theme);
Theme CurrentTheme();

inline constexpr ImU32 kDeficit = IM_COL32(213, 94, 0, 255);     // a deficit / overdue (vermillion)
inline constexpr ImU32 kGood = IM_COL32(0, 158, 115, 255);       // above the threshold / done (green)
inline constexpr ImU32 kPlanned = IM_COL32(86, 180, 233, 255);   // planned events (sky blue)
inline constexpr ImU32 kDone = IM_COL32(0, 158, 115, 255);       // events done
inline constexpr ImU32 kCancelled = IM_COL32(150, 150, 150, 255);
inline constexpr ImU32 kSessions = IM_COL32(0, 114, 178, 255);   // mentoring sessions (blue)
inline constexpr ImU32 kVisits = IM_COL32(230, 159, 0, 255);     // lesson visits (orange)

// Theme-dependent lines and fills of the charts.
ImU32 Grid();
ImU32 Threshold();
ImU32 NoData();
ImU32 ChartText();
// Theme-dependent text.
ImVec4 ErrorText();
ImVec4 MutedText();
ImVec4 OkText();
ImVec4 WarnText();
inline ImVec4 Color(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

// A distinct colour for series `i` of a line chart (cycles after eight; charts add a
// marker shape per cycle so that series 0 and 8 still differ).
ImU32 series_color(int i);
inline constexpr int kSeriesColors = 8;

// True when the mouse is over the rectangle and nothing covers the current window there
// (charts draw their own tooltips with this).
bool Hovering(const ImVec2& a, const ImVec2& b);

}  // namespace nastavnik::ui::palette
