#include "client/ui/registry_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/pickers.h"
#include "client/ui/widgets/table_headers.h"
#include "client/ui/widgets/text_fit.h"

namespace nastavnik::ui {
namespace {

constexpr ImGuiTableFlags kListFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter |
                                       ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                       ImGuiTableFlags_SizingStretchProp;

RecordFormSpec Spec(const char* entity, const char* key, std::vector<FormFieldSpec> fields, const char* new_title) {
  RecordFormSpec spec;
  spec.entity = entity;
  spec.draft_key = std::string("form.registry.") + key;
  spec.fields = std::move(fields);
  spec.new_title_key = new_title;
  spec.edit_title_key = "ui.registry.editing";
  spec.saved_key = "ui.registry.saved";
  spec.new_button_key = "ui.registry.new_button";
  spec.label_em = 10.0f;
  return spec;
}

RecordFormSpec PersonSpec() {
  return Spec("person", "person", {{"full_name"}, {"school_id"}, {"roles"}, {"subject"}, {"position"}},
              "ui.registry.new_person");
}

RecordFormSpec PairSpec() {
  RecordFormSpec spec = Spec("pair", "pair",
                             {{"low_school_id"},
                              {"partner_school_id"},
                              {"problem_zones"},
                              {"topics"},
                              {"model"},
                              {"direction"},
                              {"agreement_number"},
                              {"agreement_date"},
                              {"period_start"},
                              {"period_end"}},
                             "ui.registry.new_pair");
  spec.title = [](const FrameContext& ctx, const nlohmann::json& f) {
    std::string low, partner;
    for (const auto& s : KnownSchools(ctx.snap)) {
      if (s.id == f.value("low_school_id", "")) low = s.name;
      if (s.id == f.value("partner_school_id", "")) partner = s.name;
    }
    return low.empty() ? ctx.tr("entity.pair") : low + " — " + partner;
  };
  return spec;
}

RecordFormSpec AssignmentSpec() {
  RecordFormSpec spec = Spec("assignment", "assignment",
                             {{"pair_id"}, {"kind"}, {"mentor_id"}, {"mentee_ids"}, {"mode", widgets::FieldLook::kRadio},
                              {"start_date"}},
                             "ui.registry.new_assignment");
  spec.defaults = [](const FrameContext& ctx) {
    nlohmann::json f = nlohmann::json::object();
    if (!ctx.snap.pair_card.pair.id.empty()) f["pair_id"] = ctx.snap.pair_card.pair.id;
    return f;
  };
  spec.title = [](const FrameContext& ctx, const nlohmann::json& f) {
    return ctx.tr("entity.assignment") + ": " + ShownName(ctx.text, widgets::PersonName(ctx.snap.people, f.value("mentor_id", ""), ""));
  };
  return spec;
}

RecordFormSpec SchoolSpec() {
  RecordFormSpec spec = Spec("school", "school",
                             {{"name"}, {"short_name"}, {"municipality_id"}, {"low_results"}, {"difficult_social"},
                              {"leader"}, {"resource_center"}, {"ior"}, {"ior_quartile"}, {"social_index"}, {"address"}},
                             "ui.registry.new_school");
  spec.defaults = [](const FrameContext& ctx) {
    nlohmann::json f = nlohmann::json::object();
    if (ctx.snap.registry.municipalities.size() == 1) f["municipality_id"] = ctx.snap.registry.municipalities.front().id;
    return f;
  };
  return spec;
}

// A cell of a clipped table: one line, cut at the column's edge, the whole text on hover.
void CellText(const std::string& text) {
  ImGui::TextUnformatted(text.c_str());
  if (ImGui::IsItemHovered() && ImGui::GetItemRectSize().x > ImGui::GetColumnWidth()) WrappedTooltip(text);
}

}  // namespace

RegistryView::RegistryView()
    : View("registry", "ui.registry.title"),
      person_form_(PersonSpec()),
      pair_form_(PairSpec()),
      assignment_form_(AssignmentSpec()),
      school_form_(SchoolSpec()) {}

void RegistryView::DrawContent(FrameContext& ctx) {
  Hint(ctx.tr(person_form_.MayCreate(ctx) ? "ui.registry.hint" : "ui.registry.read_only_hint"));
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
  for (RecordForm* form : {&person_form_, &pair_form_, &assignment_form_, &school_form_}) form->DrawModals(ctx);
}

void RegistryView::WithForm(FrameContext& ctx, const char* id, RecordForm& form, float form_share,
                            const std::function<void()>& list) {
  ImGui::PushID(id);
  form.DrawBesideList(ctx, form_share, 24.0f, list);
  ImGui::PopID();
}

void RegistryView::DrawPeople(FrameContext& ctx) {
  WithForm(ctx, "people", person_form_, 0.42f, [&] {
    const auto& people = ctx.snap.registry.people;
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##filter", ctx.tr("ui.common.search").c_str(), &people_filter_);
    if (!ImGui::BeginTable("people", 3, kListFlags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.field_label("person", "full_name").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(ctx.field_label("person", "roles").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(ctx.field_label("person", "school_id").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    widgets::HeadersRow();
    std::vector<int> shown;
    for (size_t i = 0; i < people.size(); ++i)
      if (people_filter_.empty() || people[i].name.find(people_filter_) != std::string::npos ||
          people[i].school_name.find(people_filter_) != std::string::npos)
        shown.push_back(static_cast<int>(i));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step())
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const view::PersonRow& p = people[static_cast<size_t>(shown[static_cast<size_t>(r)])];
        ImGui::PushID(r);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        if (ImGui::Selectable(p.name.c_str(), person_form_.IsSelected(p.id), ImGuiSelectableFlags_SpanAllColumns))
          person_form_.Open(ctx, p.id);
        if (ImGui::IsItemHovered())
          WrappedTooltip(p.name + (p.position.empty() ? "" : "\n" + p.position) + (p.subject.empty() ? "" : "\n" + p.subject));
        ImGui::TableSetColumnIndex(1);
        CellText(RolesLabel(ctx.text, p.roles));
        ImGui::TableSetColumnIndex(2);
        CellText(p.school_id.empty() ? "—" : ShownName(ctx.text, p.school_name));
        ImGui::PopID();
      }
    if (shown.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      Hint(ctx.tr("ui.registry.no_people"));
    }
    ImGui::EndTable();
  });
}

void RegistryView::DrawPairs(FrameContext& ctx) {
  const char* E = "pair";
  WithForm(ctx, "pairs", pair_form_, 0.42f, [&] {
    const auto& pairs = ctx.snap.registry.pairs;
    if (pairs.empty()) {
      Hint(ctx.tr("ui.registry.no_pairs"));
      return;
    }
    if (!ImGui::BeginTable("pairs", 4, kListFlags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_pair").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableSetupColumn(ctx.field_label(E, "problem_zones").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn(ctx.field_label(E, "agreement_number").c_str(), ImGuiTableColumnFlags_WidthFixed,
                            DateColumnWidth());
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_assignments").c_str(), ImGuiTableColumnFlags_WidthFixed,
                            ImGui::GetFontSize() * 3.5f);
    widgets::HeadersRow();
    for (size_t i = 0; i < pairs.size(); ++i) {
      const view::PairRow& p = pairs[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      // Short names wrap below the row's click target; the full names are in the tooltip.
      const ImVec2 top = ImGui::GetCursorPos();
      if (ImGui::Selectable("##open", pair_form_.IsSelected(p.id),
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
        pair_form_.Open(ctx, p.id);
      if (ImGui::IsItemHovered())
        WrappedTooltip(p.low_school_full + "\n→ " + p.partner_school_full +
                       (p.model.empty() ? "" : "\n" + ctx.enum_label("pair_model", p.model) + " · " +
                                                   ctx.enum_label("pair_direction", p.direction)));
      ImGui::SetCursorPos(top);
      widgets::WordWrappedText(ShownName(ctx.text, p.low_school_name));
      widgets::WordWrappedText("→ " + ShownName(ctx.text, p.partner_school_name));
      ImGui::TableSetColumnIndex(1);
      if (p.problem_zones.empty()) ImGui::TextDisabled("—");
      for (const auto& zone : p.problem_zones) widgets::WordWrappedText("• " + zone);
      ImGui::TableSetColumnIndex(2);
      widgets::WordWrappedText(p.agreement_number.empty() ? "—" : p.agreement_number);
      if (!p.agreement_date.empty()) ImGui::TextDisabled("%s", ctx.text.date(p.agreement_date).c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::Text("%d", p.assignments);
      ImGui::PopID();
    }
    ImGui::EndTable();
  });
}

void RegistryView::DrawAssignments(FrameContext& ctx) {
  const char* E = "assignment";
  WithForm(ctx, "assignments", assignment_form_, 0.40f, [&] {
    const auto& rows = ctx.snap.registry.assignments;
    if (!ImGui::BeginTable("assignments", 4, kListFlags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.field_label(E, "mentor_id").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(ctx.field_label(E, "mentee_ids").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(ctx.field_label(E, "kind").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ctx.field_label(E, "start_date").c_str(), ImGuiTableColumnFlags_WidthFixed,
                            DateColumnWidth());
    widgets::HeadersRow();
    // Grouped by pair: a full-width row names the pair (short names), its assignments follow.
    std::string last_pair = "\x01";
    for (size_t r = 0; r < rows.size(); ++r) {
      const view::AssignmentRow& a = rows[r];
      ImGui::PushID(static_cast<int>(r));
      if (a.pair_id != last_pair) {
        last_pair = a.pair_id;
        ImGui::TableNextRow(ImGuiTableRowFlags_None);
        ImGui::TableSetColumnIndex(0);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextUnformatted(ShownName(ctx.text, a.pair_label).c_str());
        ImGui::PopStyleColor();
      }
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const std::string mentor = ShownName(ctx.text, a.mentor_name);
      if (ImGui::Selectable(mentor.c_str(), assignment_form_.IsSelected(a.id), ImGuiSelectableFlags_SpanAllColumns))
        assignment_form_.Open(ctx, a.id);
      std::string mentees;
      for (const auto& m : a.mentee_names) mentees += (mentees.empty() ? "" : ", ") + ShownName(ctx.text, m);
      if (ImGui::IsItemHovered())
        WrappedTooltip(ShownName(ctx.text, a.pair_label) + "\n" + mentor + " → " + (mentees.empty() ? "—" : mentees));
      ImGui::TableSetColumnIndex(1);
      CellText(mentees.empty() ? "—" : mentees);
      ImGui::TableSetColumnIndex(2);
      CellText(ctx.enum_label("assignment_kind", a.kind));
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(a.start_date.empty() ? "—" : ctx.text.date(a.start_date).c_str());
      ImGui::PopID();
    }
    if (rows.empty()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      Hint(ctx.tr("ui.registry.no_assignments"));
    }
    ImGui::EndTable();
  });
}

void RegistryView::DrawSchools(FrameContext& ctx) {
  const char* E = "school";
  WithForm(ctx, "schools", school_form_, 0.36f, [&] {
    const auto& schools = ctx.snap.registry.schools;
    const auto& heat = ctx.snap.municipality.heatmap;
    Hint(ctx.tr("ui.registry.flags_legend"));
    if (schools.empty()) {
      Hint(ctx.tr("ui.registry.no_schools"));
      return;
    }
    if (!ImGui::BeginTable("schools", 6, kListFlags)) return;
    const float unit = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(ctx.field_label(E, "short_name").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_flags").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_ior").c_str(), ImGuiTableColumnFlags_WidthFixed, unit * 4.2f);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_social").c_str(), ImGuiTableColumnFlags_WidthFixed, unit * 3.2f);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_people").c_str(), ImGuiTableColumnFlags_WidthFixed, unit * 3.2f);
    ImGui::TableSetupColumn(ctx.tr("ui.registry.col_teachers").c_str(), ImGuiTableColumnFlags_WidthFixed, unit * 4.2f);
    widgets::HeadersRow();
    for (size_t i = 0; i < schools.size(); ++i) {
      const view::SchoolRow& s = schools[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const std::string& name = s.short_name.empty() ? s.name : s.short_name;
      if (ImGui::Selectable(name.c_str(), school_form_.IsSelected(s.id), ImGuiSelectableFlags_SpanAllColumns))
        school_form_.Open(ctx, s.id);
      if (ImGui::IsItemHovered())
        WrappedTooltip(s.name + (s.municipality_name.empty() ? "" : "\n" + s.municipality_name) +
                       (s.address.empty() ? "" : "\n" + s.address));
      ImGui::TableSetColumnIndex(1);
      std::string flags;
      auto add = [&](bool on, const char* key) {
        if (on) flags += (flags.empty() ? "" : ", ") + ctx.tr(key);
      };
      add(s.low_results, "ui.registry.flag_low_results");
      add(s.difficult_social, "ui.registry.flag_difficult_social");
      add(s.leader, "ui.registry.flag_leader");
      add(s.resource_center, "ui.registry.flag_resource_center");
      CellText(flags.empty() ? "—" : flags);
      ImGui::TableSetColumnIndex(2);
      if (s.ior && s.ior_quartile > 0)
        ImGui::TextUnformatted((ctx.text.number(*s.ior, 2) + " (" + std::to_string(s.ior_quartile) + ")").c_str());
      else if (s.ior)
        ImGui::TextUnformatted(ctx.text.number(*s.ior, 2).c_str());
      else
        ImGui::TextDisabled("—");
      ImGui::TableSetColumnIndex(3);
      if (s.social_index) ImGui::TextUnformatted(ctx.text.number(*s.social_index, 2).c_str());
      else ImGui::TextDisabled("—");
      ImGui::TableSetColumnIndex(4);
      ImGui::Text("%d", s.people);
      ImGui::TableSetColumnIndex(5);
      for (size_t h = 0; h < heat.school_ids.size(); ++h)
        if (heat.school_ids[h] == s.id && h < heat.teachers.size() && h < heat.assessed_teachers.size())
          ImGui::Text("%d / %d", heat.assessed_teachers[h], heat.teachers[h]);
      ImGui::PopID();
    }
    ImGui::EndTable();
  });
}

}  // namespace nastavnik::ui
