#pragma once
// The colours the charts share, so a series means the same colour on every screen.

#include <imgui.h>

namespace nastavnik::ui::palette {

inline constexpr ImU32 kDeficit = IM_COL32(214, 69, 65, 255);    // a deficit / overdue
inline constexpr ImU32 kGood = IM_COL32(76, 166, 96, 255);       // above the threshold / done
inline constexpr ImU32 kPlanned = IM_COL32(120, 144, 180, 255);  // planned events
inline constexpr ImU32 kDone = IM_COL32(76, 166, 96, 255);       // events done
inline constexpr ImU32 kSessions = IM_COL32(66, 133, 244, 255);  // mentoring sessions
inline constexpr ImU32 kVisits = IM_COL32(240, 160, 50, 255);    // lesson visits
inline constexpr ImU32 kGrid = IM_COL32(128, 128, 128, 70);
inline constexpr ImU32 kThreshold = IM_COL32(230, 230, 230, 160);
inline constexpr ImU32 kNoData = IM_COL32(90, 90, 96, 255);

inline const ImVec4 kErrorText = ImVec4(1.0f, 0.45f, 0.42f, 1.0f);
inline const ImVec4 kMutedText = ImVec4(0.62f, 0.64f, 0.68f, 1.0f);
inline const ImVec4 kOkText = ImVec4(0.45f, 0.85f, 0.52f, 1.0f);
inline const ImVec4 kWarnText = ImVec4(1.0f, 0.78f, 0.35f, 1.0f);

// A distinct colour for series `i` of a line chart (cycles after eight).
ImU32 series_color(int i);

// True when the mouse is over the rectangle and nothing covers the current window there
// (charts draw their own tooltips with this).
bool Hovering(const ImVec2& a, const ImVec2& b);

}  // namespace nastavnik::ui::palette
