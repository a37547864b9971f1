#pragma once
// Mentoring sessions: a filter bar (pair, person, dates, format), the matching sessions in a
// clipped table (tens of thousands of rows stay fast), and the form of a session: format,
// stage of the learning-by-action chain, mentor, mentees, topic, notes, agreed actions,
// next date, reflection and satisfaction. A click on a row opens that session in the form
// for editing (saved as an update of the changed fields) or deleting, after confirmation;
// "New session" goes back to the form of a new one, which was kept meanwhile. Both the new
// form and an edit in progress keep a draft.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/ui/form_state.h"
#include "client/ui/record_editor.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

// The fields of the session form, as the user edits them.
struct SessionForm {
  std::string pair_id, mentor_id, date, format = "offline", stage = "theory";
  std::vector<std::string> mentees;
  std::string topic, notes, agreed_actions, next_date, reflection;
  int duration_min = 60;
  bool has_duration = true;
  int satisfaction = 0;  // 0: not given
  // Record fields (empty optional fields left out).
  nlohmann::json ToFields() const;
  void FromFields(const nlohmann::json& fields);
};

class SessionsView : public View {
 public:
  SessionsView() : View("sessions", "ui.sessions.title") {}
  // Scrolls the list to `fraction` (0..1) of its height on the next frame (benchmark and
  // screenshot mode).
  void RequestScroll(float fraction) { scroll_request_ = fraction; }

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawFilters(FrameContext& ctx);
  void DrawList(FrameContext& ctx);
  void DrawForm(FrameContext& ctx);
  void DrawEditBar(FrameContext& ctx);
  void ResetForm(const FrameContext& ctx);

  view::SessionFilter filter_;
  bool filter_loaded_ = false;
  std::string pair_filter_text_, person_filter_text_;
  std::string selected_id_;
  std::optional<float> scroll_request_;

  SessionForm form_;       // a new session
  SessionForm edit_form_;  // the session opened from the list (editor_.editing())
  bool form_initialised_ = false;
  FormState state_{"form.session"};
  RecordEditor editor_{"form.session_edit"};
  std::string mentor_search_, mentee_search_;
  std::string saved_message_;
};

}  // namespace nastavnik::ui
