#pragma once
// Individual route (ИОМ): pick a route, see its teacher, tutor, targeted deficits and a
// progress bar; its steps with due dates (overdue ones marked) and a check box to mark a
// step done; beside them the step form (RecordForm) to add a step or, after a click on a
// step, to edit or delete it.

#include <string>

#include "client/ui/form_state.h"
#include "client/ui/record_form.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class RouteView : public View {
 public:
  RouteView();

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  const view::RouteView* Current(const AppSnapshot& snap) const;
  void DrawHeader(FrameContext& ctx, const view::RouteView& route);
  void DrawSteps(FrameContext& ctx, const view::RouteView& route);
  RecordFormSpec StepFormSpec();

  std::string route_id_;  // empty: the first route
  FormState toggle_state_{"form.route_step_toggle"};
  RecordForm step_form_;
};

}  // namespace nastavnik::ui
