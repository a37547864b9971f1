#include "client/ui/roadmap_view.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/gantt_chart.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/pickers.h"
#include "client/ui/widgets/table_headers.h"

namespace nastavnik::ui {
namespace {

constexpr const char* kEntity = "roadmap_event";

RecordFormSpec EventFormSpec() {
  RecordFormSpec spec;
  spec.entity = kEntity;
  spec.draft_key = "form.roadmap_event";
  spec.fields = {{"title"},
                 {"planned_date"},
                 {"format"},
                 {"status", widgets::FieldLook::kAuto, nullptr, /*only_when_editing=*/true},
                 {"pair_id"},
                 {"responsible_id"},
                 {"participants"}};
  spec.new_title_key = "ui.roadmap.new";
  spec.edit_title_key = "ui.roadmap.editing";
  spec.saved_key = "ui.roadmap.saved";
  spec.new_button_key = "ui.roadmap.close_edit";
  spec.label_em = 8.0f;
  spec.defaults = [](const FrameContext& ctx) {
    nlohmann::json f{{"planned_date", ctx.app.today}, {"format", "seminar"}, {"status", "planned"},
                     {"participants", nlohmann::json::array()}};
    if (!ctx.snap.home.me.id.empty()) f["responsible_id"] = ctx.snap.home.me.id;
    return f;
  };
  return spec;
}

std::string StatusOf(const view::RoadmapRow& e) { return e.status.empty() ? "planned" : e.status; }

// The event as the write rules see it, after setting `changes`.
nlohmann::json AsRecord(const view::RoadmapRow& e, const nlohmann::json& changes) {
  nlohmann::json r{{"status", StatusOf(e)}};
  if (!e.responsible_id.empty()) r["responsible_id"] = e.responsible_id;
  if (!e.school_id.empty()) r["school_id"] = e.school_id;
  for (const auto& [k, v] : changes.items()) r[k] = v;
  return r;
}

}  // namespace

RoadmapView::RoadmapView() : View("roadmap", "ui.roadmap.title"), form_(EventFormSpec()) {}

void RoadmapView::DrawContent(FrameContext& ctx) {
  Filter(ctx);
  const SplitWidths split = SplitListAndForm(0.38f, 24.0f);
  ImGui::BeginChild("list", ImVec2(split.list, 0));
  DrawListHeader(ctx);
  if (timeline_) DrawTimeline(ctx);
  else DrawTable(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("side", ImVec2(0, 0), true);
  if (form_.editing()) {
    form_.Draw(ctx);
  } else if (ImGui::BeginTabBar("tabs")) {
    if (ImGui::BeginTabItem(ctx.tr("ui.roadmap.tab_selected").c_str())) {
      DrawSelected(ctx);
      ImGui::EndTabItem();
    }
    if (form_.MayCreate(ctx) && ImGui::BeginTabItem(ctx.tr("ui.roadmap.tab_new").c_str())) {
      form_.Draw(ctx);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  form_.DrawModals(ctx);
}

void RoadmapView::Filter(const FrameContext& ctx) {
  const auto& rows = ctx.snap.roadmap;
  visible_.clear();
  for (size_t i = 0; i < rows.size(); ++i)
    if (status_filter_.empty() || StatusOf(rows[i]) == status_filter_) visible_.push_back(static_cast<int>(i));
}

void RoadmapView::DrawListHeader(FrameContext& ctx) {
  const auto& rows = ctx.snap.roadmap;
  int done = 0;
  for (const auto& e : rows) done += StatusOf(e) == "done" ? 1 : 0;
  const std::string count =
      ctx.text.render(Message("ui.roadmap.count").with("done", done).with("total", rows.size()));
  const std::string as_table = ctx.tr("ui.roadmap.as_table"), as_timeline = ctx.tr("ui.roadmap.as_timeline");
  const float unit = ImGui::GetFontSize();
  FlowRow row;
  row.Item(ImGui::CalcTextSize(count.c_str()).x, [&] {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(count.c_str());
  });
  row.Item(unit * 9, [&] {
    std::vector<widgets::Choice> choices;
    for (const char* st : {"planned", "done", "cancelled"}) choices.push_back({st, ctx.enum_label("event_status", st), ""});
    const std::string all = ctx.tr("ui.common.all_statuses");
    widgets::ChoiceCombo("##status", choices, &status_filter_, all.c_str());
  });
  row.Item(ImGui::CalcTextSize((as_table + as_timeline).c_str()).x + unit * 4, [&] {
    if (ImGui::RadioButton(as_table.c_str(), !timeline_)) timeline_ = false;
    ImGui::SameLine();
    if (ImGui::RadioButton(as_timeline.c_str(), timeline_)) timeline_ = true;
    Mark("roadmap.as_timeline");
  });
  row.End();
  ExportButton(ctx, ExportTable::kRoadmap);
}

void RoadmapView::DrawTable(FrameContext& ctx) {
  const auto& rows = ctx.snap.roadmap;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("events", 5, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.field_label(kEntity, "planned_date").c_str(), ImGuiTableColumnFlags_WidthFixed,
                          DateColumnWidth());
  ImGui::TableSetupColumn(ctx.field_label(kEntity, "title").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn(ctx.field_label(kEntity, "format").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  float status_w = 0;
  for (const char* st : {"planned", "done", "cancelled"})
    status_w = std::max(status_w, ImGui::CalcTextSize(ctx.enum_label("event_status", st).c_str()).x);
  ImGui::TableSetupColumn(ctx.field_label(kEntity, "status").c_str(), ImGuiTableColumnFlags_WidthFixed, status_w);
  ImGui::TableSetupColumn(ctx.field_label(kEntity, "responsible_id").c_str(), ImGuiTableColumnFlags_WidthStretch,
                          1.4f);
  widgets::HeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(visible_.size()));
  while (clipper.Step()) {
    for (int v = clipper.DisplayStart; v < clipper.DisplayEnd; ++v) {
      const view::RoadmapRow& e = rows[static_cast<size_t>(visible_[static_cast<size_t>(v)])];
      ImGui::PushID(v);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (ImGui::Selectable(ctx.text.date(e.planned_date).c_str(), e.id == selected_id_,
                            ImGuiSelectableFlags_SpanAllColumns))
        Select(e.id);
      if (v == 0) Mark("roadmap.row0");
      if (ImGui::IsItemHovered()) WrappedTooltip(e.title + (e.pair_label.empty() ? "" : "\n" + ShownName(ctx.text, e.pair_label)));
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(e.title.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(ctx.enum_label("event_format", e.format).c_str());
      ImGui::TableSetColumnIndex(3);
      const std::string status = StatusOf(e);
      const bool overdue = status == "planned" && e.planned_date < ctx.app.today;
      const ImVec4 color = status == "done"        ? palette::OkText()
                           : status == "cancelled" ? palette::MutedText()
                           : overdue               ? palette::WarnText()
                                                   : ImGui::GetStyleColorVec4(ImGuiCol_Text);
      ImGui::TextColored(color, "%s", ctx.enum_label("event_status", status).c_str());
      if (overdue && ImGui::IsItemHovered()) WrappedTooltip(ctx.tr("ui.roadmap.overdue"));
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(e.responsible_id.empty() ? "—" : ShownName(ctx.text, e.responsible_name).c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void RoadmapView::DrawTimeline(FrameContext& ctx) {
  const auto& rows = ctx.snap.roadmap;
  std::vector<widgets::GanttRow> items;
  items.reserve(visible_.size());
  for (int i : visible_) {
    const view::RoadmapRow& e = rows[static_cast<size_t>(i)];
    const std::string status = StatusOf(e);
    const bool overdue = status == "planned" && e.planned_date < ctx.app.today;
    const ImU32 color = status == "done"        ? palette::kDone
                        : status == "cancelled" ? palette::kCancelled
                        : overdue               ? palette::kDeficit
                                                : palette::kPlanned;
    items.push_back({e.id, e.title,
                     {{e.planned_date, "", color,
                       ctx.text.date(e.planned_date) + " · " + ctx.enum_label("event_status", status) +
                           (overdue ? " · " + ctx.tr("ui.roadmap.overdue") : "")}}});
  }
  const std::vector<widgets::LegendEntry> legend = {
      {palette::kPlanned, ctx.enum_label("event_status", "planned")},
      {palette::kDeficit, ctx.tr("ui.roadmap.overdue")},
      {palette::kDone, ctx.enum_label("event_status", "done")},
      {palette::kCancelled, ctx.enum_label("event_status", "cancelled")}};
  if (const std::string clicked = widgets::GanttChart("timeline", ctx.text, items, legend, ctx.app.today, selected_id_);
      !clicked.empty())
    Select(clicked);
}

void RoadmapView::DrawSelected(FrameContext& ctx) {
  if (done_state_.Poll(ctx.snap) == FormState::Outcome::kSaved) report_.clear();
  if (selected_id_.empty()) {
    // Until one is picked, show the next planned event (the roadmap is in calendar order).
    for (const auto& e : ctx.snap.roadmap)
      if (StatusOf(e) == "planned" && e.planned_date >= ctx.app.today) {
        selected_id_ = e.id;
        break;
      }
  }
  const view::RoadmapRow* event = nullptr;
  for (const auto& e : ctx.snap.roadmap)
    if (e.id == selected_id_) event = &e;
  if (!event) {
    Hint(ctx.tr("ui.roadmap.select_hint"));
    if (!form_.outcome().empty()) SuccessText(ctx.text.render(form_.outcome()));
    return;
  }
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
  const std::string status = StatusOf(*event);
  auto line = [&](const std::string& label, const std::string& value) {
    ImGui::TextDisabled("%s:", label.c_str());
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.empty() ? "—" : value.c_str());
    ImGui::PopTextWrapPos();
  };
  line(ctx.field_label(kEntity, "planned_date"), ctx.text.date(event->planned_date));
  line(ctx.field_label(kEntity, "format"), ctx.enum_label("event_format", event->format));
  line(ctx.field_label(kEntity, "status"), ctx.enum_label("event_status", status));
  line(ctx.field_label(kEntity, "pair_id"), event->pair_label.empty() ? "" : ShownName(ctx.text, event->pair_label));
  line(ctx.field_label(kEntity, "responsible_id"),
       event->responsible_id.empty() ? "" : ShownName(ctx.text, event->responsible_name));
  line(ctx.field_label(kEntity, "participants"), std::to_string(event->participants));
  ImGui::Spacing();

  // Marking done and the report are what the responsible person and the organisers do;
  // everyone else reads them.
  const EntitySchema* schema = DomainSchema::instance().entity(kEntity);
  const std::string refusal =
      schema ? write_refusal(ActorOf(ctx.snap), *schema, AsRecord(*event, {{"status", "done"}})) : kRefusedRoadmapKeepers;
  ImGui::TextUnformatted(ctx.field_label(kEntity, "report").c_str());
  if (refusal.empty()) {
    widgets::TextArea("##report", &report_, 4);
    widgets::FormError(done_state_.ErrorFor("report", ctx.text));
    if (status != "done") {
      if (Button(ctx.tr("ui.roadmap.mark_done"), !done_state_.pending()))
        done_state_.Submit(ctx, command::SaveRecord{kEntity, event->id, {{"status", "done"}, {"report", report_}}, ""});
    } else if (Button(ctx.tr("ui.roadmap.save_report"), !done_state_.pending() && report_ != event->report)) {
      done_state_.Submit(ctx, command::SaveRecord{kEntity, event->id, {{"report", report_}}, ""});
    }
    ImGui::SameLine();
    if (Button(ctx.tr("ui.roadmap.edit"), !done_state_.pending())) form_.Open(ctx, event->id);
  } else {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(event->report.empty() ? "—" : event->report.c_str());
    ImGui::PopTextWrapPos();
    Hint(ctx.tr("write.refused." + refusal));
  }
  const std::string general = done_state_.GeneralError(ctx.text, {"report"});
  if (!general.empty()) ErrorText(general);
  if (!form_.outcome().empty()) SuccessText(ctx.text.render(form_.outcome()));
}

}  // namespace nastavnik::ui
