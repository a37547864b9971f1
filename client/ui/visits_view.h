#pragma once
// Lesson visits (взаимопосещение уроков): the visits in a clipped table and the form of a
// new visit with the observation protocol of assets/instruments (lesson_observation): each
// criterion scored on the protocol's scale, the mean per area live, strengths,
// recommendations and a follow-up date. A click on a row opens that visit in the form for
// editing (saved as an update of the changed fields) or deleting, after confirmation;
// "New visit" goes back to the new form, which was kept meanwhile. Both keep a draft.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "client/ui/form_state.h"
#include "client/ui/record_editor.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

inline constexpr const char* kObservationProtocol = "lesson_observation";

struct VisitForm {
  std::string date, visitor_id, teacher_id, host_school_id, pair_id, subject, purpose;
  int grade = 5;
  bool has_grade = false;
  std::map<std::string, int> scores;  // item id -> score
  std::string strengths, recommendations, follow_up_date;
  // Record fields, with the protocol id and version the scores were given with.
  nlohmann::json ToFields(const Instrument* protocol) const;
  void FromFields(const nlohmann::json& fields);
};

class VisitsView : public View {
 public:
  VisitsView() : View("visits", "ui.visits.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawList(FrameContext& ctx);
  void DrawForm(FrameContext& ctx);
  void DrawEditBar(FrameContext& ctx);
  bool DrawProtocol(FrameContext& ctx, const Instrument& protocol, VisitForm& form);
  void ResetForm(const FrameContext& ctx);

  std::string selected_id_;
  VisitForm form_;       // a new visit
  VisitForm edit_form_;  // the visit opened from the list (editor_.editing())
  bool form_initialised_ = false;
  FormState state_{"form.visit"};
  RecordEditor editor_{"form.visit_edit"};
  std::string visitor_search_, teacher_search_;
  std::string saved_message_;
};

}  // namespace nastavnik::ui
