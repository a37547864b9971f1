#include "client/ui/sessions_view.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/date_input.h"
#include "client/ui/widgets/pickers.h"
#include "client/ui/widgets/table_headers.h"
#include "shared/domain/schema.h"

namespace nastavnik::ui {
namespace {

RecordFormSpec SessionFormSpec() {
  using widgets::FieldLook;
  RecordFormSpec spec;
  spec.entity = "mentoring_session";
  spec.draft_key = "form.session";
  spec.fields = {{"date"},
                 {"format", FieldLook::kRadio},
                 {"stage"},
                 {"pair_id"},
                 {"mentor_id"},
                 {"mentees"},
                 {"topic"},
                 {"duration_min"},
                 {"notes", FieldLook::kTextArea},
                 {"agreed_actions", FieldLook::kTextArea},
                 {"next_date"},
                 {"reflection", FieldLook::kTextArea},
                 {"satisfaction", FieldLook::kSlider}};
  spec.new_title_key = "ui.sessions.new";
  spec.edit_title_key = "ui.sessions.editing";
  spec.saved_key = "ui.sessions.saved";
  spec.new_button_key = "ui.sessions.new_button";
  spec.defaults = [](const FrameContext& ctx) {
    return nlohmann::json{{"date", ctx.app.today},      {"format", "offline"},      {"stage", "theory"},
                          {"mentor_id", ctx.snap.home.me.id}, {"mentees", nlohmann::json::array()},
                          {"duration_min", 60}};
  };
  return spec;
}

}  // namespace

SessionsView::SessionsView() : View("sessions", "ui.sessions.title"), form_(SessionFormSpec()) {}

void SessionsView::DrawContent(FrameContext& ctx) {
  DrawFilters(ctx);
  form_.DrawBesideList(ctx, 0.42f, 24.0f, [&] { DrawList(ctx); });
  form_.DrawModals(ctx);
}

void SessionsView::DrawFilters(FrameContext& ctx) {
  if (!filter_loaded_ && ctx.snap.version > 0) {
    filter_loaded_ = true;
    filter_ = ctx.snap.sessions.filter;
  }
  bool changed = false;
  const std::string any = ctx.tr("ui.common.any");
  // Filters flow onto a second row on narrow windows.
  const float unit = ImGui::GetFontSize();
  FlowRow row;
  row.Item(unit * 16, [&] {
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.filter_pair").c_str());
    changed |= widgets::PairCombo("##pair", ctx.snap.pairs, &filter_.pair_id, any.c_str());
  });
  row.Item(unit * 12, [&] {
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.filter_person").c_str());
    changed |= widgets::PersonCombo("##person", ctx.snap.people, &filter_.person_id, any.c_str(),
                                    &person_filter_text_, ctx.tr("ui.common.search").c_str());
  });
  row.Item(unit * 8.5f, [&] {
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.filter_from").c_str());
    changed |= widgets::DateInput("##from", &filter_.date_from, ctx.text);
  });
  row.Item(unit * 8.5f, [&] {
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.filter_to").c_str());
    changed |= widgets::DateInput("##to", &filter_.date_to, ctx.text);
  });
  row.Item(unit * 7, [&] {
    ImGui::TextDisabled("%s", ctx.tr("ui.sessions.col_format").c_str());
    changed |= widgets::EnumCombo("##format", ctx.text, "mode", &filter_.format, any.c_str());
  });
  row.Item(ImGui::CalcTextSize(ctx.tr("ui.common.reset").c_str()).x + unit * 1.5f, [&] {
    ImGui::TextDisabled(" ");
    if (ImGui::Button(ctx.tr("ui.common.reset").c_str())) {
      filter_ = view::SessionFilter{};
      changed = true;
    }
  });
  row.End();
  const bool dates_ok = widgets::DateOk(filter_.date_from) && widgets::DateOk(filter_.date_to);
  if (changed && dates_ok && !(filter_ == ctx.snap.sessions.filter))
    ctx.out.post(command::SetSessionFilter{filter_});
}

void SessionsView::DrawList(FrameContext& ctx) {
  const view::SessionList& list = ctx.snap.sessions;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.text.render(Message("ui.sessions.count").with("count", list.total)).c_str());
  ExportButton(ctx, ExportTable::kSessions);

  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  // Above the table: inside, the message would wrap in one narrow column.
  if (list.rows.empty()) Hint(ctx.tr("ui.sessions.empty"));
  if (!ImGui::BeginTable("sessions", 6, kFlags)) return;
  const float unit = ImGui::GetFontSize();
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("ui.common.date").c_str(), ImGuiTableColumnFlags_WidthFixed, DateColumnWidth());
  ImGui::TableSetupColumn(ctx.field_label("mentoring_session", "topic").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn(ctx.tr("ui.sessions.col_stage").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(ctx.tr("ui.sessions.col_format").c_str(), ImGuiTableColumnFlags_WidthFixed, unit * 4.5f);
  ImGui::TableSetupColumn(ctx.tr("ui.sessions.col_mentor").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(ctx.tr("ui.sessions.col_mentees").c_str(), ImGuiTableColumnFlags_WidthFixed, unit * 3.0f);
  widgets::HeadersRow();

  const auto* stages = DomainSchema::instance().enum_values("session_stage");
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(list.rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const view::SessionRow& row = list.rows[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const std::string date = ctx.text.date(row.date);
      if (ImGui::Selectable(date.c_str(), form_.IsSelected(row.id), ImGuiSelectableFlags_SpanAllColumns))
        form_.Open(ctx, row.id);
      if (i == 0) Mark("sessions.row0");
      // The row's cells are clipped; the whole topic and the pair show on hover.
      if (ImGui::IsItemHovered()) WrappedTooltip(row.topic + "\n" + ShownName(ctx.text, row.pair_label));
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
      ImGui::TextUnformatted(ShownName(ctx.text, row.mentor_name).c_str());
      ImGui::TableSetColumnIndex(5);
      ImGui::Text("%d", row.mentees);
      ImGui::PopID();
    }
  }
  if (scroll_request_) {
    ImGui::SetScrollY(*scroll_request_ * ImGui::GetScrollMaxY());
    scroll_request_.reset();
  }
  ImGui::EndTable();
}

}  // namespace nastavnik::ui
