#pragma once
// Layout rules the screens share, so that each works from 1024×600 to 1920×1080: a list
// beside its form (the form keeps a readable width, the list takes the rest), rows of
// filters that flow onto the next line when the window is narrow, and column widths that
// fit what they show.

#include <functional>

#include "client/ui/frame_context.h"

namespace nastavnik::ui {

struct SplitWidths {
  float list = 0, form = 0;  // pixels; form 0: no form
};
// Splits the available width: the form gets `form_share` of it but at least `min_form_em`
// font heights (and the list at least as many); `form_share` 0 leaves everything to the list.
SplitWidths SplitListAndForm(float form_share, float min_form_em);

// Items of a given minimum width side by side, wrapping onto a new line when the next one
// does not fit; each item draws inside a group whose item width is its own.
class FlowRow {
 public:
  FlowRow();
  void Item(float width, const std::function<void()>& draw);
  void End();

 private:
  float right_ = 0;
  bool first_ = true;
};

// Continues the current line when an item of `width` still fits in the window, else
// starts a new one (a hint after buttons must not run past a narrow window's edge).
void SameLineIfFits(float width);

// Width of a date column ("20.12.2026" / "20 Dec 2026") with its padding.
float DateColumnWidth();

// A small "export to CSV" button at the right end of the current line.
void ExportButton(FrameContext& ctx, ExportTable table);

}  // namespace nastavnik::ui
