#include "client/ui/monitoring_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "client/ui/item_marks.h"
#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/bar_chart.h"
#include "client/ui/widgets/field_input.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/pickers.h"
#include "client/ui/widgets/table_headers.h"
#include "client/ui/widgets/text_fit.h"
#include "shared/domain/schema.h"
#include "shared/monitoring/period_text.h"

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

std::string PeriodLabel(const FrameContext& ctx, const std::string& id) { return monitoring::period_label(ctx.text, id); }

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
  if (!ctx.snap.monitoring_ready) {
    // The model computes the indicators only for a screen that shows them.
    ctx.out.post(command::ShowMonitoring{});
    Hint(ctx.tr("ui.monitoring.computing"));
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

  // The risk register and the notes take the whole height for their forms; the indicator
  // tabs leave the lower part to an indicator's details and the report.
  const float details_h = records_tab_ ? 0.0f : ImGui::GetContentRegionAvail().y * 0.42f;
  ImGui::BeginChild("tables", ImVec2(0, -details_h), false);
  bool records_tab = false;
  if (ImGui::BeginTabBar("levels")) {
    for (const char* level : {"municipality", "pair", "school"}) {
      if (ImGui::BeginTabItem(ctx.tr(std::string("ui.monitoring.tab_") + level).c_str())) {
        DrawTable(ctx, level, period);
        ImGui::EndTabItem();
      }
      Mark(std::string("monitoring.tab.") + level);
    }
    if (ImGui::BeginTabItem(ctx.tr("ui.monitoring.tab_reported").c_str())) {
      DrawReported(ctx, period);
      ImGui::EndTabItem();
    }
    Mark("monitoring.tab.reported");
    if (ImGui::BeginTabItem(ctx.tr("ui.monitoring.tab_risks").c_str())) {
      records_.DrawRisks(ctx);
      records_tab = true;
      ImGui::EndTabItem();
    }
    Mark("monitoring.tab.risks");
    if (ImGui::BeginTabItem(ctx.tr("ui.monitoring.tab_notes").c_str())) {
      records_.DrawNotes(ctx, data.periods[static_cast<size_t>(period)]);
      records_tab = true;
      ImGui::EndTabItem();
    }
    Mark("monitoring.tab.notes");
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  records_.DrawModals(ctx);
  DrawPreview(ctx);
  if (records_tab != records_tab_) {
    records_tab_ = records_tab;
    return;
  }
  if (records_tab_) return;
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
  widgets::HeadersRow();
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
  SameLineIfFits(ImGui::CalcTextSize(ctx.tr("ui.monitoring.preview").c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
  if (Button(ctx.tr("ui.monitoring.preview"))) ctx.out.post(command::PreviewReport{period_id});
  Mark("monitoring.preview");
  if (ctx.snap.feedback.form == "preview_report" && !ctx.snap.feedback.ok) {
    ErrorText(ctx.text.render(ctx.snap.feedback.message));
    if (!ctx.snap.feedback.detail.empty()) WrappedTooltip(ctx.snap.feedback.detail);
  }
  if (ctx.snap.feedback.form == "write_report") {
    const std::string said = ctx.text.render(ctx.snap.feedback.message);
    if (ctx.snap.feedback.ok) SuccessText(said);
    else {
      ErrorText(said);
      if (!ctx.snap.feedback.detail.empty()) WrappedTooltip(ctx.snap.feedback.detail);
    }
  }
}

// The report's pages as the PDF prints them, one at a time, fitted to the window's width.
void MonitoringView::DrawPreview(FrameContext& ctx) {
  const auto& preview = ctx.snap.report_preview;
  page_textures_.Sync(preview);
  if (!preview) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x * 0.8f, viewport->WorkSize.y * 0.9f), ImGuiCond_Appearing);
  ImGui::SetNextWindowBgAlpha(1.0f);  // a page over the screen, not the screen through it
  bool open = true;
  const std::string title =
      ctx.text.render(Message("ui.monitoring.preview_title").with("period", PeriodLabel(ctx, preview->period))) +
      "###report_preview";
  if (ImGui::Begin(title.c_str(), &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    const int shown = static_cast<int>(page_textures_.size());
    preview_page_ = std::clamp(preview_page_, 0, std::max(0, shown - 1));
    if (Button("‹", preview_page_ > 0)) --preview_page_;
    Mark("monitoring.preview.previous");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ctx.text.render(Message("ui.monitoring.preview_page")
                                               .with("page", preview_page_ + 1)
                                               .with("total", preview->total_pages))
                               .c_str());
    ImGui::SameLine();
    if (Button("›", preview_page_ + 1 < shown)) ++preview_page_;
    Mark("monitoring.preview.next");
    ImGui::SameLine();
    ImGui::Checkbox(ctx.tr("ui.monitoring.preview_fit_width").c_str(), &preview_fit_width_);
    Mark("monitoring.preview.fit_width");
    if (preview->total_pages > shown) Hint(ctx.text.render(Message("ui.monitoring.preview_more").with("count", shown)));
    ImGui::BeginChild("page", ImVec2(0, 0), true);
    if (shown > 0) {
      // The whole page in view, or its width filling the window (then it scrolls).
      const report::PageImage& page = preview->pages[static_cast<size_t>(preview_page_)];
      const ImVec2 room = ImGui::GetContentRegionAvail();
      const float aspect = static_cast<float>(page.height) / static_cast<float>(page.width);
      const float width = std::max(1.0f, preview_fit_width_ ? room.x : std::min(room.x, room.y / aspect));
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (room.x - width) * 0.5f);
      ImGui::Image(page_textures_.texture(static_cast<size_t>(preview_page_)), ImVec2(width, width * aspect));
    }
    ImGui::EndChild();
  }
  ImGui::End();
  if (!open) {
    ctx.out.post(command::ClosePreview{});
    preview_page_ = 0;
  }
}

// Which schools have reported their figures for the period, and which figures are missing;
// beside it, the form a school team (or a methodologist) enters a figure with.
void MonitoringView::DrawReported(FrameContext& ctx, int period) {
  const view::MonitoringData& data = ctx.snap.monitoring;
  const std::string& period_id = data.periods[static_cast<size_t>(period)];
  struct SchoolStatus {
    std::string name;
    int reported = 0, expected = 0;
    std::string missing;
  };
  std::map<std::string, SchoolStatus> schools;
  for (const view::MonitoringRow& row : data.rows) {
    if (!row.reported || row.level != "school") continue;
    SchoolStatus& s = schools[row.subject_id];
    s.name = row.subject;
    ++s.expected;
    if (row.values[static_cast<size_t>(period)]) ++s.reported;
    else s.missing += (s.missing.empty() ? "" : "; ") + row.name;
  }
  const SplitWidths split = SplitListAndForm(0.4f, 20.0f);
  ImGui::BeginChild("reported_list", ImVec2(split.list, 0), false);
  int complete = 0;
  for (const auto& [id, s] : schools) complete += s.reported == s.expected ? 1 : 0;
  ImGui::TextUnformatted(ctx.text.render(Message("ui.monitoring.reported_summary")
                                             .with("done", complete)
                                             .with("total", static_cast<int>(schools.size())))
                             .c_str());
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (ImGui::BeginTable("reported", 3, kFlags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr("ui.monitoring.col_school").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(ctx.tr("ui.monitoring.col_reported").c_str(), ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("00 / 00  ").x + ImGui::GetStyle().CellPadding.x * 2);
    ImGui::TableSetupColumn(ctx.tr("ui.monitoring.col_missing").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    widgets::HeadersRow();
    for (const auto& [id, s] : schools) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      widgets::WordWrappedText(s.name);
      ImGui::TableNextColumn();
      ImGui::TextColored(s.reported == s.expected ? palette::OkText() : palette::WarnText(), "%d / %d", s.reported,
                         s.expected);
      ImGui::TableNextColumn();
      if (s.missing.empty()) ImGui::TextDisabled("—");
      else widgets::WordWrappedText(s.missing, true);
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("reported_form", ImVec2(split.form, 0), true);
  DrawReportedForm(ctx, period_id);
  ImGui::EndChild();
}

void MonitoringView::DrawReportedForm(FrameContext& ctx, const std::string& period_id) {
  const view::MonitoringData& data = ctx.snap.monitoring;
  SectionTitle(ctx, ctx.tr("ui.monitoring.enter_figure"));
  const auto& roles = ctx.snap.home.roles;
  const bool methodologist = std::find(roles.begin(), roles.end(), "methodologist") != roles.end();
  const bool school_team = std::find(roles.begin(), roles.end(), "school_admin") != roles.end();
  if (!methodologist && !school_team) {
    Hint(ctx.tr("write.refused.school_team"));
    return;
  }
  // A school team reports for its own school; a methodologist for any.
  if (!methodologist) entry_school_ = ctx.snap.home.school_id;
  std::vector<widgets::Choice> schools, indicators;
  const view::MonitoringRow* chosen = nullptr;
  for (const view::MonitoringRow& row : data.rows) {
    if (!row.reported || row.level != "school") continue;
    if (std::none_of(schools.begin(), schools.end(), [&](const auto& c) { return c.id == row.subject_id; }))
      schools.push_back({row.subject_id, row.subject, ""});
    if (std::none_of(indicators.begin(), indicators.end(), [&](const auto& c) { return c.id == row.indicator_id; }))
      indicators.push_back({row.indicator_id, row.name, row.definition});
    if (row.indicator_id == entry_indicator_ && row.subject_id == entry_school_) chosen = &row;
  }
  if (widgets::BeginForm("figure", ImGui::GetFontSize() * 7.0f)) {
    widgets::FormRow(ctx.field_label("indicator_value", "school_id").c_str(), true);
    PushMarkScope("monitoring.figure.school");  // the combo and each of its options
    if (methodologist) widgets::ChoiceCombo("##school", schools, &entry_school_, nullptr, ctx.tr("ui.common.choose").c_str());
    else {
      auto own = std::find_if(schools.begin(), schools.end(), [&](const auto& c) { return c.id == entry_school_; });
      ImGui::TextUnformatted(own == schools.end() ? "—" : own->label.c_str());
    }
    PopMarkScope();
    widgets::FormRow(ctx.field_label("indicator_value", "indicator").c_str(), true);
    PushMarkScope("monitoring.figure.indicator");
    widgets::ChoiceCombo("##indicator", indicators, &entry_indicator_, nullptr, ctx.tr("ui.common.choose").c_str());
    PopMarkScope();
    widgets::FormRow(ctx.field_label("indicator_value", "period").c_str(), true);
    ImGui::TextUnformatted(PeriodLabel(ctx, period_id).c_str());
    widgets::FormRow(ctx.field_label("indicator_value", "value").c_str(), true);
    // Typed with the reader's decimal separator («0,71»), like every number field.
    PushMarkScope("monitoring.figure.value");
    if (const EntitySchema* entity = DomainSchema::instance().entity("indicator_value"))
      if (const FieldSchema* value = entity->field("value")) {
        widgets::FieldInputState unused;
        widgets::FieldInput(ctx.text, *value, widgets::FieldLook::kAuto, &entry_, &unused, {});
      }
    PopMarkScope();
    widgets::EndForm();
  }
  if (chosen) {
    Hint(ctx.text.render(Message("ui.monitoring.figure_range")
                             .with("min", ctx.text.number(chosen->min, 2))
                             .with("max", ctx.text.number(chosen->max, 2))));
    const auto& now = chosen->values[static_cast<size_t>(std::find(data.periods.begin(), data.periods.end(), period_id) -
                                                         data.periods.begin())];
    if (now) Hint(ctx.text.render(Message("ui.monitoring.figure_current").with("value", ctx.text.number(*now, 2))));
  }
  const bool ready = !entry_school_.empty() && !entry_indicator_.empty() && entry_.contains("value");
  if (Button(ctx.tr("ui.common.save"), ready))
    ctx.out.post(command::SaveRecord{"indicator_value", "",
                                     nlohmann::json{{"school_id", entry_school_},
                                                    {"indicator", entry_indicator_},
                                                    {"period", period_id},
                                                    {"value", entry_["value"]}},
                                     "form.indicator_value"});
  Mark("monitoring.figure.save");
  if (ctx.snap.feedback.form == "form.indicator_value") {
    if (ctx.snap.feedback.ok) {
      SuccessText(ctx.tr("ui.monitoring.figure_saved"));
    } else {
      ErrorText(ctx.text.render(ctx.snap.feedback.message));
      for (const auto& e : ctx.snap.feedback.field_errors) ErrorText(render_error(e, ctx.text));
    }
  }
}

}  // namespace nastavnik::ui
