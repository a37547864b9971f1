#pragma once
// Roadmap (дорожная карта): the events as a table in calendar order or as a timeline (one
// bar per event on a month axis, coloured by status), filtered by status; beside them the
// selected event's card with "mark done" and its report, and the event form (RecordForm):
// "Edit" opens the selected event in it, the "New event" tab creates one. What the
// person's role may not change is not offered: the buttons are disabled with the reason.

#include <string>
#include <vector>

#include "client/ui/form_state.h"
#include "client/ui/record_form.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class RoadmapView : public View {
 public:
  RoadmapView();

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void Filter(const FrameContext& ctx);
  void DrawListHeader(FrameContext& ctx);
  void DrawTable(FrameContext& ctx);
  void DrawTimeline(FrameContext& ctx);
  void DrawSelected(FrameContext& ctx);
  void Select(const std::string& id) { selected_id_ = id; }

  std::string status_filter_;
  std::string selected_id_;
  std::vector<int> visible_;  // indices into snapshot.roadmap after filtering (rebuilt per frame)
  bool timeline_ = false;

  FormState done_state_{"form.roadmap_done"};
  std::string report_, report_for_;
  RecordForm form_;
};

}  // namespace nastavnik::ui
