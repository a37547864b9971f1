#pragma once
// Roadmap (дорожная карта): the events in calendar order in a clipped table, filtered by
// status; the selected event's card with "mark done" and its report, and "edit" that opens
// the event in the same form as a new one (plus its status) to save the changed fields or
// delete it after confirmation; and the form of a new event (title, planned date, format,
// pair, responsible, participants). Both the new form and an edit keep a draft.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/ui/form_state.h"
#include "client/ui/record_editor.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

struct EventForm {
  std::string title, planned_date, format = "seminar", pair_id, responsible_id, status = "planned";
  std::vector<std::string> participants;
  nlohmann::json ToFields() const;
  void FromFields(const nlohmann::json& fields);
};

class RoadmapView : public View {
 public:
  RoadmapView() : View("roadmap", "ui.roadmap.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawList(FrameContext& ctx);
  void DrawSelected(FrameContext& ctx);
  void DrawNewEvent(FrameContext& ctx);
  void DrawEditEvent(FrameContext& ctx);
  // The event's fields (and its status when `with_status`); true when one changed.
  bool DrawEventFields(FrameContext& ctx, EventForm& form, FormState& state, bool with_status);

  std::string status_filter_;
  std::string selected_id_;
  std::vector<int> visible_;  // indices into snapshot.roadmap after filtering (rebuilt per frame)

  FormState done_state_{"form.roadmap_done"};
  std::string report_, report_for_;

  EventForm form_;
  bool form_initialised_ = false;
  FormState event_state_{"form.roadmap_event"};
  EventForm edit_form_;
  RecordEditor editor_{"form.roadmap_event_edit"};
  std::string responsible_search_, participant_search_;
  std::string saved_message_;
};

}  // namespace nastavnik::ui
