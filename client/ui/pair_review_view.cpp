#include "client/ui/pair_review_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/gantt_chart.h"
#include "client/ui/widgets/legend.h"
#include "client/ui/widgets/month_activity_chart.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/pickers.h"
#include "client/ui/widgets/stage_progress.h"
#include "client/ui/widgets/trend_chart.h"

namespace nastavnik::ui {
namespace {

RecordFormSpec ReviewFormSpec() {
  RecordFormSpec spec;
  spec.entity = "pair_review";
  spec.draft_key = "form.pair_review";
  spec.fields = {{"date"}, {"summary", widgets::FieldLook::kTextArea}, {"recommendations", widgets::FieldLook::kTextArea}};
  spec.new_title_key = "ui.pair.write_review";
  spec.edit_title_key = "ui.pair.write_review";
  spec.saved_key = "ui.pair.review_saved";
  spec.new_button_key = "ui.pair.write_review";
  spec.opens_from_list = false;
  spec.label_em = 7.0f;
  spec.defaults = [](const FrameContext& ctx) { return nlohmann::json{{"date", ctx.app.today}}; };
  // The review is of the pair shown, by the person using the device.
  spec.complete = [](const FrameContext& ctx, nlohmann::json* fields) {
    (*fields)["pair_id"] = ctx.snap.pair_card.pair.id;
    if (!ctx.snap.home.me.id.empty()) (*fields)["author_id"] = ctx.snap.home.me.id;
  };
  return spec;
}

ImU32 KindColor(const std::string& entity) {
  if (entity == "mentoring_session") return palette::kSessions;
  if (entity == "lesson_visit") return palette::kVisits;
  if (entity == "roadmap_event") return palette::kPlanned;
  if (entity == "pair_review") return palette::kGood;
  return palette::series_color(6);
}

}  // namespace

PairReviewView::PairReviewView() : View("pair_review", "ui.pair.title"), review_form_(ReviewFormSpec()) {}

void PairReviewView::DrawContent(FrameContext& ctx) {
  const view::PairCard& card = ctx.snap.pair_card;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.tr("ui.pair.pick").c_str());
  ImGui::SameLine();
  std::string picked = card.pair.id;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (widgets::PairCombo("##pair", ctx.snap.pairs, &picked, nullptr) && picked != card.pair.id)
    ctx.out.post(command::SelectPair{picked});
  if (card.pair.id.empty()) {
    Hint(ctx.tr(ctx.snap.pairs.empty() ? "ui.pair.no_pairs" : "ui.pair.select_hint"));
    return;
  }
  const SplitWidths split = SplitListAndForm(0.38f, 22.0f);
  ImGui::BeginChild("card", ImVec2(split.form, 0), true);
  DrawCard(ctx);
  if (review_form_.MayCreate(ctx)) review_form_.Draw(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("charts", ImVec2(0, 0), false);
  if (ImGui::BeginTabBar("pair_tabs")) {
    if (ImGui::BeginTabItem(ctx.tr("ui.pair.tab_progress").c_str())) {
      DrawStages(ctx);
      DrawActivity(ctx);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(ctx.tr("ui.pair.tab_chronicle").c_str())) {
      DrawChronicle(ctx, 0);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(ctx.tr("ui.pair.tab_trends").c_str())) {
      DrawTrends(ctx);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  review_form_.DrawModals(ctx);
}

void PairReviewView::DrawCard(FrameContext& ctx) {
  const view::PairCard& card = ctx.snap.pair_card;
  const char* E = "pair";
  auto line = [](const std::string& label, const std::string& value) {
    ImGui::TextDisabled("%s:", label.c_str());
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.empty() ? "—" : value.c_str());
    ImGui::PopTextWrapPos();
  };
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(ShownName(ctx.text, card.pair.low_school).c_str());
  if (ctx.heading_font) ImGui::PopFont();
  if (ImGui::IsItemHovered()) WrappedTooltip(card.pair.low_school_full);
  ImGui::TextDisabled("%s", ctx.tr("ui.pair.partner_arrow").c_str());
  ImGui::SameLine();
  ImGui::TextUnformatted(ShownName(ctx.text, card.pair.partner_school).c_str());
  if (ImGui::IsItemHovered()) WrappedTooltip(card.pair.partner_school_full);
  ImGui::PopTextWrapPos();
  std::string agreement = card.agreement_number.empty() ? "" : "№ " + card.agreement_number;
  if (!card.agreement_date.empty())
    agreement += (agreement.empty() ? "" : ctx.tr("ui.pair.dated")) + ctx.text.date(card.agreement_date);
  line(ctx.tr("ui.pair.agreement"), agreement);
  line(ctx.tr("ui.pair.period"), card.period_start.empty() && card.period_end.empty()
                                     ? ""
                                     : ctx.text.date(card.period_start) + " – " + ctx.text.date(card.period_end));
  std::string model = card.model.empty() ? "" : ctx.enum_label("pair_model", card.model);
  if (!card.direction.empty()) model += (model.empty() ? "" : ", ") + ctx.enum_label("pair_direction", card.direction);
  line(ctx.field_label(E, "model"), model);

  SectionTitle(ctx, ctx.field_label(E, "problem_zones"));
  if (card.problem_zones.empty()) ImGui::TextDisabled("—");
  for (size_t i = 0; i < card.problem_zones.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::Bullet();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(card.problem_zones[i].c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
  if (!card.topics.empty() && ImGui::CollapsingHeader(ctx.field_label(E, "topics").c_str())) {
    for (size_t i = 0; i < card.topics.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::Bullet();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(card.topics[i].c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopID();
    }
  }
  SectionTitle(ctx, ctx.tr("ui.pair.people"));
  auto names = [&](const std::vector<view::PersonRef>& people) {
    std::string out;
    for (const auto& p : people) out += (out.empty() ? "" : ", ") + ShownName(ctx.text, p.name);
    return out;
  };
  line(ctx.tr("ui.pair.mentors"), names(card.mentors));
  line(ctx.tr("ui.pair.mentees"), names(card.mentees));

  SectionTitle(ctx, ctx.tr("ui.pair.reviews"));
  if (card.reviews.empty()) Hint(ctx.tr("ui.pair.no_reviews"));
  for (size_t i = 0; i < card.reviews.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::TextDisabled("%s", ctx.text.date(card.reviews[i].date).c_str());
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(card.reviews[i].title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
}

void PairReviewView::DrawStages(FrameContext& ctx) {
  SectionTitle(ctx, ctx.tr("ui.pair.stages"));
  Hint(ctx.tr("ui.pair.stages_hint"));
  widgets::StageProgressChart("stages", ctx.text, ctx.snap.pair_card.stages);
}

void PairReviewView::DrawActivity(FrameContext& ctx) {
  const auto& months = ctx.snap.pair_card.plan_vs_done;
  SectionTitle(ctx, ctx.tr("ui.pair.plan_vs_done"));
  if (months.empty()) {
    Hint(ctx.tr("ui.pair.no_activity"));
    return;
  }
  std::vector<std::string> labels;
  widgets::MonthSeries planned{ctx.tr("ui.pair.series_planned"), palette::kPlanned, {}, true};
  widgets::MonthSeries done{ctx.tr("ui.pair.series_done"), palette::kDone, {}, false};
  widgets::MonthSeries sessions{ctx.tr("ui.pair.series_sessions"), palette::kSessions, {}, false};
  widgets::MonthSeries visits{ctx.tr("ui.pair.series_visits"), palette::kVisits, {}, false};
  int planned_total = 0, done_total = 0;
  for (const auto& m : months) {
    labels.push_back(MonthLabel(ctx.text, m.month, true));
    planned.values.push_back(m.events_planned);
    done.values.push_back(m.events_done);
    sessions.values.push_back(m.sessions);
    visits.values.push_back(m.visits);
    planned_total += m.events_planned;
    done_total += m.events_done;
  }
  // Events and sessions are counted on different scales (a few events, dozens of sessions):
  // each panel has its own axis so neither shrinks to a line.
  ImGui::TextUnformatted(
      ctx.text.render(Message("ui.pair.events_summary").with("done", done_total).with("planned", planned_total)).c_str());
  const float panel_h = std::max(90.0f, ImGui::GetFontSize() * 6.0f);
  widgets::MonthActivityChart("events", labels, {planned, done}, panel_h);
  widgets::MonthActivityChart("sessions", labels, {sessions, visits}, panel_h);
}

void PairReviewView::DrawChronicle(FrameContext& ctx, float) {
  const auto& timeline = ctx.snap.pair_card.timeline;
  if (timeline.empty()) {
    Hint(ctx.tr("ui.pair.no_timeline"));
    return;
  }
  // One lane per kind of record, each record a mark at its date.
  std::map<std::string, widgets::GanttRow> lanes;
  for (const auto& e : timeline) {
    widgets::GanttRow& lane = lanes[e.entity];
    lane.label = EntityLabel(ctx.text, e.entity);
    lane.marks.push_back({e.date, "", KindColor(e.entity), ctx.text.date(e.date) + " · " + ShownName(ctx.text, e.title)});
  }
  std::vector<widgets::GanttRow> rows;
  std::vector<widgets::LegendEntry> legend;
  for (const char* kind : {"roadmap_event", "mentoring_session", "lesson_visit", "pair_review", "assignment"}) {
    auto it = lanes.find(kind);
    if (it == lanes.end()) continue;
    legend.push_back({KindColor(kind), it->second.label + " (" + std::to_string(it->second.marks.size()) + ")"});
    rows.push_back(std::move(it->second));
  }
  widgets::GanttChart("chronicle", ctx.text, rows, legend, ctx.app.today, "");
}

void PairReviewView::DrawTrends(FrameContext& ctx) {
  const auto& trends = ctx.snap.pair_card.mentee_trends;
  if (trends.empty()) {
    Hint(ctx.tr(ctx.snap.pair_card.mentees.empty() ? "ui.pair.no_mentees" : "ui.pair.no_trends"));
    return;
  }
  // One legend for all charts: the areas share colours and markers.
  const view::AssessmentTrend& first = trends.front();
  std::vector<widgets::LegendEntry> legend;
  for (size_t a = 0; a < first.area_titles.size(); ++a)
    legend.push_back({palette::series_color(static_cast<int>(a)), first.area_titles[a], widgets::LegendMark::kLine,
                      static_cast<int>(a) / palette::kSeriesColors});
  widgets::Legend(legend);
  ImGui::BeginChild("trend_charts", ImVec2(0, 0), false);
  const int columns = ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 40 ? 2 : 1;
  if (ImGui::BeginTable("trends", columns, ImGuiTableFlags_SizingStretchSame)) {
    for (size_t t = 0; t < trends.size(); ++t) {
      const view::AssessmentTrend& trend = trends[t];
      ImGui::PushID(static_cast<int>(t));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ShownName(ctx.text, widgets::PersonName(ctx.snap.people, trend.person_id, view::kNameElsewhere)).c_str());
      const Instrument* in = ctx.instruments ? ctx.instruments->latest(trend.instrument_id) : nullptr;
      std::vector<widgets::LineSeries> series = TrendSeries(trend);
      std::vector<std::string> dates;
      for (const auto& d : trend.dates) dates.push_back(ctx.text.date(d));
      widgets::TrendChartOptions options;
      options.y_min = in ? in->scale_min : 0;
      options.y_max = in ? in->scale_max : 3;
      options.threshold = in ? in->threshold : -1;
      options.height = std::max(110.0f, ImGui::GetFontSize() * 8.0f);
      options.legend = false;
      widgets::TrendChart("trend", ctx.text, dates, series, options);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
}

}  // namespace nastavnik::ui
