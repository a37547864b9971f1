#include "client/ui/visits_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/bar_chart.h"
#include "client/ui/widgets/date_input.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/pickers.h"

namespace nastavnik::ui {

// --- VisitForm

nlohmann::json VisitForm::ToFields(const Instrument* protocol) const {
  nlohmann::json f = nlohmann::json::object();
  auto text = [&f](const char* name, const std::string& v) {
    if (!v.empty()) f[name] = v;
  };
  text("date", date);
  text("visitor_id", visitor_id);
  text("teacher_id", teacher_id);
  text("host_school_id", host_school_id);
  text("pair_id", pair_id);
  text("subject", subject);
  text("purpose", purpose);
  text("strengths", strengths);
  text("recommendations", recommendations);
  text("follow_up_date", follow_up_date);
  if (has_grade) f["grade"] = grade;
  if (!scores.empty()) {
    nlohmann::json s = nlohmann::json::object();
    for (const auto& [item, score] : scores) s[item] = score;
    f["scores"] = s;
    if (protocol) {
      f["protocol_id"] = protocol->id;
      f["protocol_version"] = protocol->version;
    }
  }
  return f;
}

void VisitForm::FromFields(const nlohmann::json& f) {
  auto text = [&f](const char* name, std::string* v) {
    if (f.contains(name) && f[name].is_string()) *v = f[name].get<std::string>();
  };
  text("date", &date);
  text("visitor_id", &visitor_id);
  text("teacher_id", &teacher_id);
  text("host_school_id", &host_school_id);
  text("pair_id", &pair_id);
  text("subject", &subject);
  text("purpose", &purpose);
  text("strengths", &strengths);
  text("recommendations", &recommendations);
  text("follow_up_date", &follow_up_date);
  has_grade = f.contains("grade") && f["grade"].is_number_integer();
  if (has_grade) grade = f["grade"].get<int>();
  scores.clear();
  if (f.contains("scores") && f["scores"].is_object())
    for (const auto& [item, score] : f["scores"].items())
      if (score.is_number_integer()) scores[item] = score.get<int>();
}

// --- VisitsView

void VisitsView::ResetForm(const FrameContext& ctx) {
  form_ = VisitForm{};
  form_.date = ctx.app.today;
  form_.visitor_id = ctx.snap.home.me.id;
}

void VisitsView::DrawContent(FrameContext& ctx) {
  if (!form_initialised_ && ctx.snap.version > 0) {
    form_initialised_ = true;
    ResetForm(ctx);
  }
  if (const nlohmann::json* draft = state_.RestoreOnce(ctx.snap)) form_.FromFields(*draft);
  const Instrument* protocol = ctx.instruments ? ctx.instruments->latest(kObservationProtocol) : nullptr;
  if (const nlohmann::json* draft = editor_.RestoreOnce(ctx.snap)) {
    edit_form_.FromFields(*draft);
    selected_id_ = editor_.id();
  }
  if (const nlohmann::json* opened = editor_.TakeOpened(ctx.snap)) {
    edit_form_ = VisitForm{};
    edit_form_.FromFields(*opened);
    editor_.Begin(edit_form_.ToFields(protocol));
    saved_message_.clear();
  }
  if (editor_.PollDeleted(ctx)) {
    saved_message_ = ctx.text.format("ui.edit.deleted", {{"title", edit_form_.subject}});
    selected_id_.clear();
  }

  const float form_w = std::max(420.0f, ImGui::GetContentRegionAvail().x * 0.50f);
  const float list_w = ImGui::GetContentRegionAvail().x - form_w - ImGui::GetStyle().ItemSpacing.x;
  ImGui::BeginChild("list", ImVec2(list_w, 0), false);
  DrawList(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("form", ImVec2(0, 0), true);
  DrawForm(ctx);
  ImGui::EndChild();
  editor_.DrawModals(ctx, edit_form_.subject);
}

void VisitsView::DrawList(FrameContext& ctx) {
  const auto& visits = ctx.snap.visits;
  const Instrument* protocol = ctx.instruments ? ctx.instruments->latest(kObservationProtocol) : nullptr;
  ImGui::TextUnformatted(
      ctx.text.format("ui.visits.count", {{"count", std::to_string(visits.size())}}).c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton(ctx.tr("ui.common.export_csv").c_str()))
    ctx.out.request(request::ExportCsv{ExportTable::kVisits, ctx.app.export_dir});

  const float details_h = selected_id_.empty() ? 0.0f : ImGui::GetTextLineHeightWithSpacing() * 6.0f;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("visits", 4, kFlags, ImVec2(0, -details_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr("ui.common.date").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(ctx.tr("ui.visits.col_lesson").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(ctx.tr("ui.visits.col_teacher").c_str(), ImGuiTableColumnFlags_WidthStretch,
                            1.5f);
    ImGui::TableSetupColumn(ctx.tr("ui.visits.col_mean").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visits.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const view::VisitRow& v = visits[static_cast<size_t>(i)];
        ImGui::PushID(i);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        const bool selected = v.id == (editor_.editing() ? editor_.id() : selected_id_);
        if (ImGui::Selectable(v.date.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
          selected_id_ = v.id;
          editor_.RequestOpen(ctx, v.id, editor_.editing() && editor_.Dirty(edit_form_.ToFields(protocol)));
        }
        ImGui::TableSetColumnIndex(1);
        if (v.grade > 0)
          ImGui::Text("%s, %d %s", v.subject.c_str(), v.grade, ctx.tr("ui.visits.grade_suffix").c_str());
        else
          ImGui::TextUnformatted(v.subject.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", v.host_school.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(v.teacher_name.c_str());
        ImGui::TableSetColumnIndex(3);
        if (v.mean_score > 0)
          ImGui::Text("%.2f", v.mean_score);
        else
          ImGui::TextDisabled("—");
        ImGui::PopID();
      }
    }
    if (visits.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(1);
      ImGui::TextDisabled("%s", ctx.tr("ui.visits.empty").c_str());
    }
    ImGui::EndTable();
  }
  // Details of the selected visit.
  for (const auto& v : visits) {
    if (v.id != selected_id_) continue;
    ImGui::Separator();
    ImGui::Text("%s: %s", ctx.field_label("lesson_visit", "host_school_id").c_str(), v.host_school.c_str());
    ImGui::Text("%s: %s", ctx.field_label("lesson_visit", "visitor_id").c_str(), v.visitor_name.c_str());
    ImGui::Text("%s: %s", ctx.field_label("lesson_visit", "teacher_id").c_str(), v.teacher_name.c_str());
    ImGui::Text("%s: %s", ctx.field_label("lesson_visit", "follow_up_date").c_str(),
                v.follow_up_date.empty() ? "—" : v.follow_up_date.c_str());
  }
}

bool VisitsView::DrawProtocol(FrameContext& ctx, const Instrument& protocol, VisitForm& form) {
  bool changed = false;
  const std::string& lang = ctx.app.lang;
  // The scale legend: "0 — не проявлено · 1 — частично · 2 — …".
  std::string legend;
  const nlohmann::json labels = protocol.scale_labels.contains(lang)
                                    ? protocol.scale_labels[lang]
                                    : protocol.scale_labels.value("ru", nlohmann::json());
  for (int s = protocol.scale_min; s <= protocol.scale_max; ++s) {
    if (!legend.empty()) legend += "  ·  ";
    legend += std::to_string(s);
    const size_t idx = static_cast<size_t>(s - protocol.scale_min);
    if (labels.is_array() && idx < labels.size() && labels[idx].is_string())
      legend += " — " + labels[idx].get<std::string>();
  }
  Hint(legend);

  // Area means of what is scored so far.
  nlohmann::json answers = nlohmann::json::object();
  for (const auto& [item, score] : form.scores) answers[item] = score;
  const std::vector<AreaScore> area_scores = protocol.score(answers);

  for (size_t a = 0; a < protocol.areas.size(); ++a) {
    const InstrumentArea& area = protocol.areas[a];
    ImGui::PushID(area.id.c_str());
    std::string header = Localised(area.title, lang);
    if (a < area_scores.size() && area_scores[a].answered > 0) {
      char mean[32];
      std::snprintf(mean, sizeof mean, "  (%.1f)", area_scores[a].mean);
      header += mean;
    }
    header += "###area";
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (ImGui::CollapsingHeader(header.c_str())) {
      for (const auto& item : protocol.items) {
        if (item.area != area.id) continue;
        ImGui::PushID(item.id.c_str());
        auto it = form.scores.find(item.id);
        const int current = it == form.scores.end() ? -1 : it->second;
        for (int s = protocol.scale_min; s <= protocol.scale_max; ++s) {
          ImGui::PushID(s);
          if (ImGui::RadioButton(std::to_string(s).c_str(), current == s)) {
            form.scores[item.id] = s;
            changed = true;
          }
          ImGui::PopID();
          ImGui::SameLine();
        }
        if (ImGui::SmallButton("×") && current >= 0) {
          form.scores.erase(item.id);
          changed = true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("ui.visits.clear_score").c_str());
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(Localised(item.text, lang).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopID();
      }
    }
    ImGui::PopID();
  }
  // Overview: the area means as bars against the protocol's threshold.
  std::vector<widgets::Bar> bars;
  for (size_t a = 0; a < protocol.areas.size() && a < area_scores.size(); ++a)
    bars.push_back({Localised(protocol.areas[a].title, lang), area_scores[a].mean, area_scores[a].deficit,
                    area_scores[a].answered == 0});
  if (!form.scores.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", ctx.tr("ui.visits.protocol_summary").c_str());
    widgets::BarChart("protocol_bars", bars,
                      {static_cast<double>(protocol.scale_min), static_cast<double>(protocol.scale_max),
                       protocol.threshold, 0, "%.1f"});
  }
  return changed;
}

void VisitsView::DrawEditBar(FrameContext& ctx) {
  SectionTitle(ctx, ctx.text.format("ui.visits.editing", {{"date", edit_form_.date}}));
  const Instrument* protocol = ctx.instruments ? ctx.instruments->latest(kObservationProtocol) : nullptr;
  if (ImGui::Button(ctx.tr("ui.visits.new_button").c_str()) &&
      editor_.RequestClose(ctx, editor_.Dirty(edit_form_.ToFields(protocol)))) {
    selected_id_.clear();
    saved_message_.clear();
  }
  ImGui::SameLine();
  if (Button(ctx.tr("ui.edit.delete"), !editor_.deleting() && !editor_.state().pending())) editor_.RequestDelete();
  const std::string delete_error = editor_.DeleteError(ctx.text);
  if (!delete_error.empty()) ErrorText(delete_error);
}

void VisitsView::DrawForm(FrameContext& ctx) {
  const Instrument* protocol = ctx.instruments ? ctx.instruments->latest(kObservationProtocol) : nullptr;
  if (const auto outcome = state_.Poll(ctx.snap); outcome == FormState::Outcome::kSaved) {
    saved_message_ = ctx.text.format("ui.visits.saved", {{"subject", form_.subject}});
    ResetForm(ctx);
  } else if (outcome == FormState::Outcome::kFailed) {
    saved_message_.clear();
  }
  if (const auto outcome = editor_.state().Poll(ctx.snap); outcome == FormState::Outcome::kSaved) {
    saved_message_ = ctx.text.format("ui.visits.saved", {{"subject", edit_form_.subject}});
    editor_.Begin(edit_form_.ToFields(protocol));  // what is stored now
  } else if (outcome == FormState::Outcome::kFailed) {
    saved_message_.clear();
  }
  const bool editing = editor_.editing();
  VisitForm& form = editing ? edit_form_ : form_;
  FormState& state = editing ? editor_.state() : state_;
  if (editing) {
    DrawEditBar(ctx);
  } else {
    editor_.DrawNewRecordHeading(ctx, ctx.tr("ui.visits.new"));
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
  const char* E = "lesson_visit";

  if (widgets::BeginForm("visit_form", ImGui::GetFontSize() * 9.5f)) {
    widgets::FormRow(ctx.field_label(E, "date").c_str(), true);
    touched(widgets::DateInput("##date", &form.date, date_hint.c_str(), bad_date.c_str()), "date");
    error("date");

    widgets::FormRow(ctx.field_label(E, "visitor_id").c_str(), true);
    touched(widgets::PersonCombo("##visitor", ctx.snap.people, &form.visitor_id, nullptr, &visitor_search_,
                                 search.c_str()),
            "visitor_id");
    error("visitor_id");

    widgets::FormRow(ctx.field_label(E, "teacher_id").c_str());
    touched(widgets::PersonCombo("##teacher", ctx.snap.people, &form.teacher_id, none.c_str(),
                                 &teacher_search_, search.c_str()),
            "teacher_id");
    error("teacher_id");

    widgets::FormRow(ctx.field_label(E, "host_school_id").c_str(), true);
    std::vector<widgets::Choice> schools;
    for (const auto& s : KnownSchools(ctx.snap)) schools.push_back({s.id, s.name});
    touched(widgets::ChoiceCombo("##school", schools, &form.host_school_id, none.c_str()), "host_school_id");
    error("host_school_id");

    widgets::FormRow(ctx.field_label(E, "pair_id").c_str());
    touched(widgets::PairCombo("##pair", ctx.snap.pairs, &form.pair_id, none.c_str()), "pair_id");
    error("pair_id");

    widgets::FormRow(ctx.field_label(E, "subject").c_str(), true);
    touched(widgets::TextField("##subject", &form.subject), "subject");
    error("subject");

    widgets::FormRow(ctx.field_label(E, "grade").c_str());
    touched(widgets::OptionalIntField("##grade", &form.grade, &form.has_grade, 1, 11), "grade");
    error("grade");

    widgets::FormRow(ctx.field_label(E, "purpose").c_str());
    touched(widgets::TextArea("##purpose", &form.purpose, 2), "purpose");
    error("purpose");
    widgets::EndForm();
  }

  if (protocol) {
    SectionTitle(ctx, Localised(protocol->title, ctx.app.lang));
    touched(DrawProtocol(ctx, *protocol, form), "scores");
    error("scores");
  } else {
    ErrorText(ctx.tr("ui.visits.no_protocol"));
  }

  ImGui::Spacing();
  if (widgets::BeginForm("visit_form_end", ImGui::GetFontSize() * 9.5f)) {
    widgets::FormRow(ctx.field_label(E, "strengths").c_str());
    touched(widgets::TextArea("##strengths", &form.strengths, 3), "strengths");
    error("strengths");
    widgets::FormRow(ctx.field_label(E, "recommendations").c_str());
    touched(widgets::TextArea("##recommendations", &form.recommendations, 3), "recommendations");
    error("recommendations");
    widgets::FormRow(ctx.field_label(E, "follow_up_date").c_str());
    touched(widgets::DateInput("##follow", &form.follow_up_date, date_hint.c_str(), bad_date.c_str()),
            "follow_up_date");
    error("follow_up_date");
    widgets::EndForm();
  }
  if (changed) {
    saved_message_.clear();
    state.Touch(ctx.now);
  }
  if (editing)
    editor_.MaybeSaveDraft(ctx, form.ToFields(protocol));
  else
    state.MaybeSaveDraft(ctx, form.ToFields(protocol));

  ImGui::Spacing();
  const bool dates_ok = widgets::DateOk(form.date) && widgets::DateOk(form.follow_up_date);
  // An edit with nothing changed has nothing to save.
  const bool can_save = !state.pending() && dates_ok && (!editing || editor_.Dirty(form.ToFields(protocol)));
  if (Button(ctx.tr(editing ? "ui.edit.save_changes" : "ui.common.save"), can_save)) {
    if (editing)
      editor_.Save(ctx, E, form.ToFields(protocol));
    else
      state.Submit(ctx, command::SaveRecord{E, "", form.ToFields(protocol), ""});
  }
  ImGui::SameLine();
  if (editing) {
    // Back to the record as stored: the edit's changes and its draft are dropped.
    if (Button(ctx.tr("ui.edit.revert"), editor_.Dirty(form.ToFields(protocol)) && !state.pending())) {
      const std::string id = editor_.id();
      editor_.Close(ctx);
      editor_.RequestOpen(ctx, id, false);
    }
  } else if (ImGui::Button(ctx.tr("ui.common.clear").c_str())) {
    ResetForm(ctx);
    state.Discard(ctx);
  }
  if (state.pending()) ImGui::TextDisabled("%s", ctx.tr("ui.common.saving").c_str());
  const std::string general = state.GeneralError(
      ctx.text, {"date", "visitor_id", "teacher_id", "host_school_id", "pair_id", "subject", "grade",
                 "purpose", "scores", "strengths", "recommendations", "follow_up_date"});
  if (!general.empty()) ErrorText(general);
  if (!saved_message_.empty()) SuccessText(saved_message_);
}

}  // namespace nastavnik::ui
