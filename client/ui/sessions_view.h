#pragma once
// Mentoring sessions: a filter bar (pair, person, dates, format), the matching sessions in a
// clipped table (tens of thousands of rows stay fast), and the session form (RecordForm):
// format, stage of the learning-by-action chain, mentor, mentees, topic, notes, agreed
// actions, next date, reflection and satisfaction. A click on a row opens that session in
// the form for editing or deleting; "New session" goes back to the new one, kept meanwhile.

#include <optional>
#include <string>

#include "client/ui/record_form.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class SessionsView : public View {
 public:
  SessionsView();
  // Scrolls the list to `fraction` (0..1) of its height on the next frame (benchmark and
  // screenshot mode).
  void RequestScroll(float fraction) { scroll_request_ = fraction; }

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawFilters(FrameContext& ctx);
  void DrawList(FrameContext& ctx);

  view::SessionFilter filter_;
  bool filter_loaded_ = false;
  std::string person_filter_text_;
  std::optional<float> scroll_request_;
  RecordForm form_;
};

}  // namespace nastavnik::ui
