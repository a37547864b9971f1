#pragma once
// Self-assessment (самооценка профессиональных дефицитов): fill an instrument from
// assets/instruments (items on the instrument's scale, grouped by area) with the area
// result shown live as deficit bars; the person's earlier results as deficit bars; and
// the trend of each area across the person's assessments with one instrument.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "client/ui/form_state.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

struct AssessmentForm {
  std::string instrument_id = "teacher_deficits";
  std::string date, school_id;
  std::map<std::string, int> answers;
  // Record fields for `instrument` (its version), about `person_id` or the form's school.
  nlohmann::json ToFields(const Instrument* instrument, const std::string& person_id) const;
  void FromFields(const nlohmann::json& fields);
};

class SelfAssessmentView : public View {
 public:
  SelfAssessmentView() : View("self_assessment", "ui.assessment.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawForm(FrameContext& ctx);
  void DrawResults(FrameContext& ctx);
  void DrawTrend(FrameContext& ctx);

  AssessmentForm form_;
  bool form_initialised_ = false;
  FormState state_{"form.assessment"};
  std::string saved_message_;
  std::string result_id_;  // the result shown; empty: the newest
  std::string person_search_;
};

}  // namespace nastavnik::ui
