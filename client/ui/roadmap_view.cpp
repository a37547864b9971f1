#include "client/ui/roadmap_view.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/date_input.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/pickers.h"

namespace nastavnik::ui {

nlohmann::json EventForm::ToFields() const {
  nlohmann::json f = nlohmann::json::object();
  auto text = [&f](const char* name, const std::string& v) {
    if (!v.empty()) f[name] = v;
  };
  text("title", title);
  text("planned_date", planned_date);
  text("format", format);
  text("pair_id", pair_id);
  text("responsible_id", responsible_id);
  f["participants"] = participants;
  f["status"] = status.empty() ? "planned" : status;
  return f;
}

void EventForm::FromFields(const nlohmann::json& f) {
  title = f.value("title", "");
  planned_date = f.value("planned_date", "");
  format = f.value("format", "seminar");
  pair_id = f.value("pair_id", "");
  responsible_id = f.value("responsible_id", "");
  status = f.value("status", "planned");
  participants.clear();
  if (f.contains("participants") && f["participants"].is_array())
    for (const auto& p : f["participants"])
      if (p.is_string()) participants.push_back(p.get<std::string>());
}

void RoadmapView::DrawContent(FrameContext& ctx) {
  if (!form_initialised_ && ctx.snap.version > 0) {
    form_initialised_ = true;
    form_.planned_date = ctx.app.today;
    form_.responsible_id = ctx.snap.home.me.id;
  }
  if (const nlohmann::json* draft = event_state_.RestoreOnce(ctx.snap)) form_.FromFields(*draft);
  if (const nlohmann::json* draft = editor_.RestoreOnce(ctx.snap)) {
    edit_form_.FromFields(*draft);
    selected_id_ = editor_.id();
  }
  if (const nlohmann::json* opened = editor_.TakeOpened(ctx.snap)) {
    edit_form_ = EventForm{};
    edit_form_.FromFields(*opened);
    editor_.Begin(edit_form_.ToFields());
    saved_message_.clear();
  }
  if (editor_.PollDeleted(ctx)) {
    saved_message_ = ctx.text.format("ui.edit.deleted", {{"title", edit_form_.title}});
    selected_id_.clear();
  }

  const float side_w = std::max(400.0f, ImGui::GetContentRegionAvail().x * 0.38f);
  ImGui::BeginChild("list",
                    ImVec2(ImGui::GetContentRegionAvail().x - side_w - ImGui::GetStyle().ItemSpacing.x, 0));
  DrawList(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("side", ImVec2(0, 0), true);
  if (ImGui::BeginTabBar("tabs")) {
    if (ImGui::BeginTabItem(ctx.tr("ui.roadmap.tab_selected").c_str())) {
      DrawSelected(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(ctx.tr("ui.roadmap.tab_new").c_str())) {
      DrawNewEvent(ctx);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  editor_.DrawModals(ctx, edit_form_.title);
}

void RoadmapView::DrawList(FrameContext& ctx) {
  const auto& rows = ctx.snap.roadmap;
  visible_.clear();
  int done = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string status = rows[i].status.empty() ? "planned" : rows[i].status;
    done += status == "done" ? 1 : 0;
    if (status_filter_.empty() || status == status_filter_) visible_.push_back(static_cast<int>(i));
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.text
                             .format("ui.roadmap.count",
                                     {{"done", std::to_string(done)}, {"total", std::to_string(rows.size())}})
                             .c_str());
  ImGui::SameLine();
  {
    std::vector<widgets::Choice> choices;
    for (const char* st : {"planned", "done", "cancelled"})
      choices.push_back({st, ctx.enum_label("event_status", st)});
    const std::string all = ctx.tr("ui.common.all_statuses");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
    widgets::ChoiceCombo("##status", choices, &status_filter_, all.c_str());
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(ctx.tr("ui.common.export_csv").c_str()))
    ctx.out.request(request::ExportCsv{ExportTable::kRoadmap, ctx.app.export_dir});

  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("events", 5, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.field_label("roadmap_event", "planned_date").c_str(),
                          ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.field_label("roadmap_event", "title").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn(ctx.field_label("roadmap_event", "format").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn(ctx.field_label("roadmap_event", "status").c_str(),
                          ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.field_label("roadmap_event", "responsible_id").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(visible_.size()));
  while (clipper.Step()) {
    for (int v = clipper.DisplayStart; v < clipper.DisplayEnd; ++v) {
      const view::RoadmapRow& e = rows[static_cast<size_t>(visible_[static_cast<size_t>(v)])];
      ImGui::PushID(v);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (ImGui::Selectable(e.planned_date.c_str(), e.id == selected_id_,
                            ImGuiSelectableFlags_SpanAllColumns) &&
          e.id != selected_id_) {
        // Leaving an edit with unsaved changes asks first; its draft is kept meanwhile.
        if (!editor_.editing() || editor_.RequestClose(ctx, editor_.Dirty(edit_form_.ToFields())))
          selected_id_ = e.id;
      }
      if (ImGui::IsItemHovered() && !e.pair_label.empty()) ImGui::SetTooltip("%s", e.pair_label.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(e.title.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(ctx.enum_label("event_format", e.format).c_str());
      ImGui::TableSetColumnIndex(3);
      const std::string status = e.status.empty() ? "planned" : e.status;
      const bool overdue = status == "planned" && e.planned_date < ctx.app.today;
      const ImVec4 color = status == "done"        ? palette::kOkText
                           : status == "cancelled" ? palette::kMutedText
                           : overdue               ? palette::kWarnText
                                                   : ImGui::GetStyleColorVec4(ImGuiCol_Text);
      ImGui::TextColored(color, "%s", ctx.enum_label("event_status", status).c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(e.responsible_name.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void RoadmapView::DrawSelected(FrameContext& ctx) {
  if (done_state_.Poll(ctx.snap) == FormState::Outcome::kSaved) report_.clear();
  if (selected_id_.empty()) {
    // Until one is picked, show the next planned event (the roadmap is in calendar order).
    for (const auto& e : ctx.snap.roadmap)
      if ((e.status.empty() || e.status == "planned") && e.planned_date >= ctx.app.today) {
        selected_id_ = e.id;
        break;
      }
  }
  const view::RoadmapRow* event = nullptr;
  for (const auto& e : ctx.snap.roadmap)
    if (e.id == selected_id_) event = &e;
  if (!event) {
    Hint(ctx.tr("ui.roadmap.select_hint"));
    return;
  }
  if (editor_.editing() && editor_.id() == event->id) return DrawEditEvent(ctx);
  if (report_for_ != event->id) {
    report_for_ = event->id;
    report_ = event->report;
    done_state_.ClearErrors();
  }
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(event->title.c_str());
  ImGui::PopTextWrapPos();
  if (ctx.heading_font) ImGui::PopFont();
  const char* E = "roadmap_event";
  const std::string status = event->status.empty() ? "planned" : event->status;
  auto line = [&](const std::string& label, const std::string& value) {
    ImGui::TextDisabled("%s:", label.c_str());
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.empty() ? "—" : value.c_str());
    ImGui::PopTextWrapPos();
  };
  line(ctx.field_label(E, "planned_date"), event->planned_date);
  line(ctx.field_label(E, "format"), ctx.enum_label("event_format", event->format));
  line(ctx.field_label(E, "status"), ctx.enum_label("event_status", status));
  line(ctx.field_label(E, "pair_id"), event->pair_label);
  line(ctx.field_label(E, "responsible_id"), event->responsible_name);
  line(ctx.field_label(E, "participants"), std::to_string(event->participants));
  ImGui::Spacing();
  ImGui::TextUnformatted(ctx.field_label(E, "report").c_str());
  widgets::TextArea("##report", &report_, 5);
  widgets::FormError(done_state_.ErrorFor("report", ctx.text));
  if (status != "done") {
    if (Button(ctx.tr("ui.roadmap.mark_done"), !done_state_.pending()))
      done_state_.Submit(ctx,
                         command::SaveRecord{E, event->id, {{"status", "done"}, {"report", report_}}, ""});
  } else if (Button(ctx.tr("ui.roadmap.save_report"), !done_state_.pending() && report_ != event->report)) {
    done_state_.Submit(ctx, command::SaveRecord{E, event->id, {{"report", report_}}, ""});
  }
  const std::string general = done_state_.GeneralError(ctx.text, {"report"});
  if (!general.empty()) ErrorText(general);
  ImGui::Spacing();
  if (Button(ctx.tr("ui.roadmap.edit"), !editor_.opening() && !done_state_.pending()))
    editor_.RequestOpen(ctx, event->id, false);
  if (editor_.opening()) ImGui::TextDisabled("%s", ctx.tr("ui.edit.loading").c_str());
  if (editor_.gone()) Hint(ctx.tr("ui.edit.gone"));
  if (!saved_message_.empty() && !editor_.editing()) SuccessText(saved_message_);
}

void RoadmapView::DrawEditEvent(FrameContext& ctx) {
  if (const auto outcome = editor_.state().Poll(ctx.snap); outcome == FormState::Outcome::kSaved) {
    saved_message_ = ctx.text.format("ui.roadmap.updated", {{"title", edit_form_.title}});
    editor_.Begin(edit_form_.ToFields());  // what is stored now
    report_for_.clear();                   // the card reads the report again
  } else if (outcome == FormState::Outcome::kFailed) {
    saved_message_.clear();
  }
  FormState& state = editor_.state();
  SectionTitle(ctx, ctx.tr("ui.roadmap.editing"));
  if (ImGui::Button(ctx.tr("ui.roadmap.close_edit").c_str()))
    editor_.RequestClose(ctx, editor_.Dirty(edit_form_.ToFields()));
  ImGui::SameLine();
  if (Button(ctx.tr("ui.edit.delete"), !editor_.deleting() && !state.pending())) editor_.RequestDelete();
  const std::string delete_error = editor_.DeleteError(ctx.text);
  if (!delete_error.empty()) ErrorText(delete_error);
  if (DrawEventFields(ctx, edit_form_, state, true)) {
    saved_message_.clear();
    editor_.Touch(ctx.now);
  }
  editor_.MaybeSaveDraft(ctx, edit_form_.ToFields());
  const bool dirty = editor_.Dirty(edit_form_.ToFields());
  if (Button(ctx.tr("ui.edit.save_changes"),
             !state.pending() && dirty && widgets::DateOk(edit_form_.planned_date)))
    editor_.Save(ctx, "roadmap_event", edit_form_.ToFields());
  ImGui::SameLine();
  if (Button(ctx.tr("ui.edit.revert"), dirty && !state.pending())) {
    const std::string id = editor_.id();
    editor_.Close(ctx);
    editor_.RequestOpen(ctx, id, false);
  }
  const std::string general = state.GeneralError(
      ctx.text, {"title", "planned_date", "format", "pair_id", "responsible_id", "participants", "status"});
  if (!general.empty()) ErrorText(general);
  if (!saved_message_.empty()) SuccessText(saved_message_);
}

bool RoadmapView::DrawEventFields(FrameContext& ctx, EventForm& form, FormState& state, bool with_status) {
  bool changed = false;
  auto touched = [&](bool c, const char* field) {
    if (c) {
      changed = true;
      state.ClearError(field);
    }
  };
  auto error = [&](const char* field) { widgets::FormError(state.ErrorFor(field, ctx.text)); };
  const char* E = "roadmap_event";
  const std::string none = ctx.tr("ui.common.none");
  const std::string search = ctx.tr("ui.common.search");
  if (widgets::BeginForm("event_form", ImGui::GetFontSize() * 8.0f)) {
    widgets::FormRow(ctx.field_label(E, "title").c_str(), true);
    touched(widgets::TextField("##title", &form.title), "title");
    error("title");
    widgets::FormRow(ctx.field_label(E, "planned_date").c_str(), true);
    touched(widgets::DateInput("##date", &form.planned_date, ctx.tr("ui.common.date_hint").c_str(),
                               ctx.tr("ui.common.bad_date").c_str()),
            "planned_date");
    error("planned_date");
    widgets::FormRow(ctx.field_label(E, "format").c_str(), true);
    touched(widgets::EnumCombo("##format", ctx.text, "event_format", &form.format, nullptr), "format");
    error("format");
    if (with_status) {
      widgets::FormRow(ctx.field_label(E, "status").c_str(), true);
      touched(widgets::EnumCombo("##status", ctx.text, "event_status", &form.status, nullptr), "status");
      error("status");
    }
    widgets::FormRow(ctx.field_label(E, "pair_id").c_str());
    touched(widgets::PairCombo("##pair", ctx.snap.pairs, &form.pair_id, none.c_str()), "pair_id");
    error("pair_id");
    widgets::FormRow(ctx.field_label(E, "responsible_id").c_str());
    touched(widgets::PersonCombo("##responsible", ctx.snap.people, &form.responsible_id, none.c_str(),
                                 &responsible_search_, search.c_str()),
            "responsible_id");
    error("responsible_id");
    widgets::FormRow(ctx.field_label(E, "participants").c_str());
    const std::string summary = form.participants.empty()
                                    ? none
                                    : ctx.text.format("ui.common.selected_count",
                                                      {{"count", std::to_string(form.participants.size())}});
    touched(widgets::PeopleMultiSelect("##participants", ctx.snap.people, &form.participants,
                                       &participant_search_, search.c_str(), summary),
            "participants");
    error("participants");
    widgets::EndForm();
  }
  return changed;
}

void RoadmapView::DrawNewEvent(FrameContext& ctx) {
  if (event_state_.Poll(ctx.snap) == FormState::Outcome::kSaved) {
    saved_message_ = ctx.text.format("ui.roadmap.saved", {{"title", form_.title}});
    const std::string responsible = form_.responsible_id;
    form_ = EventForm{};
    form_.planned_date = ctx.app.today;
    form_.responsible_id = responsible;
  }
  const bool changed = DrawEventFields(ctx, form_, event_state_, false);
  if (changed) {
    saved_message_.clear();
    event_state_.Touch(ctx.now);
  }
  event_state_.MaybeSaveDraft(ctx, form_.ToFields());
  if (Button(ctx.tr("ui.common.save"), !event_state_.pending() && widgets::DateOk(form_.planned_date)))
    event_state_.Submit(ctx, command::SaveRecord{"roadmap_event", "", form_.ToFields(), ""});
  ImGui::SameLine();
  if (ImGui::Button(ctx.tr("ui.common.clear").c_str())) {
    form_ = EventForm{};
    form_.planned_date = ctx.app.today;
    event_state_.Discard(ctx);
  }
  const std::string general = event_state_.GeneralError(
      ctx.text, {"title", "planned_date", "format", "pair_id", "responsible_id", "participants", "status"});
  if (!general.empty()) ErrorText(general);
  if (!saved_message_.empty()) SuccessText(saved_message_);
}

}  // namespace nastavnik::ui
