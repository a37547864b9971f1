#include "client/ui/municipality_view.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/item_marks.h"
#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/heatmap.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/stage_progress.h"
#include "client/ui/widgets/table_headers.h"
#include "client/ui/widgets/text_fit.h"
#include "shared/monitoring/period_text.h"

namespace nastavnik::ui {

void MunicipalityView::DrawContent(FrameContext& ctx) {
  DrawPeriod(ctx);
  if (!ImGui::BeginTabBar("municipality_tabs")) return;
  if (ImGui::BeginTabItem(ctx.tr("ui.municipality.tab_pairs").c_str())) {
    DrawPairs(ctx);
    DrawStages(ctx);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem(ctx.tr("ui.municipality.tab_deficits").c_str())) {
    DrawHeatmap(ctx);
    ImGui::EndTabItem();
  }
  // The device list is the methodologists' (the server gives it to them only).
  const auto& roles = ctx.snap.home.roles;
  if (std::find(roles.begin(), roles.end(), "methodologist") != roles.end() &&
      ImGui::BeginTabItem(ctx.tr("ui.municipality.tab_devices").c_str())) {
    DrawDevices(ctx);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// The half-year the overview counts, or the whole programme; the model recomputes it.
void MunicipalityView::DrawPeriod(FrameContext& ctx) {
  const view::MunicipalityData& data = ctx.snap.municipality;
  const std::string whole = ctx.tr("ui.municipality.whole_programme");
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.tr("ui.monitoring.period").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  const std::string shown = data.period.empty() ? whole : monitoring::period_label(ctx.text, data.period);
  PushMarkScope("municipality.period");  // the combo and each of its options
  if (ImGui::BeginCombo("##period", shown.c_str())) {
    if (ImGui::Selectable(whole.c_str(), data.period.empty())) ctx.out.post(command::SetMunicipalityPeriod{""});
    MarkInScope("all");
    for (auto p = data.periods.rbegin(); p != data.periods.rend(); ++p) {
      if (ImGui::Selectable(monitoring::period_label(ctx.text, *p).c_str(), *p == data.period))
        ctx.out.post(command::SetMunicipalityPeriod{*p});
      MarkInScope(*p);
    }
    ImGui::EndCombo();
  }
  MarkInScope("");
  PopMarkScope();
}

void MunicipalityView::DrawStages(FrameContext& ctx) {
  SectionTitle(ctx, ctx.tr("ui.municipality.stages"));
  Hint(ctx.tr("ui.pair.stages_hint"));
  const std::string clicked = widgets::StageProgressChart("pair_stages", ctx.text, ctx.snap.municipality.pair_stages);
  if (!clicked.empty()) {
    ctx.out.post(command::SelectPair{clicked});
    ctx.out.request(request::Navigate{Screen::kPairReview});
  }
}

void MunicipalityView::DrawPairs(FrameContext& ctx) {
  const auto& pairs = ctx.snap.municipality.pairs;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.tr("ui.municipality.pairs").c_str());
  ExportButton(ctx, ExportTable::kPairActivity);
  if (pairs.empty()) {
    Hint(ctx.tr("ui.municipality.no_pairs"));
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersV | ImGuiTableFlags_SizingStretchProp |
                                     ImGuiTableFlags_ScrollY;
  // Half of the tab for the table, the rest for the stage progress under it.
  if (!ImGui::BeginTable("pairs", 7, kFlags, ImVec2(0, ImGui::GetContentRegionAvail().y * 0.5f))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.field_label("pair", "low_school_id").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(ctx.field_label("pair", "partner_school_id").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 2.0f);
  const float unit = ImGui::GetFontSize();
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_sessions").c_str(), ImGuiTableColumnFlags_WidthFixed, unit * 4);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_visits").c_str(), ImGuiTableColumnFlags_WidthFixed, unit * 4);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_events").c_str(), ImGuiTableColumnFlags_WidthStretch,
                          1.0f);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_last_activity").c_str(), ImGuiTableColumnFlags_WidthFixed,
                          DateColumnWidth());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_open").c_str(), ImGuiTableColumnFlags_WidthFixed);
  widgets::HeadersRow();
  // A municipality has a few dozen pairs at most: every row is drawn, so a name that wraps
  // («Волосовская СОШ № 2» on a narrow screen) keeps its number instead of being cut.
  {
    for (int i = 0; i < static_cast<int>(pairs.size()); ++i) {
      const view::PairActivityRow& p = pairs[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      widgets::WordWrappedText(ShownName(ctx.text, p.pair.low_school));
      if (ImGui::IsItemHovered()) WrappedTooltip(p.pair.low_school_full);
      ImGui::TableSetColumnIndex(1);
      widgets::WordWrappedText(ShownName(ctx.text, p.pair.partner_school));
      if (ImGui::IsItemHovered()) WrappedTooltip(p.pair.partner_school_full);
      ImGui::TableSetColumnIndex(2);
      ImGui::Text("%d", p.sessions);
      ImGui::TableSetColumnIndex(3);
      ImGui::Text("%d", p.visits);
      ImGui::TableSetColumnIndex(4);
      const float frac = p.events_planned > 0
                             ? static_cast<float>(p.events_done) / static_cast<float>(p.events_planned)
                             : 0.0f;
      const std::string overlay = std::to_string(p.events_done) + " / " + std::to_string(p.events_planned);
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, palette::kGood);
      ImGui::ProgressBar(std::min(frac, 1.0f), ImVec2(-FLT_MIN, ImGui::GetTextLineHeight()), overlay.c_str());
      ImGui::PopStyleColor();
      ImGui::TableSetColumnIndex(5);
      ImGui::TextUnformatted(p.last_activity.empty() ? "—" : ctx.text.date(p.last_activity).c_str());
      ImGui::TableSetColumnIndex(6);
      if (ImGui::SmallButton(ctx.tr("ui.municipality.open_pair").c_str())) {
        ctx.out.post(command::SelectPair{p.pair.id});
        ctx.out.request(request::Navigate{Screen::kPairReview});
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void MunicipalityView::DrawHeatmap(FrameContext& ctx) {
  const view::DeficitHeatmap& heat = ctx.snap.municipality.heatmap;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.tr("ui.municipality.heatmap").c_str());
  ExportButton(ctx, ExportTable::kDeficitHeatmap);
  Hint(ctx.tr("ui.municipality.heatmap_hint"));
  if (heat.school_names.empty() || heat.area_titles.empty()) {
    Hint(ctx.tr("ui.municipality.no_heatmap"));
    return;
  }
  std::vector<std::string> rows;
  for (size_t i = 0; i < heat.school_names.size(); ++i) {
    std::string row = ShownName(ctx.text, heat.school_names[i]);
    if (i < heat.assessed_teachers.size() && i < heat.teachers.size())
      row += "  (" + std::to_string(heat.assessed_teachers[i]) + "/" + std::to_string(heat.teachers[i]) + ")";
    rows.push_back(std::move(row));
  }
  const std::string no_data = ctx.tr("ui.municipality.no_data");
  const std::string low = ctx.text.percent(0), high = ctx.text.percent(1);
  ImGui::BeginChild("heatmap_scroll", ImVec2(0, 0), false);
  widgets::Heatmap("heatmap", rows, heat.area_titles, heat.share, {no_data.c_str(), low.c_str(), high.c_str()});
  ImGui::EndChild();
}

void MunicipalityView::DrawDevices(FrameContext& ctx) {
  const view::MunicipalityData& data = ctx.snap.municipality;
  const auto& devices = data.devices;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.tr("ui.municipality.devices").c_str());
  ExportButton(ctx, ExportTable::kDevices);
  const bool can_refresh = ctx.snap.home.enrolled && !data.devices_refreshing && !ctx.snap.sync.running;
  if (Button(ctx.tr("ui.municipality.refresh_devices"), can_refresh)) ctx.out.post(command::RefreshDevices{});
  ImGui::SameLine();
  if (data.devices_refreshing) {
    Hint(ctx.tr("ui.municipality.devices_refreshing"));
  } else if (data.devices_fetched_ms != 0) {
    const std::string fetched =
        ctx.text.format("ui.municipality.devices_fetched", {{"time", ctx.text.date_time(data.devices_fetched_ms)}});
    ImGui::TextDisabled("%s", fetched.c_str());
  } else {
    ImGui::NewLine();
  }
  if (!data.devices_error.empty()) {
    ErrorText(ctx.tr("ui.municipality.devices_error." + data.devices_error));
    // The server's or the store's own words, for whoever helps the methodologist.
    if (!data.devices_error_detail.empty() && ImGui::IsItemHovered()) WrappedTooltip(data.devices_error_detail);
  }
  if (devices.empty()) {
    if (data.devices_fetched_ms != 0) Hint(ctx.tr("ui.municipality.devices_none_enrolled"));
    else if (ctx.snap.home.enrolled) Hint(ctx.tr("ui.municipality.no_devices"));
    else Hint(ctx.tr("ui.municipality.devices_offline"));
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("devices", 6, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_device").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_person").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_role").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_status").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_enrolled").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_last_seen").c_str());
  widgets::HeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(devices.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const view::DeviceStatusRow& d = devices[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const std::string label = d.device_name.empty() ? d.device_id.substr(0, 12) : d.device_name;
      ImGui::TextUnformatted(label.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", d.device_id.c_str());
      ImGui::TableSetColumnIndex(1);
      const std::string person =
          d.person_name.empty()
              ? ctx.text.format("ui.municipality.unknown_person", {{"id", d.person_id.substr(0, 13)}})
              : d.person_name;
      ImGui::TextUnformatted(person.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(ctx.enum_label("role", d.role).c_str());
      ImGui::TableSetColumnIndex(3);
      if (d.status == "revoked") ImGui::PushStyleColor(ImGuiCol_Text, palette::kDeficit);
      ImGui::TextUnformatted(ctx.tr("ui.municipality.status_" + d.status).c_str());
      if (d.status == "revoked") ImGui::PopStyleColor();
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(ctx.text.date_time(d.enrolled_ms).c_str());
      ImGui::TableSetColumnIndex(5);
      ImGui::TextUnformatted(d.last_seen_ms ? ctx.text.date_time(d.last_seen_ms).c_str() : "—");
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace nastavnik::ui
