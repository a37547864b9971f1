#include "client/ui/visits_view.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/bar_chart.h"
#include "client/ui/widgets/instrument_answers.h"
#include "client/ui/widgets/table_headers.h"

namespace nastavnik::ui {
namespace {

const Instrument* Protocol(const FrameContext& ctx) {
  return ctx.instruments ? ctx.instruments->latest(kObservationProtocol) : nullptr;
}

// The observation protocol as a grid, with the area means as bars under it.
bool DrawProtocol(FrameContext& ctx, nlohmann::json* fields, bool read_only) {
  const Instrument* protocol = Protocol(ctx);
  if (!protocol) {
    ErrorText(ctx.tr("ui.visits.no_protocol"));
    return false;
  }
  SectionTitle(ctx, Localised(protocol->title, ctx.app.lang));
  nlohmann::json scores = fields->value("scores", nlohmann::json::object());
  const bool changed =
      widgets::InstrumentAnswers(*protocol, ctx.text, widgets::AnswersLook::kProtocolGrid, &scores, read_only);
  if (changed) {
    if (scores.empty()) fields->erase("scores");
    else (*fields)["scores"] = scores;
  }
  if (!scores.empty()) {
    const std::vector<AreaScore> area_scores = protocol->score(scores);
    std::vector<widgets::Bar> bars;
    for (size_t a = 0; a < protocol->areas.size() && a < area_scores.size(); ++a)
      bars.push_back({Localised(protocol->areas[a].title, ctx.app.lang), area_scores[a].mean, area_scores[a].deficit,
                      area_scores[a].answered == 0});
    ImGui::Spacing();
    Hint(ctx.tr("ui.visits.protocol_summary"));
    widgets::BarChart("protocol_bars", ctx.text, bars,
                      {static_cast<double>(protocol->scale_min), static_cast<double>(protocol->scale_max),
                       protocol->threshold, 0, 1});
  }
  ImGui::Spacing();
  return changed;
}

RecordFormSpec VisitFormSpec() {
  using widgets::FieldLook;
  RecordFormSpec spec;
  spec.entity = "lesson_visit";
  spec.draft_key = "form.visit";
  spec.fields = {{"date"},
                 {"visitor_id"},
                 {"teacher_id"},
                 {"host_school_id"},
                 {"pair_id"},
                 {"subject"},
                 {"grade"},
                 {"purpose", FieldLook::kTextArea},
                 {"scores", FieldLook::kAuto, DrawProtocol},
                 {"strengths", FieldLook::kTextArea},
                 {"recommendations", FieldLook::kTextArea},
                 {"follow_up_date"}};
  spec.new_title_key = "ui.visits.new";
  spec.edit_title_key = "ui.visits.editing";
  spec.saved_key = "ui.visits.saved";
  spec.new_button_key = "ui.visits.new_button";
  spec.defaults = [](const FrameContext& ctx) {
    return nlohmann::json{{"date", ctx.app.today}, {"visitor_id", ctx.snap.home.me.id}};
  };
  spec.complete = [](const FrameContext& ctx, nlohmann::json* fields) {
    const Instrument* protocol = Protocol(ctx);
    if (protocol && fields->contains("scores")) {
      (*fields)["protocol_id"] = protocol->id;
      (*fields)["protocol_version"] = protocol->version;
    }
  };
  spec.confirm = [](const FrameContext& ctx, const nlohmann::json& fields) {
    const Instrument* protocol = Protocol(ctx);
    if (!protocol || !fields.contains("scores")) return Message();
    const int answered = widgets::AnsweredItems(*protocol, fields["scores"]);
    const int total = static_cast<int>(protocol->items.size());
    if (answered >= total) return Message();
    return Message("ui.visits.confirm_incomplete").with("done", answered).with("total", total);
  };
  spec.label_em = 9.0f;
  return spec;
}

}  // namespace

VisitsView::VisitsView() : View("visits", "ui.visits.title"), form_(VisitFormSpec()) {}

void VisitsView::DrawContent(FrameContext& ctx) {
  form_.DrawBesideList(ctx, 0.5f, 26.0f, [&] { DrawList(ctx); });
  form_.DrawModals(ctx);
}

void VisitsView::DrawList(FrameContext& ctx) {
  const auto& visits = ctx.snap.visits;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.text.render(Message("ui.visits.count").with("count", visits.size())).c_str());
  ExportButton(ctx, ExportTable::kVisits);

  const bool selected = form_.editing();
  const float details_h = selected ? ImGui::GetTextLineHeightWithSpacing() * 5.5f : 0.0f;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (visits.empty()) Hint(ctx.tr("ui.visits.empty"));  // above the table, not wrapped in one column
  if (ImGui::BeginTable("visits", 4, kFlags, ImVec2(0, -details_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr("ui.common.date").c_str(), ImGuiTableColumnFlags_WidthFixed, DateColumnWidth());
    ImGui::TableSetupColumn(ctx.tr("ui.visits.col_lesson").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(ctx.tr("ui.visits.col_teacher").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(ctx.tr("ui.visits.col_mean").c_str(), ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize(ctx.tr("ui.visits.col_mean").c_str()).x + ImGui::GetFontSize());
    widgets::HeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visits.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const view::VisitRow& v = visits[static_cast<size_t>(i)];
        ImGui::PushID(i);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        if (ImGui::Selectable(ctx.text.date(v.date).c_str(), form_.IsSelected(v.id),
                              ImGuiSelectableFlags_SpanAllColumns))
          form_.Open(ctx, v.id);
        if (i == 0) Mark("visits.row0");
        if (ImGui::IsItemHovered()) WrappedTooltip(ShownName(ctx.text, v.host_school));
        ImGui::TableSetColumnIndex(1);
        const std::string lesson =
            v.grade > 0 ? ctx.text.render(Message("ui.visits.lesson").with("subject", v.subject).with("grade", v.grade))
                        : v.subject;
        ImGui::TextUnformatted(lesson.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(ShownName(ctx.text, v.teacher_name).c_str());
        ImGui::TableSetColumnIndex(3);
        if (v.mean_score > 0) ImGui::TextUnformatted(ctx.text.number(v.mean_score, 2).c_str());
        else ImGui::TextDisabled("—");
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  if (selected) DrawDetails(ctx);
}

void VisitsView::DrawDetails(FrameContext& ctx) {
  for (const auto& v : ctx.snap.visits) {
    if (v.id != form_.editing_id()) continue;
    ImGui::Separator();
    auto line = [&](const char* field, const std::string& value) {
      ImGui::TextDisabled("%s:", ctx.field_label("lesson_visit", field).c_str());
      ImGui::SameLine();
      ImGui::TextUnformatted(value.c_str());
    };
    line("host_school_id", ShownName(ctx.text, v.host_school));
    line("visitor_id", ShownName(ctx.text, v.visitor_name));
    line("teacher_id", ShownName(ctx.text, v.teacher_name));
    line("follow_up_date", v.follow_up_date.empty() ? "—" : ctx.text.date(v.follow_up_date));
  }
}

}  // namespace nastavnik::ui
