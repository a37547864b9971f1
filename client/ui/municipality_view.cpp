#include "client/ui/municipality_view.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/heatmap.h"
#include "client/ui/widgets/palette.h"

namespace nastavnik::ui {

void MunicipalityView::DrawContent(FrameContext& ctx) {
  DrawPairs(ctx);
  DrawHeatmap(ctx);
  DrawDevices(ctx);
}

void MunicipalityView::ExportButton(FrameContext& ctx, ExportTable table) {
  ImGui::SameLine();
  ImGui::PushID(static_cast<int>(table));
  const std::string label = ctx.tr("ui.common.export_csv");
  const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
  if (ImGui::SmallButton(label.c_str())) ctx.out.request(request::ExportCsv{table, ctx.app.export_dir});
  ImGui::PopID();
}

void MunicipalityView::DrawPairs(FrameContext& ctx) {
  const auto& pairs = ctx.snap.municipality.pairs;
  SectionTitle(ctx, ctx.tr("ui.municipality.pairs"));
  ExportButton(ctx, ExportTable::kPairActivity);
  if (pairs.empty()) {
    Hint(ctx.tr("ui.municipality.no_pairs"));
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_BordersV | ImGuiTableFlags_SizingStretchProp |
                                     ImGuiTableFlags_ScrollY;
  const float rows_h =
      ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(std::min<size_t>(pairs.size(), 8) + 1) +
      ImGui::GetStyle().CellPadding.y * 2 * static_cast<float>(std::min<size_t>(pairs.size(), 8) + 1);
  if (!ImGui::BeginTable("pairs", 7, kFlags, ImVec2(0, rows_h + 4))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.field_label("pair", "low_school_id").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(ctx.field_label("pair", "partner_school_id").c_str(),
                          ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_sessions").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_visits").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_events").c_str(), ImGuiTableColumnFlags_WidthStretch,
                          1.0f);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_last_activity").c_str(),
                          ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_open").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(pairs.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const view::PairActivityRow& p = pairs[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(p.pair.low_school.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(p.pair.partner_school.c_str());
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
      ImGui::TextUnformatted(p.last_activity.empty() ? "—" : p.last_activity.c_str());
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
  SectionTitle(ctx, ctx.tr("ui.municipality.heatmap"));
  ExportButton(ctx, ExportTable::kDeficitHeatmap);
  Hint(ctx.tr("ui.municipality.heatmap_hint"));
  if (heat.school_names.empty() || heat.area_titles.empty()) {
    Hint(ctx.tr("ui.municipality.no_heatmap"));
    return;
  }
  std::vector<std::string> rows;
  for (size_t i = 0; i < heat.school_names.size(); ++i) {
    std::string row = heat.school_names[i];
    if (i < heat.assessed_teachers.size() && i < heat.teachers.size())
      row += "  (" + std::to_string(heat.assessed_teachers[i]) + "/" + std::to_string(heat.teachers[i]) + ")";
    rows.push_back(std::move(row));
  }
  const std::string no_data = ctx.tr("ui.municipality.no_data");
  widgets::Heatmap("heatmap", rows, heat.area_titles, heat.share, {no_data.c_str(), "0%", "100%"});
}

void MunicipalityView::DrawDevices(FrameContext& ctx) {
  const view::MunicipalityData& data = ctx.snap.municipality;
  const auto& devices = data.devices;
  SectionTitle(ctx, ctx.tr("ui.municipality.devices"));
  ExportButton(ctx, ExportTable::kDevices);
  const bool can_refresh = ctx.snap.home.enrolled && !data.devices_refreshing && !ctx.snap.sync.running;
  if (Button(ctx.tr("ui.municipality.refresh_devices"), can_refresh)) ctx.out.post(command::RefreshDevices{});
  ImGui::SameLine();
  if (data.devices_refreshing) {
    ImGui::TextDisabled("%s", ctx.tr("ui.municipality.devices_refreshing").c_str());
  } else if (data.devices_fetched_ms != 0) {
    const std::string fetched =
        ctx.text.format("ui.municipality.devices_fetched", {{"time", FormatTime(data.devices_fetched_ms)}});
    ImGui::TextDisabled("%s", fetched.c_str());
  } else {
    ImGui::NewLine();
  }
  if (!data.devices_error.empty()) {
    ErrorText(ctx.tr("ui.municipality.devices_error." + data.devices_error));
    // The server's or the store's own words, for whoever helps the methodologist.
    if (!data.devices_error_detail.empty() && ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", data.devices_error_detail.c_str());
  }
  if (devices.empty()) {
    if (data.devices_fetched_ms != 0) Hint(ctx.tr("ui.municipality.devices_none_enrolled"));
    else if (ctx.snap.home.enrolled) Hint(ctx.tr("ui.municipality.no_devices"));
    else Hint(ctx.tr("ui.municipality.devices_offline"));
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("devices", 6, kFlags, ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 8))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_device").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_person").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_role").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_status").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_enrolled").c_str());
  ImGui::TableSetupColumn(ctx.tr("ui.municipality.col_last_seen").c_str());
  ImGui::TableHeadersRow();
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
      ImGui::TextUnformatted(FormatTime(d.enrolled_ms).c_str());
      ImGui::TableSetColumnIndex(5);
      ImGui::TextUnformatted(d.last_seen_ms ? FormatTime(d.last_seen_ms).c_str() : "—");
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace nastavnik::ui
