#include "client/ui/programme_records_panel.h"

#include <imgui.h>

#include "client/ui/item_marks.h"
#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/table_headers.h"
#include "client/ui/widgets/text_fit.h"

namespace nastavnik::ui {
namespace {

constexpr ImGuiTableFlags kListFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter |
                                       ImGuiTableFlags_BordersV | ImGuiTableFlags_SizingStretchProp;

RecordFormSpec RiskSpec() {
  RecordFormSpec spec;
  spec.entity = "programme_risk";
  spec.draft_key = "form.programme_risk";
  spec.fields = {{"title", widgets::FieldLook::kTextArea},
                 {"description", widgets::FieldLook::kTextArea},
                 {"school_id"},
                 {"likelihood", widgets::FieldLook::kRadio},
                 {"impact", widgets::FieldLook::kRadio},
                 {"mitigation", widgets::FieldLook::kTextArea},
                 {"owner_id"},
                 {"status", widgets::FieldLook::kRadio},
                 {"review_date"}};
  spec.new_title_key = "ui.monitoring.new_risk";
  spec.edit_title_key = "ui.monitoring.editing_risk";
  spec.saved_key = "ui.monitoring.risk_saved";
  spec.new_button_key = "ui.monitoring.new_risk_button";
  spec.defaults = [](const FrameContext&) { return nlohmann::json{{"status", "open"}}; };
  spec.label_em = 8.0f;
  return spec;
}

RecordFormSpec NoteSpec(const std::string* period_id) {
  RecordFormSpec spec;
  spec.entity = "period_note";
  spec.draft_key = "form.period_note";
  spec.fields = {{"period"},      {"kind", widgets::FieldLook::kRadio},
                 {"text", widgets::FieldLook::kTextArea},
                 {"school_id"},   {"pair_id"},
                 {"document"},    {"due_date"},
                 {"responsible_id"}};
  spec.new_title_key = "ui.monitoring.new_note";
  spec.edit_title_key = "ui.monitoring.editing_note";
  spec.saved_key = "ui.monitoring.note_saved";
  spec.new_button_key = "ui.monitoring.new_note_button";
  spec.defaults = [period_id](const FrameContext&) { return nlohmann::json{{"period", *period_id}, {"kind", "conclusion"}}; };
  spec.label_em = 8.0f;
  return spec;
}

std::string Label(const FrameContext& ctx, const char* enum_name, const std::string& value) {
  return value.empty() ? "—" : ctx.tr(std::string("enum.") + enum_name + "." + value);
}

}  // namespace

ProgrammeRecordsPanel::ProgrammeRecordsPanel() : risk_form_(RiskSpec()), note_form_(NoteSpec(&period_id_)) {}

void ProgrammeRecordsPanel::DrawRisks(FrameContext& ctx) {
  const auto& risks = ctx.snap.monitoring.risks;
  ImGui::PushID("risks");
  risk_form_.DrawBesideList(ctx, 0.45f, 22.0f, [&] {
    if (risks.empty()) {
      Hint(ctx.tr("ui.monitoring.no_risks"));
      return;
    }
    if (!ImGui::BeginTable("risks", 4, kListFlags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.field_label("programme_risk", "title").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(ctx.field_label("programme_risk", "likelihood").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ctx.field_label("programme_risk", "impact").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ctx.field_label("programme_risk", "status").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    widgets::HeadersRow();
    for (size_t i = 0; i < risks.size(); ++i) {
      const view::RiskRow& r = risks[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (ImGui::Selectable("##open", risk_form_.IsSelected(r.id), ImGuiSelectableFlags_SpanAllColumns |
                                                                       ImGuiSelectableFlags_AllowItemOverlap))
        risk_form_.Open(ctx, r.id);
      MarkInScope(r.title);
      ImGui::SameLine(0, 0);
      widgets::WordWrappedText(r.title + (r.school.empty() ? "" : " (" + ShownName(ctx.text, r.school) + ")"));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(Label(ctx, "risk_level", r.likelihood).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(Label(ctx, "risk_level", r.impact).c_str());
      ImGui::TableNextColumn();
      widgets::WordWrappedText(Label(ctx, "risk_status", r.status));
      ImGui::PopID();
    }
    ImGui::EndTable();
  });
  ImGui::PopID();
}

void ProgrammeRecordsPanel::DrawNotes(FrameContext& ctx, const std::string& period_id) {
  period_id_ = period_id;
  ImGui::PushID("notes");
  note_form_.DrawBesideList(ctx, 0.45f, 22.0f, [&] {
    bool any = false;
    for (const char* kind : {"conclusion", "recommendation", "decision"}) {
      SectionTitle(ctx, ctx.tr(std::string("enum.note_kind.") + kind));
      int shown = 0;
      for (const view::PeriodNoteRow& n : ctx.snap.monitoring.notes) {
        if (n.period != period_id || n.kind != kind) continue;
        ImGui::PushID(n.id.c_str());
        if (ImGui::Selectable("##open", note_form_.IsSelected(n.id), ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(0, ImGui::GetTextLineHeight())))
          note_form_.Open(ctx, n.id);
        MarkInScope(n.text.substr(0, 40));
        ImGui::SameLine(0, 0);
        std::string line = n.addressee.empty() ? n.text : n.addressee + ": " + n.text;
        if (!n.document.empty()) line += " (" + n.document + ")";
        widgets::WordWrappedText(line);
        ImGui::PopID();
        ++shown;
      }
      if (shown == 0) ImGui::TextDisabled("—");
      any = any || shown > 0;
    }
    if (!any) Hint(ctx.tr("ui.monitoring.no_notes"));
  });
  ImGui::PopID();
}

void ProgrammeRecordsPanel::DrawModals(FrameContext& ctx) {
  risk_form_.DrawModals(ctx);
  note_form_.DrawModals(ctx);
}

}  // namespace nastavnik::ui
