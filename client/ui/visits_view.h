#pragma once
// Lesson visits (взаимопосещение уроков): the visits in a clipped table and the form of a
// new visit with the observation protocol of assets/instruments (lesson_observation): each
// criterion scored on the protocol's scale, the mean per area live, strengths,
// recommendations and a follow-up date. The form keeps a draft.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "client/ui/form_state.h"
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
  bool DrawProtocol(FrameContext& ctx, const Instrument& protocol);
  void ResetForm(const FrameContext& ctx);

  std::string selected_id_;
  VisitForm form_;
  bool form_initialised_ = false;
  FormState state_{"form.visit"};
  std::string visitor_search_, teacher_search_;
  std::string saved_message_;
};

}  // namespace nastavnik::ui
