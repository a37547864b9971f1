#pragma once
// Lesson visits (взаимопосещение уроков): the visits in a clipped table with the selected
// one's details, and the visit form (RecordForm) with the observation protocol of
// assets/instruments (lesson_observation) as a grid: each criterion scored on the
// protocol's scale, the mean per area live, strengths, recommendations and a follow-up date.
// A protocol saved half-scored asks first. A click on a row opens that visit for editing or
// deleting; "New visit" goes back to the new form, kept meanwhile.

#include <string>

#include "client/ui/record_form.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

inline constexpr const char* kObservationProtocol = "lesson_observation";

class VisitsView : public View {
 public:
  VisitsView();

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawList(FrameContext& ctx);
  void DrawDetails(FrameContext& ctx);

  RecordForm form_;
};

}  // namespace nastavnik::ui
