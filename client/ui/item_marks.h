#pragma once
// Named places on screen: while an input script drives the window (client/app/input_script.h),
// views mark the items a script may click or type into ("mentoring_session.topic",
// "nav.sessions") and the script finds them here, so that it moves the pointer where a
// person would. Marking costs nothing when no script runs.

#include <map>
#include <string>

namespace nastavnik::ui {

struct MarkedRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool visible = false;  // not clipped away by its window
};

// Records ImGui's last item under `name` (when marks are enabled).
void Mark(const std::string& name);
// Widgets that do not know what they are part of mark their items relative to the
// innermost scope: MarkInScope("") marks the last item as "<scope>", MarkInScope("3") as
// "<scope>.3" (an option of a picker, a point of a scale).
void PushMarkScope(const std::string& scope);
void PopMarkScope();
void MarkInScope(const std::string& suffix);
void EnableMarks(bool on);
bool MarksEnabled();
// The marks of the last frame drawn; cleared by the app before each frame.
const std::map<std::string, MarkedRect>& Marks();
void ClearMarks();

}  // namespace nastavnik::ui
