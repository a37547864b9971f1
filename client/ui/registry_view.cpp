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
  s.none_label = ctx.tr("ui.common.none");
  s.search_hint = ctx.tr("ui.common.search");
  s.date_hint = ctx.tr("ui.common.date_hint");
  s.bad_date = ctx.tr("ui.common.bad_date");
  s.add_label = ctx.tr("ui.common.add");
  return s;
}

void RegistryView::DrawContent(FrameContext& ctx) {
  Hint(ctx.tr("ui.registry.hint"));
  if (ImGui::BeginTabBar("registry_tabs")) {
    if (ImGui::BeginTabItem(ctx.tr("ui.registry.tab_people").c_str())) {
      DrawPeople(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(ctx.tr("ui.registry.tab_pairs").c_str())) {
      DrawPairs(ctx);
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
}

void RegistryView::DrawRecordForm(FrameContext& ctx, const char* entity,
                                  const std::vector<std::string>& fields, widgets::RecordFormData* data,
                                  FormState* state, const std::string& record_id) {
  const EntitySchema* schema = DomainSchema::instance().entity(entity);
  if (!schema) return;
  if (record_id.empty())
    if (const nlohmann::json* draft = state->RestoreOnce(ctx.snap)) data->fields = *draft;
  if (state->Poll(ctx.snap) == FormState::Outcome::kSaved) {
    message_ = ctx.tr("ui.registry.saved");
    if (record_id.empty()) data->Clear();
    data->touched.clear();
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
    if (record_id.empty()) {
      state->Touch(ctx.now);
    }
  }
  if (record_id.empty()) state->MaybeSaveDraft(ctx, data->fields);
  const bool can_save = !state->pending() && (record_id.empty() || !data->touched.empty());
  if (Button(ctx.tr("ui.common.save"), can_save))
    state->Submit(ctx, command::SaveRecord{entity, record_id,
                                           record_id.empty() ? data->fields : data->TouchedFields(), ""});
  ImGui::SameLine();
  if (ImGui::Button(ctx.tr("ui.common.clear").c_str())) {
    data->Clear();
    if (record_id.empty())
      state->Discard(ctx);
    else
      pair_loaded_.clear();  // reload the record as stored
  }
  const std::string general = state->GeneralError(ctx.text, fields);
  if (!general.empty()) ErrorText(general);
  if (!message_.empty()) SuccessText(message_);
  ImGui::PopID();
}

void RegistryView::DrawPeople(FrameContext& ctx) {
  const auto& people = ctx.snap.people;
  const float half = ImGui::GetContentRegionAvail().x * 0.45f;
  ImGui::BeginChild("people_list", ImVec2(half, 0), false);
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##filter", ctx.tr("ui.common.search").c_str(), &people_filter_);
  if (ImGui::BeginTable("people", 1,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.field_label("person", "full_name").c_str());
    ImGui::TableHeadersRow();
    std::vector<int> shown;
    for (size_t i = 0; i < people.size(); ++i)
      if (people_filter_.empty() || people[i].name.find(people_filter_) != std::string::npos)
        shown.push_back(static_cast<int>(i));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step())
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        ImGui::PushID(r);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(people[static_cast<size_t>(shown[static_cast<size_t>(r)])].name.c_str());
        ImGui::PopID();
      }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("person_form", ImVec2(0, 0), true);
  SectionTitle(ctx, ctx.tr("ui.registry.new_person"));
  DrawRecordForm(ctx, "person", {"full_name", "school_id", "roles", "subject", "position"}, &person_form_,
                 &person_state_, "");
  ImGui::EndChild();
}

void RegistryView::DrawPairs(FrameContext& ctx) {
  const view::PairCard& card = ctx.snap.pair_card;
  const float half = ImGui::GetContentRegionAvail().x * 0.5f;
  ImGui::BeginChild("pair_edit", ImVec2(half, 0), true);
  ImGui::TextUnformatted(ctx.tr("ui.registry.pick_pair").c_str());
  std::string picked = card.pair.id;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (widgets::PairCombo("##pair", ctx.snap.pairs, &picked, nullptr) && picked != card.pair.id)
    ctx.out.post(command::SelectPair{picked});
  if (!card.pair.id.empty()) {
    if (pair_loaded_ != card.pair.id) {
      // Load the card's registry fields into the editor.
      pair_loaded_ = card.pair.id;
      pair_edit_.Clear();
      auto put = [&](const char* name, const std::string& v) {
        if (!v.empty()) pair_edit_.fields[name] = v;
      };
      pair_edit_.fields["problem_zones"] = card.problem_zones;
      pair_edit_.fields["topics"] = card.topics;
      put("model", card.model);
      put("direction", card.direction);
      put("agreement_number", card.agreement_number);
      put("agreement_date", card.agreement_date);
      put("period_start", card.period_start);
      put("period_end", card.period_end);
    }
    SectionTitle(ctx, widgets::PairLabel(card.pair));
    DrawRecordForm(ctx, "pair",
                   {"problem_zones", "topics", "model", "direction", "agreement_number", "agreement_date",
                    "period_start", "period_end"},
                   &pair_edit_, &pair_edit_state_, card.pair.id);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("pair_new", ImVec2(0, 0), true);
  SectionTitle(ctx, ctx.tr("ui.registry.new_pair"));
  DrawRecordForm(ctx, "pair",
                 {"low_school_id", "partner_school_id", "agreement_number", "agreement_date", "period_start",
                  "period_end", "model", "direction", "problem_zones"},
                 &pair_new_, &pair_new_state_, "");
  ImGui::EndChild();
}

void RegistryView::DrawAssignments(FrameContext& ctx) {
  const view::PairCard& card = ctx.snap.pair_card;
  const float half = ImGui::GetContentRegionAvail().x * 0.45f;
  ImGui::BeginChild("current", ImVec2(half, 0), true);
  std::string picked = card.pair.id;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (widgets::PairCombo("##pair", ctx.snap.pairs, &picked, nullptr) && picked != card.pair.id)
    ctx.out.post(command::SelectPair{picked});
  SectionTitle(ctx, ctx.tr("ui.pair.mentors"));
  for (size_t i = 0; i < card.mentors.size(); ++i) ImGui::BulletText("%s", card.mentors[i].name.c_str());
  SectionTitle(ctx, ctx.tr("ui.pair.mentees"));
  for (size_t i = 0; i < card.mentees.size(); ++i) ImGui::BulletText("%s", card.mentees[i].name.c_str());
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("assignment_form", ImVec2(0, 0), true);
  SectionTitle(ctx, ctx.tr("ui.registry.new_assignment"));
  if (assignment_form_.fields.empty() && !card.pair.id.empty())
    assignment_form_.fields["pair_id"] = card.pair.id;
  DrawRecordForm(ctx, "assignment", {"pair_id", "kind", "mentor_id", "mentee_ids", "mode", "start_date"},
                 &assignment_form_, &assignment_state_, "");
  ImGui::EndChild();
}

void RegistryView::DrawSchools(FrameContext& ctx) {
  const auto& heat = ctx.snap.municipality.heatmap;
  if (heat.school_ids.empty()) {
    Hint(ctx.tr("ui.registry.no_schools"));
    return;
  }
  if (!ImGui::BeginTable("schools", 2,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.field_label("school", "name").c_str(), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(ctx.tr("ui.registry.col_teachers").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < heat.school_ids.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(i < heat.school_names.size() ? heat.school_names[i].c_str()
                                                        : heat.school_ids[i].c_str());
    ImGui::TableSetColumnIndex(1);
    if (i < heat.teachers.size() && i < heat.assessed_teachers.size())
      ImGui::Text("%d / %d", heat.assessed_teachers[i], heat.teachers[i]);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace nastavnik::ui
