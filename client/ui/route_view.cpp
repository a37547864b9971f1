#include "client/ui/route_view.h"

#include <imgui.h>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/date_input.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/pickers.h"

namespace nastavnik::ui {

void RouteView::DrawContent(FrameContext& ctx) {
  const auto& routes = ctx.snap.routes;
  if (routes.empty()) {
    Hint(ctx.tr("ui.route.empty"));
    return;
  }
  const view::RouteView* route = &routes.front();
  for (const auto& r : routes)
    if (r.id == route_id_) route = &r;

  std::vector<widgets::Choice> choices;
  for (const auto& r : routes)
    choices.push_back(
        {r.id, r.teacher.name + " — " + (r.title.empty() ? ctx.tr("ui.route.untitled") : r.title)});
  std::string selected = route->id;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.tr("ui.route.pick").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (widgets::ChoiceCombo("##route", choices, &selected, nullptr)) route_id_ = selected;

  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::TextUnformatted((route->title.empty() ? ctx.tr("ui.route.untitled") : route->title).c_str());
  if (ctx.heading_font) ImGui::PopFont();
  ImGui::Text("%s: %s    %s: %s    %s: %s", ctx.field_label("individual_route", "teacher_id").c_str(),
              route->teacher.name.c_str(), ctx.field_label("individual_route", "tutor_id").c_str(),
              route->tutor.name.empty() ? "—" : route->tutor.name.c_str(),
              ctx.field_label("individual_route", "status").c_str(),
              ctx.enum_label("route_status", route->status.empty() ? "draft" : route->status).c_str());
  std::string deficits;
  for (const auto& d : route->deficits) deficits += (deficits.empty() ? "" : ", ") + DeficitTitle(ctx, d);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Text("%s: %s", ctx.field_label("individual_route", "deficits").c_str(),
              deficits.empty() ? "—" : deficits.c_str());
  ImGui::PopTextWrapPos();

  int done = 0;
  for (const auto& s : route->steps) done += s.done ? 1 : 0;
  const std::string overlay = ctx.text.format(
      "ui.route.progress", {{"done", std::to_string(done)},
                            {"total", std::to_string(route->steps.size())},
                            {"percent", std::to_string(static_cast<int>(route->progress * 100 + 0.5))}});
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, palette::kGood);
  ImGui::ProgressBar(static_cast<float>(route->progress), ImVec2(-FLT_MIN, 0), overlay.c_str());
  ImGui::PopStyleColor();

  const float form_h = ImGui::GetFrameHeightWithSpacing() * 7.5f;
  ImGui::BeginChild("steps", ImVec2(0, -form_h), false);
  DrawSteps(ctx, *route);
  ImGui::EndChild();
  ImGui::BeginChild("new_step", ImVec2(0, 0), true);
  DrawNewStep(ctx, *route);
  ImGui::EndChild();
}

void RouteView::DrawSteps(FrameContext& ctx, const view::RouteView& route) {
  if (toggle_state_.Poll(ctx.snap) == FormState::Outcome::kFailed)
    message_ = toggle_state_.GeneralError(ctx.text, {});
  SectionTitle(ctx, ctx.tr("ui.route.steps"));
  if (!message_.empty()) ErrorText(message_);
  if (route.steps.empty()) {
    Hint(ctx.tr("ui.route.no_steps"));
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("steps_table", 5, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.field_label("route_step", "done").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.field_label("route_step", "title").c_str(), ImGuiTableColumnFlags_WidthStretch,
                          3.0f);
  ImGui::TableSetupColumn(ctx.field_label("route_step", "deficit").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableSetupColumn(ctx.field_label("route_step", "due_date").c_str(),
                          ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.field_label("route_step", "note").c_str(), ImGuiTableColumnFlags_WidthStretch,
                          2.0f);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < route.steps.size(); ++i) {
    const view::RouteStepView& step = route.steps[i];
    ImGui::PushID(step.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    bool done = step.done;
    ImGui::BeginDisabled(toggle_state_.pending());
    if (ImGui::Checkbox("##done", &done)) {
      message_.clear();
      toggle_state_.Submit(ctx, command::SaveRecord{"route_step", step.id, {{"done", done}}, ""});
    }
    ImGui::EndDisabled();
    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(0.0f);
    if (step.done)
      ImGui::TextDisabled("%s", step.title.c_str());
    else
      ImGui::TextUnformatted(step.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TableSetColumnIndex(2);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(DeficitTitle(ctx, step.deficit).c_str());
    ImGui::PopTextWrapPos();
    ImGui::TableSetColumnIndex(3);
    const bool overdue = !step.done && !step.due_date.empty() && step.due_date < ctx.app.today;
    if (overdue) {
      ImGui::TextColored(palette::kErrorText, "%s", step.due_date.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("ui.route.overdue").c_str());
    } else {
      ImGui::TextUnformatted(step.due_date.empty() ? "—" : step.due_date.c_str());
    }
    ImGui::TableSetColumnIndex(4);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(step.note.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void RouteView::DrawNewStep(FrameContext& ctx, const view::RouteView& route) {
  switch (step_state_.Poll(ctx.snap)) {
    case FormState::Outcome::kSaved:
      step_title_.clear();
      step_note_.clear();
      step_due_.clear();
      break;
    default:
      break;
  }
  if (const nlohmann::json* draft = step_state_.RestoreOnce(ctx.snap)) {
    step_title_ = draft->value("title", "");
    step_deficit_ = draft->value("deficit", "");
    step_due_ = draft->value("due_date", "");
    step_note_ = draft->value("note", "");
  }
  ImGui::TextUnformatted(ctx.tr("ui.route.add_step").c_str());
  bool changed = false;
  if (widgets::BeginForm("step_form", ImGui::GetFontSize() * 8.0f)) {
    widgets::FormRow(ctx.field_label("route_step", "title").c_str(), true);
    changed |= widgets::TextField("##title", &step_title_);
    widgets::FormError(step_state_.ErrorFor("title", ctx.text));
    widgets::FormRow(ctx.field_label("route_step", "deficit").c_str());
    std::vector<widgets::Choice> deficits;
    for (const auto& d : route.deficits) deficits.push_back({d, DeficitTitle(ctx, d)});
    changed |= widgets::ChoiceCombo("##deficit", deficits, &step_deficit_, ctx.tr("ui.common.none").c_str());
    widgets::FormRow(ctx.field_label("route_step", "due_date").c_str());
    changed |= widgets::DateInput("##due", &step_due_, ctx.tr("ui.common.date_hint").c_str(),
                                  ctx.tr("ui.common.bad_date").c_str());
    widgets::FormError(step_state_.ErrorFor("due_date", ctx.text));
    widgets::FormRow(ctx.field_label("route_step", "note").c_str());
    changed |= widgets::TextField("##note", &step_note_);
    widgets::EndForm();
  }
  nlohmann::json fields = {
      {"route_id", route.id}, {"teacher_id", route.teacher.id}, {"title", step_title_}, {"done", false}};
  if (!step_deficit_.empty()) fields["deficit"] = step_deficit_;
  if (!step_due_.empty()) fields["due_date"] = step_due_;
  if (!step_note_.empty()) fields["note"] = step_note_;
  if (changed) {
    step_state_.ClearErrors();
    step_state_.Touch(ctx.now);
  }
  step_state_.MaybeSaveDraft(ctx, fields);
  if (Button(ctx.tr("ui.route.add"), !step_state_.pending() && widgets::DateOk(step_due_)))
    step_state_.Submit(ctx, command::SaveRecord{"route_step", "", fields, ""});
  const std::string general = step_state_.GeneralError(ctx.text, {"title", "due_date"});
  if (!general.empty()) {
    ImGui::SameLine();
    ErrorText(general);
  }
}

}  // namespace nastavnik::ui
