#include "client/ui/route_view.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/icons.h"
#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/table_headers.h"
#include "client/ui/widgets/text_fit.h"
#include "client/ui/widgets/pickers.h"

namespace nastavnik::ui {

RouteView::RouteView() : View("route", "ui.route.title"), step_form_(StepFormSpec()) {}

RecordFormSpec RouteView::StepFormSpec() {
  RecordFormSpec spec;
  spec.entity = "route_step";
  spec.draft_key = "form.route_step";
  spec.fields = {{"title"},
                 {"deficit", widgets::FieldLook::kAuto,
                  [this](FrameContext& ctx, nlohmann::json* fields, bool read_only) {
                    // The step works on one of the route's own deficits.
                    const view::RouteView* route = Current(ctx.snap);
                    std::vector<widgets::Choice> deficits;
                    if (route)
                      for (const auto& d : route->deficits) deficits.push_back({d, DeficitTitle(ctx, d), ""});
                    std::string v = fields->value("deficit", "");
                    bool changed = false;
                    ImGui::BeginDisabled(read_only);
                    if (widgets::BeginForm("deficit", ImGui::GetFontSize() * 8.0f)) {
                      widgets::FormRow(ctx.field_label("route_step", "deficit").c_str());
                      changed = widgets::ChoiceCombo("##deficit", deficits, &v, ctx.tr("ui.common.none").c_str());
                      widgets::EndForm();
                    }
                    ImGui::EndDisabled();
                    if (changed && v.empty()) fields->erase("deficit");
                    else if (changed) (*fields)["deficit"] = v;
                    return changed;
                  }},
                 {"due_date"},
                 {"note", widgets::FieldLook::kTextArea}};
  spec.new_title_key = "ui.route.add_step";
  spec.edit_title_key = "ui.route.editing_step";
  spec.saved_key = "ui.route.step_saved";
  spec.new_button_key = "ui.route.add_step";
  spec.label_em = 8.0f;
  spec.defaults = [](const FrameContext&) { return nlohmann::json{{"done", false}}; };
  // A step belongs to the route shown and to its teacher.
  spec.complete = [this](const FrameContext& ctx, nlohmann::json* fields) {
    if (const view::RouteView* route = Current(ctx.snap)) {
      (*fields)["route_id"] = route->id;
      (*fields)["teacher_id"] = route->teacher.id;
    }
    if (!fields->contains("done")) (*fields)["done"] = false;
  };
  return spec;
}

const view::RouteView* RouteView::Current(const AppSnapshot& snap) const {
  if (snap.routes.empty()) return nullptr;
  for (const auto& r : snap.routes)
    if (r.id == route_id_) return &r;
  return &snap.routes.front();
}

void RouteView::DrawContent(FrameContext& ctx) {
  const view::RouteView* route = Current(ctx.snap);
  if (!route) {
    Hint(ctx.tr("ui.route.empty"));
    return;
  }
  DrawHeader(ctx, *route);
  step_form_.DrawBesideList(ctx, 0.36f, 22.0f, [&] { DrawSteps(ctx, *route); });
  step_form_.DrawModals(ctx);
}

void RouteView::DrawHeader(FrameContext& ctx, const view::RouteView& route) {
  const auto& routes = ctx.snap.routes;
  std::vector<widgets::Choice> choices;
  for (const auto& r : routes)
    choices.push_back({r.id, ShownName(ctx.text, r.teacher.name) + " — " +
                                 (r.title.empty() ? ctx.tr("ui.route.untitled") : r.title), ""});
  std::string selected = route.id;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.tr("ui.route.pick").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (widgets::ChoiceCombo("##route", choices, &selected, nullptr)) route_id_ = selected;

  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted((route.title.empty() ? ctx.tr("ui.route.untitled") : route.title).c_str());
  ImGui::PopTextWrapPos();
  if (ctx.heading_font) ImGui::PopFont();
  auto field = [&](const char* name, const std::string& value) {
    ImGui::TextDisabled("%s:", ctx.field_label("individual_route", name).c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(value.c_str());
  };
  FlowRow row;
  const float unit = ImGui::GetFontSize();
  row.Item(unit * 16, [&] { field("teacher_id", ShownName(ctx.text, route.teacher.name)); });
  row.Item(unit * 16, [&] { field("tutor_id", route.tutor.id.empty() ? "—" : ShownName(ctx.text, route.tutor.name)); });
  row.Item(unit * 10, [&] {
    field("status", ctx.enum_label("route_status", route.status.empty() ? "draft" : route.status));
  });
  row.End();
  std::string deficits;
  for (const auto& d : route.deficits) deficits += (deficits.empty() ? "" : ", ") + DeficitTitle(ctx, d);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s:", ctx.field_label("individual_route", "deficits").c_str());
  ImGui::SameLine();
  ImGui::TextUnformatted(deficits.empty() ? "—" : deficits.c_str());
  ImGui::PopTextWrapPos();

  int done = 0;
  for (const auto& s : route.steps) done += s.done ? 1 : 0;
  const std::string overlay = ctx.text.render(Message("ui.route.progress")
                                                  .with("done", done)
                                                  .with("total", route.steps.size())
                                                  .with("percent", static_cast<int>(route.progress * 100 + 0.5)));
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, palette::kGood);
  ImGui::ProgressBar(static_cast<float>(route.progress), ImVec2(-FLT_MIN, 0), overlay.c_str());
  ImGui::PopStyleColor();
}

void RouteView::DrawSteps(FrameContext& ctx, const view::RouteView& route) {
  toggle_state_.Poll(ctx.snap);
  SectionTitle(ctx, ctx.tr("ui.route.steps"));
  const std::string toggle_error = toggle_state_.GeneralError(ctx.text, {});
  if (!toggle_error.empty()) ErrorText(toggle_error);
  if (route.steps.empty()) {
    Hint(ctx.tr("ui.route.no_steps"));
    return;
  }
  const EntitySchema* schema = DomainSchema::instance().entity("route_step");
  const std::string refusal =
      schema ? write_refusal(ActorOf(ctx.snap), *schema, {{"teacher_id", route.teacher.id}}) : kRefusedRouteParticipants;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("steps_table", 4, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // A narrow column of check boxes: its header is a check mark (the word, «Выполнено», on
  // hover), so the steps keep the width.
  const std::string done_label = ctx.field_label("route_step", "done");
  const std::string done_icon = Icon(icon::kDone);
  ImGui::TableSetupColumn((done_icon.empty() ? done_label : done_icon + "##done").c_str(),
                          ImGuiTableColumnFlags_WidthFixed, ImGui::GetFrameHeight() * 1.5f);
  ImGui::TableSetupColumn(ctx.field_label("route_step", "title").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(ctx.field_label("route_step", "deficit").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(ctx.field_label("route_step", "due_date").c_str(), ImGuiTableColumnFlags_WidthFixed,
                          DateColumnWidth());
  widgets::HeadersRow();
  if (ImGui::TableGetColumnFlags(0) & ImGuiTableColumnFlags_IsHovered) WrappedTooltip(done_label);
  for (size_t i = 0; i < route.steps.size(); ++i) {
    const view::RouteStepView& step = route.steps[i];
    ImGui::PushID(step.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    bool done = step.done;
    ImGui::BeginDisabled(toggle_state_.pending() || !refusal.empty());
    if (ImGui::Checkbox("##done", &done))
      toggle_state_.Submit(ctx, command::SaveRecord{"route_step", step.id, {{"done", done}}, ""});
    ImGui::EndDisabled();
    if (!refusal.empty()) ReasonTooltip(ctx.tr("write.refused." + refusal));
    ImGui::TableSetColumnIndex(1);
    if (ImGui::Selectable(("##open" + step.id).c_str(), step_form_.IsSelected(step.id),
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
      step_form_.Open(ctx, step.id);
    ImGui::SameLine(0, 0);
    ImGui::BeginGroup();
    widgets::WordWrappedText(step.title, step.done);
    if (!step.note.empty()) widgets::WordWrappedText(step.note, true);
    ImGui::EndGroup();
    ImGui::TableSetColumnIndex(2);
    widgets::WordWrappedText(step.deficit.empty() ? "—" : DeficitTitle(ctx, step.deficit));
    ImGui::TableSetColumnIndex(3);
    const bool overdue = !step.done && !step.due_date.empty() && step.due_date < ctx.app.today;
    if (overdue) {
      ImGui::TextColored(palette::ErrorText(), "%s", ctx.text.date(step.due_date).c_str());
      if (ImGui::IsItemHovered()) WrappedTooltip(ctx.tr("ui.route.overdue"));
    } else {
      ImGui::TextUnformatted(step.due_date.empty() ? "—" : ctx.text.date(step.due_date).c_str());
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace nastavnik::ui
