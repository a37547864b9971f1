#include "client/ui/registry_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/pickers.h"

namespace nastavnik::ui {

widgets::RecordFormSources RegistryView::Sources(const FrameContext& ctx) const {
  widgets::RecordFormSources s;
  s.people = &ctx.snap.people;
  s.pairs = &ctx.snap.pairs;
  for (const auto& school : KnownSchools(ctx.snap)) s.schools.push_back({school.id, school.name});
  for (const auto& m : ctx.snap.registry.municipalities) s.municipalities.push_back({m.id, m.name});
  s.none_label = ctx.tr("ui.common.none");
  s.search_hint = ctx.tr("ui.common.search");
  s.date_hint = ctx.tr("ui.common.date_hint");
  s.bad_date = ctx.tr("ui.common.bad_date");
  s.add_label = ctx.tr("ui.common.add");
  return s;
}

void RegistryView::DrawContent(FrameContext& ctx) {
  auto field_or = [&](const char* field, const char* fallback_key) {
    return [&ctx, field, fallback_key](const nlohmann::json& fields) {
      if (fields.contains(field) && fields[field].is_string()) return fields[field].get<std::string>();
      return ctx.tr(fallback_key);
    };
  };
  TakeEdit(ctx, &person_edit_, field_or("full_name", "entity.person"));
  TakeEdit(ctx, &school_edit_, field_or("name", "entity.school"));
  TakeEdit(ctx, &assignment_edit_, [&](const nlohmann::json&) { return ctx.tr("entity.assignment"); });
  TakeEdit(ctx, &pair_edit_, [&](const nlohmann::json&) {
    for (const auto& p : ctx.snap.registry.pairs)
      if (p.id == pair_edit_.editor.id()) return p.label;
    return ctx.tr("entity.pair");
  });
  Hint(ctx.tr("ui.registry.hint"));
  if (ImGui::BeginTabBar("registry_tabs")) {
    if (ImGui::BeginTabItem(ctx.tr("ui.registry.tab_pairs").c_str())) {
      DrawPairs(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(ctx.tr("ui.registry.tab_people").c_str())) {
      DrawPeople(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(ctx.tr("ui.registry.tab_assignments").c_str())) {
      DrawAssignments(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(ctx.tr("ui.registry.tab_schools").c_str())) {
      DrawSchools(ctx);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  for (Edit* e : {&person_edit_, &school_edit_, &assignment_edit_, &pair_edit_}) {
    ImGui::PushID(e);
    e->editor.DrawModals(ctx, e->title);
    ImGui::PopID();
  }
}

void RegistryView::TakeEdit(FrameContext& ctx, Edit* edit,
                            const std::function<std::string(const nlohmann::json&)>& title_of) {
  if (const nlohmann::json* draft = edit->editor.RestoreOnce(ctx.snap)) {
    edit->data.Clear();
    edit->data.fields = *draft;
    edit->title = title_of(*draft);
  }
  if (const nlohmann::json* opened = edit->editor.TakeOpened(ctx.snap)) {
    edit->data.Clear();
    edit->data.fields = *opened;
    edit->data.fields.erase(kCreatedByField);  // the author is not edited here
    edit->editor.Begin(edit->data.fields);
    edit->title = title_of(*opened);
    message_.clear();
  }
  if (edit->editor.PollDeleted(ctx)) message_ = ctx.text.format("ui.edit.deleted", {{"title", edit->title}});
}

void RegistryView::OpenRow(FrameContext& ctx, Edit* edit, const std::string& id) {
  edit->editor.RequestOpen(ctx, id, edit->editor.editing() && edit->editor.Dirty(edit->data.fields));
}

bool RegistryView::DrawEditForm(FrameContext& ctx, const char* entity, const std::vector<std::string>& fields,
                                Edit* edit) {
  RecordEditor& editor = edit->editor;
  if (!editor.editing()) return false;
  const EntitySchema* schema = DomainSchema::instance().entity(entity);
  if (!schema) return false;
  FormState& state = editor.state();
  if (const auto outcome = state.Poll(ctx.snap); outcome == FormState::Outcome::kSaved) {
    message_ = ctx.tr("ui.registry.saved");
    editor.Begin(edit->data.fields);  // what is stored now
  } else if (outcome == FormState::Outcome::kFailed) {
    message_.clear();
  }
  ImGui::PushID("edit");
  ImGui::PushID(entity);
  SectionTitle(ctx, ctx.text.format("ui.registry.editing", {{"title", edit->title}}));
  const bool dirty = editor.Dirty(edit->data.fields);
  if (ImGui::Button(ctx.tr("ui.registry.new_button").c_str())) editor.RequestClose(ctx, dirty);
  ImGui::SameLine();
  if (Button(ctx.tr("ui.edit.delete"), !editor.deleting() && !state.pending())) editor.RequestDelete();
  const std::string delete_error = editor.DeleteError(ctx.text);
  if (!delete_error.empty()) ErrorText(delete_error);
  bool changed = false;
  if (widgets::BeginForm("record", ImGui::GetFontSize() * 11.0f)) {
    changed = widgets::RecordFormFields(ctx.text, *schema, fields, &edit->data, Sources(ctx),
                                        [&](const std::string& f) { return state.ErrorFor(f, ctx.text); });
    widgets::EndForm();
  }
  if (changed) {
    message_.clear();
    for (const auto& f : edit->data.touched) state.ClearError(f);
    editor.Touch(ctx.now);
  }
  editor.MaybeSaveDraft(ctx, edit->data.fields);
  if (Button(ctx.tr("ui.edit.save_changes"), !state.pending() && dirty)) editor.Save(ctx, entity, edit->data.fields);
  ImGui::SameLine();
  if (Button(ctx.tr("ui.edit.revert"), dirty && !state.pending())) {
    const std::string id = editor.id();
    editor.Close(ctx);
    editor.RequestOpen(ctx, id, false);
  }
  const std::string general = state.GeneralError(ctx.text, fields);
  if (!general.empty()) ErrorText(general);
  if (!message_.empty()) SuccessText(message_);
  ImGui::PopID();
  ImGui::PopID();
  return true;
}

void RegistryView::DrawNewRecordForm(FrameContext& ctx, const char* entity, const std::vector<std::string>& fields,
                                     widgets::RecordFormData* data, FormState* state) {
  const EntitySchema* schema = DomainSchema::instance().entity(entity);
  if (!schema) return;
  if (const nlohmann::json* draft = state->RestoreOnce(ctx.snap)) data->fields = *draft;
  if (state->Poll(ctx.snap) == FormState::Outcome::kSaved) {
    message_ = ctx.tr("ui.registry.saved");
    data->Clear();
  }
  ImGui::PushID(entity);
  bool changed = false;
  if (widgets::BeginForm("record", ImGui::GetFontSize() * 11.0f)) {
    changed = widgets::RecordFormFields(ctx.text, *schema, fields, data, Sources(ctx),
                                        [&](const std::string& f) { return state->ErrorFor(f, ctx.text); });
    widgets::EndForm();
  }
  if (changed) {
    message_.clear();
    for (const auto& f : data->touched) state->ClearError(f);
    state->Touch(ctx.now);
  }
  state->MaybeSaveDraft(ctx, data->fields);
  if (Button(ctx.tr("ui.common.save"), !state->pending()))
    state->Submit(ctx, command::SaveRecord{entity, "", data->fields, ""});
  ImGui::SameLine();
  if (ImGui::Button(ctx.tr("ui.common.clear").c_str())) {
    data->Clear();
    state->Discard(ctx);
  }
  const std::string general = state->GeneralError(ctx.text, fields);
  if (!general.empty()) ErrorText(general);
  if (!message_.empty()) SuccessText(message_);
  ImGui::PopID();
}

void RegistryView::DrawPeople(FrameContext& ctx) {
  const auto& people = ctx.snap.registry.people;
  const float half = ImGui::GetContentRegionAvail().x * 0.55f;
  ImGui::BeginChild("people_list", ImVec2(half, 0), false);
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##filter", ctx.tr("ui.common.search").c_str(), &people_filter_);
  if (ImGui::BeginTable("people", 3,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter |
                            ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                            ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.field_label("person", "full_name").c_str(), ImGuiTableColumnFlags_WidthStretch,
                            2.0f);
    ImGui::TableSetupColumn(ctx.field_label("person", "roles").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(ctx.field_label("person", "school_id").c_str(), ImGuiTableColumnFlags_WidthStretch,
                            2.0f);
    ImGui::TableHeadersRow();
    std::vector<int> shown;
    for (size_t i = 0; i < people.size(); ++i)
      if (people_filter_.empty() || people[i].name.find(people_filter_) != std::string::npos ||
          people[i].school_name.find(people_filter_) != std::string::npos)
        shown.push_back(static_cast<int>(i));
    const std::string& open_id = person_edit_.editor.id();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step())
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const view::PersonRow& p = people[static_cast<size_t>(shown[static_cast<size_t>(r)])];
        ImGui::PushID(r);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        if (ImGui::Selectable(p.name.c_str(), p.id == open_id, ImGuiSelectableFlags_SpanAllColumns))
          OpenRow(ctx, &person_edit_, p.id);
        if (ImGui::IsItemHovered() && (!p.position.empty() || !p.subject.empty()))
          ImGui::SetTooltip("%s\n%s", p.position.c_str(), p.subject.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(RolesLabel(ctx.text, p.roles).c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(p.school_name.empty() ? "—" : p.school_name.c_str());
        ImGui::PopID();
      }
    if (shown.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextDisabled("%s", ctx.tr("ui.registry.no_people").c_str());
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("person_form", ImVec2(0, 0), true);
  const std::vector<std::string> fields = {"full_name", "school_id", "roles", "subject", "position"};
  if (!DrawEditForm(ctx, "person", fields, &person_edit_)) {
    person_edit_.editor.DrawNewRecordHeading(ctx, ctx.tr("ui.registry.new_person"));
    DrawNewRecordForm(ctx, "person", fields, &person_form_, &person_state_);
  }
  ImGui::EndChild();
}

void RegistryView::DrawPairs(FrameContext& ctx) {
  const auto& pairs = ctx.snap.registry.pairs;
  const char* E = "pair";
  const float half = ImGui::GetContentRegionAvail().x * 0.55f;
  ImGui::BeginChild("pairs_list", ImVec2(half, 0), false);
  if (pairs.empty()) Hint(ctx.tr("ui.registry.no_pairs"));
  if (!pairs.empty() && ImGui::BeginTable("pairs", 4,
                                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                              ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollY |
                                              ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_pair").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn(ctx.field_label(E, "problem_zones").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.8f);
    ImGui::TableSetupColumn(ctx.field_label(E, "agreement_number").c_str(), ImGuiTableColumnFlags_WidthStretch,
                            1.5f);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_assignments").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    const std::string& open_id = pair_edit_.editor.id();
    for (size_t i = 0; i < pairs.size(); ++i) {
      const view::PairRow& p = pairs[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      // School names are long: the row's click target is its first line, the names wrap below.
      const ImVec2 top = ImGui::GetCursorPos();
      if (ImGui::Selectable("##open", p.id == open_id,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
        OpenRow(ctx, &pair_edit_, p.id);
      if (ImGui::IsItemHovered() && !p.model.empty())
        ImGui::SetTooltip("%s\n%s", ctx.enum_label("pair_model", p.model).c_str(),
                          ctx.enum_label("pair_direction", p.direction).c_str());
      ImGui::SetCursorPos(top);
      ImGui::TextWrapped("%s", p.low_school_name.c_str());
      ImGui::TextWrapped("→ %s", p.partner_school_name.c_str());
      ImGui::TableSetColumnIndex(1);
      if (p.problem_zones.empty()) ImGui::TextDisabled("—");
      for (const auto& zone : p.problem_zones) ImGui::TextWrapped("• %s", zone.c_str());
      ImGui::TableSetColumnIndex(2);
      std::string agreement = p.agreement_number;
      if (!p.agreement_date.empty()) agreement += (agreement.empty() ? "" : "\n") + p.agreement_date;
      ImGui::TextUnformatted(agreement.empty() ? "—" : agreement.c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::Text("%d", p.assignments);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("pair_form", ImVec2(0, 0), true);
  const std::vector<std::string> edit_fields = {"low_school_id", "partner_school_id", "problem_zones", "topics",
                                                "model", "direction", "agreement_number", "agreement_date",
                                                "period_start", "period_end"};
  if (!DrawEditForm(ctx, E, edit_fields, &pair_edit_)) {
    pair_edit_.editor.DrawNewRecordHeading(ctx, ctx.tr("ui.registry.new_pair"));
    DrawNewRecordForm(ctx, E,
                      {"low_school_id", "partner_school_id", "agreement_number", "agreement_date", "period_start",
                       "period_end", "model", "direction", "problem_zones"},
                      &pair_new_, &pair_new_state_);
  }
  ImGui::EndChild();
}

void RegistryView::DrawAssignments(FrameContext& ctx) {
  const view::PairCard& card = ctx.snap.pair_card;
  const auto& rows = ctx.snap.registry.assignments;
  const char* E = "assignment";
  const float half = ImGui::GetContentRegionAvail().x * 0.55f;
  ImGui::BeginChild("assignments_list", ImVec2(half, 0), false);
  if (ImGui::BeginTable("assignments", 5,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter |
                            ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                            ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.field_label(E, "pair_id").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(ctx.field_label(E, "kind").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(ctx.field_label(E, "mentor_id").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(ctx.field_label(E, "mentee_ids").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(ctx.field_label(E, "start_date").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    const std::string& open_id = assignment_edit_.editor.id();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step())
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const view::AssignmentRow& a = rows[static_cast<size_t>(r)];
        ImGui::PushID(r);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        if (ImGui::Selectable(a.pair_label.c_str(), a.id == open_id, ImGuiSelectableFlags_SpanAllColumns))
          OpenRow(ctx, &assignment_edit_, a.id);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(ctx.enum_label("assignment_kind", a.kind).c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(a.mentor_name.c_str());
        ImGui::TableSetColumnIndex(3);
        std::string mentees;
        for (const auto& m : a.mentee_names) mentees += (mentees.empty() ? "" : ", ") + m;
        ImGui::TextUnformatted(mentees.empty() ? "—" : mentees.c_str());
        if (ImGui::IsItemHovered() && !mentees.empty()) ImGui::SetTooltip("%s", mentees.c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::TextUnformatted(a.start_date.empty() ? "—" : a.start_date.c_str());
        ImGui::PopID();
      }
    if (rows.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextDisabled("%s", ctx.tr("ui.registry.no_assignments").c_str());
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("assignment_form", ImVec2(0, 0), true);
  const std::vector<std::string> fields = {"pair_id", "kind", "mentor_id", "mentee_ids", "mode", "start_date"};
  if (!DrawEditForm(ctx, E, fields, &assignment_edit_)) {
    assignment_edit_.editor.DrawNewRecordHeading(ctx, ctx.tr("ui.registry.new_assignment"));
    if (assignment_form_.fields.empty() && !card.pair.id.empty())
      assignment_form_.fields["pair_id"] = card.pair.id;
    DrawNewRecordForm(ctx, E, fields, &assignment_form_, &assignment_state_);
  }
  ImGui::EndChild();
}

void RegistryView::DrawSchools(FrameContext& ctx) {
  const auto& schools = ctx.snap.registry.schools;
  const auto& heat = ctx.snap.municipality.heatmap;
  const char* E = "school";
  const float half = ImGui::GetContentRegionAvail().x * 0.6f;
  ImGui::BeginChild("schools_list", ImVec2(half, 0), false);
  Hint(ctx.tr("ui.registry.flags_legend"));
  if (schools.empty()) Hint(ctx.tr("ui.registry.no_schools"));
  if (!schools.empty() && ImGui::BeginTable("schools", 7,
                                            ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                                ImGuiTableFlags_BordersV | ImGuiTableFlags_ScrollY |
                                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.field_label(E, "name").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(ctx.field_label(E, "municipality_id").c_str(), ImGuiTableColumnFlags_WidthStretch,
                            1.3f);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_flags").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_ior").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_social").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_people").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_teachers").c_str(), ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    const std::string& open_id = school_edit_.editor.id();
    for (size_t i = 0; i < schools.size(); ++i) {
      const view::SchoolRow& s = schools[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (ImGui::Selectable(s.name.c_str(), s.id == open_id, ImGuiSelectableFlags_SpanAllColumns))
        OpenRow(ctx, &school_edit_, s.id);
      if (ImGui::IsItemHovered() && (!s.short_name.empty() || !s.address.empty()))
        ImGui::SetTooltip("%s\n%s", s.short_name.c_str(), s.address.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(s.municipality_name.empty() ? "—" : s.municipality_name.c_str());
      ImGui::TableSetColumnIndex(2);
      std::string flags;
      auto add = [&](bool on, const char* key) {
        if (on) flags += (flags.empty() ? "" : ", ") + ctx.tr(key);
      };
      add(s.low_results, "ui.registry.flag_low_results");
      add(s.difficult_social, "ui.registry.flag_difficult_social");
      add(s.leader, "ui.registry.flag_leader");
      add(s.resource_center, "ui.registry.flag_resource_center");
      ImGui::TextUnformatted(flags.empty() ? "—" : flags.c_str());
      ImGui::TableSetColumnIndex(3);
      if (s.ior && s.ior_quartile > 0)
        ImGui::Text("%.2f (%d)", *s.ior, s.ior_quartile);
      else if (s.ior)
        ImGui::Text("%.2f", *s.ior);
      else
        ImGui::TextDisabled("—");
      ImGui::TableSetColumnIndex(4);
      if (s.social_index)
        ImGui::Text("%.2f", *s.social_index);
      else
        ImGui::TextDisabled("—");
      ImGui::TableSetColumnIndex(5);
      ImGui::Text("%d", s.people);
      ImGui::TableSetColumnIndex(6);
      for (size_t h = 0; h < heat.school_ids.size(); ++h)
        if (heat.school_ids[h] == s.id && h < heat.teachers.size() && h < heat.assessed_teachers.size())
          ImGui::Text("%d / %d", heat.assessed_teachers[h], heat.teachers[h]);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("school_form", ImVec2(0, 0), true);
  const std::vector<std::string> fields = {"name",         "short_name", "municipality_id", "low_results",
                                           "difficult_social", "leader", "resource_center", "ior",
                                           "ior_quartile", "social_index", "address"};
  if (!DrawEditForm(ctx, E, fields, &school_edit_)) {
    school_edit_.editor.DrawNewRecordHeading(ctx, ctx.tr("ui.registry.new_school"));
    if (school_form_.fields.empty() && ctx.snap.registry.municipalities.size() == 1)
      school_form_.fields["municipality_id"] = ctx.snap.registry.municipalities.front().id;
    DrawNewRecordForm(ctx, E, fields, &school_form_, &school_state_);
  }
  ImGui::EndChild();
}

}  // namespace nastavnik::ui
