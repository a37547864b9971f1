#include "client/ui/sessions_view.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/date_input.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/pickers.h"
#include "shared/domain/schema.h"

namespace nastavnik::ui {

// --- SessionForm

nlohmann::json SessionForm::ToFields() const {
  nlohmann::json f = nlohmann::json::object();
  auto text = [&f](const char* name, const std::string& v) {
    if (!v.empty()) f[name] = v;
  };
  text("pair_id", pair_id);
  text("mentor_id", mentor_id);
  text("date", date);
  text("format", format);
  text("stage", stage);
  text("topic", topic);
  text("notes", notes);
  text("agreed_actions", agreed_actions);
  text("next_date", next_date);
  text("reflection", reflection);
  f["mentees"] = mentees;
  if (has_duration) f["duration_min"] = duration_min;
  if (satisfaction > 0) f["satisfaction"] = satisfaction;
  return f;
}

void SessionForm::FromFields(const nlohmann::json& f) {
  auto text = [&f](const char* name, std::string* v) {
    if (f.contains(name) && f[name].is_string()) *v = f[name].get<std::string>();
  };
  text("pair_id", &pair_id);
  text("mentor_id", &mentor_id);
  text("date", &date);
  text("format", &format);
  text("stage", &stage);
  text("topic", &topic);
  text("notes", &notes);
  text("agreed_actions", &agreed_actions);
  text("next_date", &next_date);
  text("reflection", &reflection);
  mentees.clear();
  if (f.contains("mentees") && f["mentees"].is_array())
    for (const auto& m : f["mentees"])
      if (m.is_string()) mentees.push_back(m.get<std::string>());
  has_duration = f.contains("duration_min") && f["duration_min"].is_number_integer();
  if (has_duration) duration_min = f["duration_min"].get<int>();
  satisfaction =
      f.contains("satisfaction") && f["satisfaction"].is_number_integer() ? f["satisfaction"].get<int>() : 0;
}

// --- SessionsView

void SessionsView::ResetForm(const FrameContext& ctx) {
  form_ = SessionForm{};
  form_.date = ctx.app.today;
  form_.mentor_id = ctx.snap.home.me.id;
}

void SessionsView::DrawContent(FrameContext& ctx) {
  if (!form_initialised_ && ctx.snap.version > 0) {
    form_initialised_ = true;
    ResetForm(ctx);
  }
  if (const nlohmann::json* draft = state_.RestoreOnce(ctx.snap)) form_.FromFields(*draft);
  if (const nlohmann::json* draft = editor_.RestoreOnce(ctx.snap)) {
    edit_form_.FromFields(*draft);
    selected_id_ = editor_.id();
  }
  if (const nlohmann::json* opened = editor_.TakeOpened(ctx.snap)) {
    edit_form_ = SessionForm{};
    edit_form_.FromFields(*opened);
    editor_.Begin(edit_form_.ToFields());
    saved_message_.clear();
  }
  if (editor_.PollDeleted(ctx)) {
    saved_message_ = ctx.text.format("ui.edit.deleted", {{"title", edit_form_.topic}});
    selected_id_.clear();
  }

  DrawFilters(ctx);
  const float form_w = std::max(380.0f, ImGui::GetContentRegionAvail().x * 0.40f);
  const float list_w = ImGui::GetContentRegionAvail().x - form_w - ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("list", ImVec2(list_w, 0), false);
  DrawList(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("form", ImVec2(0, 0), true);
  DrawForm(ctx);
  ImGui::EndChild();
  editor_.DrawModals(ctx, edit_form_.topic);
}

void SessionsView::DrawFilters(FrameContext& ctx) {
  if (!filter_loaded_ && ctx.snap.version > 0) {
    filter_loaded_ = true;
    filter_ = ctx.snap.sessions.filter;
  }
  bool changed = false;
  const std::string any = ctx.tr("ui.common.any");
  const std::string date_hint = ctx.tr("ui.common.date_hint");
  if (ImGui::BeginTable("filters", 6, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("pair", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("person", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("from", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("to", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("format", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("reset", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.filter_pair").c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.filter_person").c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.filter_from").c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.filter_to").c_str());
    ImGui::TableSetColumnIndex(4);
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.col_format").c_str());
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= widgets::PairCombo("##pair", ctx.snap.pairs, &filter_.pair_id, any.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= widgets::PersonCombo("##person", ctx.snap.people, &filter_.person_id, any.c_str(),
                                    &person_filter_text_, ctx.tr("ui.common.search").c_str());
    ImGui::TableSetColumnIndex(2);
    changed |= widgets::DateInput("##from", &filter_.date_from, date_hint.c_str(), "");
    ImGui::TableSetColumnIndex(3);
    changed |= widgets::DateInput("##to", &filter_.date_to, date_hint.c_str(), "");
    ImGui::TableSetColumnIndex(4);
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= widgets::EnumCombo("##format", ctx.text, "mode", &filter_.format, any.c_str());
    ImGui::TableSetColumnIndex(5);
    if (ImGui::Button(ctx.tr("ui.common.reset").c_str())) {
      filter_ = view::SessionFilter{};
      changed = true;
    }
    ImGui::EndTable();
  }
  const bool dates_ok = widgets::DateOk(filter_.date_from) && widgets::DateOk(filter_.date_to);
  if (changed && dates_ok && !(filter_ == ctx.snap.sessions.filter))
    ctx.out.post(command::SetSessionFilter{filter_});
}

void SessionsView::DrawList(FrameContext& ctx) {
  const view::SessionList& list = ctx.snap.sessions;
  ImGui::TextUnformatted(
      ctx.text.format("ui.sessions.count", {{"count", std::to_string(list.total)}}).c_str());
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                       std::max(0.0f, ImGui::GetContentRegionAvail().x -
                                          ImGui::CalcTextSize(ctx.tr("ui.common.export_csv").c_str()).x -
                                          ImGui::GetStyle().FramePadding.x * 2));
  if (ImGui::SmallButton(ctx.tr("ui.common.export_csv").c_str()))
    ctx.out.request(request::ExportCsv{ExportTable::kSessions, ctx.app.export_dir});

  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("sessions", 6, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("ui.common.date").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.field_label("mentoring_session", "topic").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn(ctx.tr("ui.sessions.col_stage").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(ctx.tr("ui.sessions.col_format").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.tr("ui.sessions.col_mentor").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(ctx.tr("ui.sessions.col_mentees").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();

  const auto* stages = DomainSchema::instance().enum_values("session_stage");
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(list.rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const view::SessionRow& row = list.rows[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const bool selected = row.id == (editor_.editing() ? editor_.id() : selected_id_);
      if (ImGui::Selectable(row.date.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        selected_id_ = row.id;
        editor_.RequestOpen(ctx, row.id, editor_.editing() && editor_.Dirty(edit_form_.ToFields()));
      }
      // The row's cells are clipped; the whole topic and the pair show on hover.
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", row.topic.c_str(), row.pair_label.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(row.topic.c_str());
      ImGui::TableSetColumnIndex(2);
      int stage_no = 0;
      if (stages)
        for (size_t s = 0; s < stages->size(); ++s)
          if ((*stages)[s] == row.stage) stage_no = static_cast<int>(s) + 1;
      ImGui::Text("%d. %s", stage_no, ctx.enum_label("session_stage", row.stage).c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(ctx.enum_label("mode", row.format).c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(row.mentor_name.c_str());
      ImGui::TableSetColumnIndex(5);
      ImGui::Text("%d", row.mentees);
      ImGui::PopID();
    }
  }
  if (scroll_request_) {
    ImGui::SetScrollY(*scroll_request_ * ImGui::GetScrollMaxY());
    scroll_request_.reset();
  }
  if (list.rows.empty()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(1);
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.empty").c_str());
  }
  ImGui::EndTable();
}

void SessionsView::DrawEditBar(FrameContext& ctx) {
  SectionTitle(ctx, ctx.text.format("ui.sessions.editing", {{"date", edit_form_.date}}));
  if (ImGui::Button(ctx.tr("ui.sessions.new_button").c_str()) &&
      editor_.RequestClose(ctx, editor_.Dirty(edit_form_.ToFields()))) {
    selected_id_.clear();
    saved_message_.clear();
  }
  ImGui::SameLine();
  if (Button(ctx.tr("ui.edit.delete"), !editor_.deleting() && !editor_.state().pending())) editor_.RequestDelete();
  const std::string delete_error = editor_.DeleteError(ctx.text);
  if (!delete_error.empty()) ErrorText(delete_error);
}

void SessionsView::DrawForm(FrameContext& ctx) {
  if (const auto outcome = state_.Poll(ctx.snap); outcome == FormState::Outcome::kSaved) {
    saved_message_ = ctx.text.format("ui.sessions.saved", {{"topic", form_.topic}});
    ResetForm(ctx);
  } else if (outcome == FormState::Outcome::kFailed) {
    saved_message_.clear();
  }
  if (const auto outcome = editor_.state().Poll(ctx.snap); outcome == FormState::Outcome::kSaved) {
    saved_message_ = ctx.text.format("ui.sessions.saved", {{"topic", edit_form_.topic}});
    editor_.Begin(edit_form_.ToFields());  // what is stored now
  } else if (outcome == FormState::Outcome::kFailed) {
    saved_message_.clear();
  }
  const bool editing = editor_.editing();
  SessionForm& form = editing ? edit_form_ : form_;
  FormState& state = editing ? editor_.state() : state_;
  if (editing) {
    DrawEditBar(ctx);
  } else {
    editor_.DrawNewRecordHeading(ctx, ctx.tr("ui.sessions.new"));
  }
  bool changed = false;
  auto error = [&](const char* field) { widgets::FormError(state.ErrorFor(field, ctx.text)); };
  auto touched = [&](bool c, const char* field) {
    if (c) {
      changed = true;
      state.ClearError(field);
    }
  };
  const std::string date_hint = ctx.tr("ui.common.date_hint");
  const std::string bad_date = ctx.tr("ui.common.bad_date");
  const std::string search = ctx.tr("ui.common.search");
  const std::string none = ctx.tr("ui.common.none");
  const char* E = "mentoring_session";

  if (widgets::BeginForm("session_form", ImGui::GetFontSize() * 9.8f)) {
    widgets::FormRow(ctx.field_label(E, "date").c_str(), true);
    touched(widgets::DateInput("##date", &form.date, date_hint.c_str(), bad_date.c_str()), "date");
    error("date");

    widgets::FormRow(ctx.field_label(E, "format").c_str(), true);
    for (const char* mode : {"offline", "online"}) {
      ImGui::PushID(mode);
      if (ImGui::RadioButton(ctx.enum_label("mode", mode).c_str(), form.format == mode)) {
        form.format = mode;
        touched(true, "format");
      }
      ImGui::PopID();
      ImGui::SameLine();
    }
    ImGui::NewLine();
    error("format");

    widgets::FormRow(ctx.field_label(E, "stage").c_str(), true);
    touched(widgets::EnumCombo("##stage", ctx.text, "session_stage", &form.stage, nullptr, true), "stage");
    error("stage");

    widgets::FormRow(ctx.field_label(E, "pair_id").c_str());
    touched(widgets::PairCombo("##pair", ctx.snap.pairs, &form.pair_id, none.c_str()), "pair_id");
    error("pair_id");

    widgets::FormRow(ctx.field_label(E, "mentor_id").c_str(), true);
    touched(widgets::PersonCombo("##mentor", ctx.snap.people, &form.mentor_id, nullptr, &mentor_search_,
                                 search.c_str()),
            "mentor_id");
    error("mentor_id");

    widgets::FormRow(ctx.field_label(E, "mentees").c_str());
    const std::string summary =
        form.mentees.empty()
            ? none
            : (form.mentees.size() == 1
                   ? widgets::PersonName(ctx.snap.people, form.mentees[0], form.mentees[0])
                   : ctx.text.format("ui.common.selected_count",
                                     {{"count", std::to_string(form.mentees.size())}}));
    touched(widgets::PeopleMultiSelect("##mentees", ctx.snap.people, &form.mentees, &mentee_search_,
                                       search.c_str(), summary),
            "mentees");
    error("mentees");

    widgets::FormRow(ctx.field_label(E, "topic").c_str(), true);
    touched(widgets::TextField("##topic", &form.topic), "topic");
    error("topic");

    widgets::FormRow(ctx.field_label(E, "duration_min").c_str());
    touched(widgets::OptionalIntField("##duration", &form.duration_min, &form.has_duration, 1, 1440),
            "duration_min");
    error("duration_min");

    widgets::FormRow(ctx.field_label(E, "notes").c_str());
    touched(widgets::TextArea("##notes", &form.notes, 3), "notes");
    error("notes");

    widgets::FormRow(ctx.field_label(E, "agreed_actions").c_str());
    touched(widgets::TextArea("##actions", &form.agreed_actions, 2), "agreed_actions");
    error("agreed_actions");

    widgets::FormRow(ctx.field_label(E, "next_date").c_str());
    touched(widgets::DateInput("##next", &form.next_date, date_hint.c_str(), bad_date.c_str()), "next_date");
    error("next_date");

    widgets::FormRow(ctx.field_label(E, "reflection").c_str());
    touched(widgets::TextArea("##reflection", &form.reflection, 2), "reflection");
    error("reflection");

    widgets::FormRow(ctx.field_label(E, "satisfaction").c_str());
    // 0 means "not given"; 1…5 is the mentee's rating.
    touched(
        ImGui::SliderInt("##satisfaction", &form.satisfaction, 0, 5, form.satisfaction == 0 ? "—" : "%d"),
        "satisfaction");
    error("satisfaction");
    widgets::EndForm();
  }
  if (changed) {
    saved_message_.clear();
    state.Touch(ctx.now);
  }
  if (editing)
    editor_.MaybeSaveDraft(ctx, form.ToFields());
  else
    state.MaybeSaveDraft(ctx, form.ToFields());

  ImGui::Spacing();
  const bool dates_ok = widgets::DateOk(form.date) && widgets::DateOk(form.next_date);
  // An edit with nothing changed has nothing to save.
  const bool can_save = !state.pending() && dates_ok && (!editing || editor_.Dirty(form.ToFields()));
  const bool save = Button(ctx.tr(editing ? "ui.edit.save_changes" : "ui.common.save"), can_save) ||
                    (can_save && ImGui::GetIO().KeyCtrl &&
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) &&
                     ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows));
  if (save && editing)
    editor_.Save(ctx, E, form.ToFields());
  else if (save)
    state.Submit(ctx, command::SaveRecord{E, "", form.ToFields(), ""});
  ImGui::SameLine();
  if (editing) {
    // Back to the record as stored: the edit's changes and its draft are dropped.
    if (Button(ctx.tr("ui.edit.revert"), editor_.Dirty(form.ToFields()) && !state.pending())) {
      const std::string id = editor_.id();
      editor_.Close(ctx);
      editor_.RequestOpen(ctx, id, false);
    }
  } else if (ImGui::Button(ctx.tr("ui.common.clear").c_str())) {
    ResetForm(ctx);
    state.Discard(ctx);
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%s", ctx.tr("ui.common.save_shortcut").c_str());
  if (state.pending()) ImGui::TextDisabled("%s", ctx.tr("ui.common.saving").c_str());
  const std::string general = state.GeneralError(
      ctx.text, {"pair_id", "mentor_id", "mentees", "date", "duration_min", "format", "stage", "topic",
                 "notes", "agreed_actions", "next_date", "reflection", "satisfaction"});
  if (!general.empty()) ErrorText(general);
  if (!saved_message_.empty()) SuccessText(saved_message_);
}

}  // namespace nastavnik::ui
