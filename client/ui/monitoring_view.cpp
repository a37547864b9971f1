#include "client/ui/monitoring_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "client/ui/item_marks.h"
#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/bar_chart.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/text_fit.h"

namespace nastavnik::ui {
namespace {

constexpr const char* kFormats[] = {"pdf", "xlsx", "csv"};

// A value as the reader writes it: a share in percent, a mean with two decimals, a count whole.
std::string Shown(const Catalog& text, const view::MonitoringRow& row, const std::optional<double>& v) {
  if (!v) return "—";
  if (row.unit == "share") return text.percent(*v);
  if (row.unit == "count") return text.number(*v, std::fabs(*v - std::round(*v)) < 1e-9 ? 0 : 1);
  return text.number(*v, 2);
}

// "2026/27-1" as people say it: «1-е полугодие 2026/27».
std::string PeriodLabel(const FrameContext& ctx, const std::string& id) {
  if (id.size() != 9) return id;
  return ctx.text.render(Message("ui.monitoring.period_label")
                             .with("half", id.substr(8) == "1" ? "first" : "second")
                             .with("years", id.substr(0, 7)));
}

void ChangeCell(const FrameContext& ctx, const view::MonitoringRow& row, int period) {
  if (period <= 0) {
    ImGui::TextDisabled("—");
    return;
  }
  const auto& now = row.values[static_cast<size_t>(period)];
  const auto& before = row.values[static_cast<size_t>(period - 1)];
  if (!now || !before) {
    ImGui::TextDisabled("—");
    return;
  }
  if (std::fabs(*now - *before) < 1e-9) {
    ImGui::TextDisabled("= %s", ctx.tr("ui.monitoring.same").c_str());
    return;
  }
  const bool up = *now > *before;
  const bool better = (up && row.better == "higher") || (!up && row.better == "lower");
  ImGui::TextColored(better ? palette::OkText() : palette::ErrorText(), "%s %s", up ? "▲" : "▼",
                     ctx.tr(better ? "ui.monitoring.better" : "ui.monitoring.worse").c_str());
}

}  // namespace

void MonitoringView::DrawContent(FrameContext& ctx) {
  const view::MonitoringData& data = ctx.snap.monitoring;
  if (!ctx.snap.monitoring_error.empty()) {
    ErrorText(ctx.tr("ui.monitoring.no_catalogue"));
    WrappedTooltip(ctx.snap.monitoring_error);
    return;
  }
  if (data.periods.empty()) {
    Hint(ctx.tr("ui.monitoring.no_data"));
    return;
  }
  const int last = static_cast<int>(data.periods.size()) - 1;
  const int period = period_ < 0 || period_ > last ? last : period_;

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.tr("ui.monitoring.period").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  if (ImGui::BeginCombo("##period", PeriodLabel(ctx, data.periods[static_cast<size_t>(period)]).c_str())) {
    for (int i = last; i >= 0; --i) {
      const bool chosen = i == period;
      if (ImGui::Selectable(PeriodLabel(ctx, data.periods[static_cast<size_t>(i)]).c_str(), chosen)) period_ = i;
      MarkInScope(data.periods[static_cast<size_t>(i)]);
      if (chosen) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  Mark("monitoring.period");
  if (period > 0) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", ctx.text.render(Message("ui.monitoring.compared_with")
                                                  .with("period", PeriodLabel(ctx, data.periods[static_cast<size_t>(period - 1)])))
                                  .c_str());
  }

  const float details_h = ImGui::GetContentRegionAvail().y * 0.42f;
  ImGui::BeginChild("tables", ImVec2(0, -details_h), false);
  if (ImGui::BeginTabBar("levels")) {
    for (const char* level : {"municipality", "pair", "school"}) {
      if (ImGui::BeginTabItem(ctx.tr(std::string("ui.monitoring.tab_") + level).c_str())) {
        DrawTable(ctx, level, period);
        ImGui::EndTabItem();
      }
      Mark(std::string("monitoring.tab.") + level);
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  const SplitWidths split = SplitListAndForm(0.45f, 22.0f);
  ImGui::BeginChild("details", ImVec2(split.list, 0), true);
  DrawDetails(ctx, period);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("report", ImVec2(split.form, 0), true);
  DrawReport(ctx, period);
  ImGui::EndChild();
}

void MonitoringView::DrawTable(FrameContext& ctx, const std::string& level, int period) {
  const view::MonitoringData& data = ctx.snap.monitoring;
  const bool by_subject = level != "municipality";
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("indicators", by_subject ? 5 : 4, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  if (by_subject)
    ImGui::TableSetupColumn(ctx.tr(level == "pair" ? "ui.monitoring.col_pair" : "ui.monitoring.col_school").c_str(),
                            ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn(ctx.tr("ui.monitoring.col_indicator").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.4f);
  const float number_w = ImGui::CalcTextSize("100,0 %  ").x + ImGui::GetStyle().CellPadding.x * 2;
  ImGui::TableSetupColumn(ctx.tr("ui.monitoring.col_value").c_str(), ImGuiTableColumnFlags_WidthFixed, number_w);
  ImGui::TableSetupColumn(ctx.tr("ui.monitoring.col_previous").c_str(), ImGuiTableColumnFlags_WidthFixed, number_w);
  float change_w = ImGui::CalcTextSize(ctx.tr("ui.monitoring.col_change").c_str()).x;
  for (const char* key : {"ui.monitoring.same", "ui.monitoring.better", "ui.monitoring.worse"})
    change_w = std::max(change_w, ImGui::CalcTextSize(("▲ " + ctx.tr(key)).c_str()).x);
  ImGui::TableSetupColumn(ctx.tr("ui.monitoring.col_change").c_str(), ImGuiTableColumnFlags_WidthFixed,
                          change_w + ImGui::GetStyle().CellPadding.x * 2 + ImGui::GetStyle().ItemSpacing.x);
  ImGui::TableHeadersRow();
  std::string last_subject;
  int shown = 0;
  for (size_t i = 0; i < data.rows.size(); ++i) {
    const view::MonitoringRow& row = data.rows[i];
    if (row.level != level) continue;
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    const ImVec2 top = ImGui::GetCursorPos();
    if (ImGui::Selectable("##row", selected_row_ == static_cast<int>(i),
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
      selected_row_ = static_cast<int>(i);
    if (shown == 0) Mark("monitoring." + level + ".row0");
    ImGui::SetCursorPos(top);
    if (by_subject) {
      // Each pair or school once, above its indicators.
      if (row.subject != last_subject) widgets::WordWrappedText(row.subject);
      last_subject = row.subject;
      ImGui::TableSetColumnIndex(1);
    }
    widgets::WordWrappedText(row.name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Shown(ctx.text, row, row.values[static_cast<size_t>(period)]).c_str());
    ImGui::TableNextColumn();
    if (period > 0) ImGui::TextDisabled("%s", Shown(ctx.text, row, row.values[static_cast<size_t>(period - 1)]).c_str());
    else ImGui::TextDisabled("—");
    ImGui::TableNextColumn();
    ChangeCell(ctx, row, period);
    ImGui::PopID();
    ++shown;
  }
  ImGui::EndTable();
}

void MonitoringView::DrawDetails(FrameContext& ctx, int period) {
  const view::MonitoringData& data = ctx.snap.monitoring;
  if (selected_row_ < 0 || selected_row_ >= static_cast<int>(data.rows.size())) {
    Hint(ctx.tr("ui.monitoring.pick_row"));
    return;
  }
  const view::MonitoringRow& row = data.rows[static_cast<size_t>(selected_row_)];
  SectionTitle(ctx, row.name);
  if (!row.subject.empty()) Hint(row.subject);
  Hint(row.definition + " " + ctx.tr("ui.monitoring.kind_" + row.kind));
  // The values over every half-year, as bars on one scale.
  // Shares in percent, so the bar's number reads like the table's.
  const double scale = row.unit == "share" ? 100.0 : 1.0;
  std::vector<widgets::Bar> bars;
  double max = row.unit == "share" ? 100.0 : 0.0;
  for (size_t i = 0; i < data.periods.size(); ++i) {
    const auto& v = row.values[i];
    bars.push_back({PeriodLabel(ctx, data.periods[i]), v.value_or(0) * scale, false, !v.has_value()});
    if (v) max = std::max(max, *v * scale);
  }
  if (max <= 0) max = 1;
  widgets::BarChartOptions options;
  options.max = row.unit == "share" ? 100.0 : max * 1.1;
  options.decimals = row.unit == "count" ? 0 : row.unit == "share" ? 1 : 2;
  widgets::BarChart("by_period", ctx.text, bars, options);
  const auto& sources = row.sources[static_cast<size_t>(period)];
  ImGui::Spacing();
  ImGui::TextUnformatted(
      ctx.text.render(Message("ui.monitoring.computed_from").with("count", row.source_counts[static_cast<size_t>(period)]))
          .c_str());
  for (const auto& s : sources) {
    ImGui::TextDisabled("%s", ctx.text.date(s.date).c_str());
    ImGui::SameLine();
    widgets::WordWrappedText(s.title.empty() ? ctx.tr("entity." + s.entity) : s.title);
  }
  if (row.source_counts[static_cast<size_t>(period)] > static_cast<int>(sources.size()))
    Hint(ctx.text.render(Message("ui.monitoring.more_sources")
                             .with("count", row.source_counts[static_cast<size_t>(period)] - static_cast<int>(sources.size()))));
}

void MonitoringView::DrawReport(FrameContext& ctx, int period) {
  const view::MonitoringData& data = ctx.snap.monitoring;
  const std::string& period_id = data.periods[static_cast<size_t>(period)];
  SectionTitle(ctx, ctx.tr("ui.monitoring.report"));
  Hint(ctx.text.render(Message("ui.monitoring.report_hint").with("period", PeriodLabel(ctx, period_id))));
  for (int f = 0; f < 3; ++f) {
    if (f > 0) ImGui::SameLine();
    if (ImGui::RadioButton(ctx.tr(std::string("ui.monitoring.format_") + kFormats[f]).c_str(), format_ == f)) format_ = f;
  }
  // The default file follows the period and format until the person types another.
  const std::string key = period_id + "|" + kFormats[format_];
  if (path_for_ != key) {
    std::string stem = "monitoring-" + period_id;
    std::replace(stem.begin(), stem.end(), '/', '-');
    path_ = (std::filesystem::path(ctx.app.export_dir) / (stem + "." + kFormats[format_])).string();
    path_for_ = key;
  }
  ImGui::TextUnformatted(ctx.tr("ui.monitoring.save_to").c_str());
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputText("##path", &path_);
  Mark("monitoring.report_path");
  if (Button(ctx.tr("ui.monitoring.write_report"), !path_.empty()))
    ctx.out.post(command::WriteReport{period_id, kFormats[format_], path_});
  Mark("monitoring.write_report");
  if (ctx.snap.feedback.form == "write_report") {
    const std::string said = ctx.text.render(ctx.snap.feedback.message);
    if (ctx.snap.feedback.ok) SuccessText(said);
    else {
      ErrorText(said);
      if (!ctx.snap.feedback.detail.empty()) WrappedTooltip(ctx.snap.feedback.detail);
    }
  }
}

}  // namespace nastavnik::ui
