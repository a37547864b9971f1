#pragma once
// Self-assessment (самооценка профессиональных дефицитов): the form (RecordForm) fills an
// instrument from assets/instruments as a questionnaire (items on the instrument's scale,
// grouped by area) with the area result shown live as deficit bars, and asks before saving
// one left half-filled; beside it the chosen person's results as deficit bars and the trend
// of each area across their assessments with one instrument.

#include <string>

#include "client/ui/record_form.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class SelfAssessmentView : public View {
 public:
  SelfAssessmentView();

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawResults(FrameContext& ctx);
  void DrawTrend(FrameContext& ctx);

  RecordForm form_;
  std::string result_id_;  // the result shown; empty: the newest
  std::string person_search_;
};

}  // namespace nastavnik::ui
