#pragma once
// Individual route (ИОМ): pick a route, see its teacher, tutor, targeted deficits and a
// progress bar; its steps with due dates (overdue ones marked), a check box to mark a step
// done, and a form to add a step.

#include <string>

#include "client/ui/form_state.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class RouteView : public View {
 public:
  RouteView() : View("route", "ui.route.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawSteps(FrameContext& ctx, const view::RouteView& route);
  void DrawNewStep(FrameContext& ctx, const view::RouteView& route);

  std::string route_id_;  // empty: the first route
  FormState toggle_state_{"form.route_step_toggle"};
  FormState step_state_{"form.route_step"};
  std::string step_title_, step_deficit_, step_due_, step_note_;
  std::string message_;
};

}  // namespace nastavnik::ui
