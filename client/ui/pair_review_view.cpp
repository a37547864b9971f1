#include "client/ui/pair_review_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/date_input.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/month_activity_chart.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/pickers.h"
#include "client/ui/widgets/trend_chart.h"

namespace nastavnik::ui {

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
  const float left_w = ImGui::GetContentRegionAvail().x * 0.40f;
  ImGui::BeginChild("card", ImVec2(left_w, 0), true);
  DrawCard(ctx);
  DrawReviewForm(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("charts", ImVec2(0, 0), false);
  DrawActivity(ctx);
  DrawTimeline(ctx, ImGui::GetTextLineHeightWithSpacing() * 7.5f);
  DrawTrends(ctx);
  ImGui::EndChild();
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
  ImGui::TextUnformatted(card.pair.low_school.c_str());
  if (ctx.heading_font) ImGui::PopFont();
  ImGui::TextDisabled("%s", ctx.tr("ui.pair.partner_arrow").c_str());
  ImGui::SameLine();
  ImGui::TextUnformatted(card.pair.partner_school.c_str());
  ImGui::PopTextWrapPos();
  std::string agreement = card.agreement_number.empty() ? "" : "№ " + card.agreement_number;
  if (!card.agreement_date.empty())
    agreement += (agreement.empty() ? "" : ctx.tr("ui.pair.dated")) + card.agreement_date;
  line(ctx.tr("ui.pair.agreement"), agreement);
  line(ctx.tr("ui.pair.period"), card.period_start.empty() && card.period_end.empty()
                                     ? ""
                                     : card.period_start + " – " + card.period_end);
  std::string model = card.model.empty() ? "" : ctx.enum_label("pair_model", card.model);
  if (!card.direction.empty())
    model += (model.empty() ? "" : ", ") + ctx.enum_label("pair_direction", card.direction);
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
  auto names = [](const std::vector<view::PersonRef>& people) {
    std::string out;
    for (const auto& p : people) out += (out.empty() ? "" : ", ") + p.name;
    return out;
  };
  line(ctx.tr("ui.pair.mentors"), names(card.mentors));
  line(ctx.tr("ui.pair.mentees"), names(card.mentees));

  SectionTitle(ctx, ctx.tr("ui.pair.reviews"));
  if (card.reviews.empty()) ImGui::TextDisabled("%s", ctx.tr("ui.pair.no_reviews").c_str());
  for (size_t i = 0; i < card.reviews.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::TextDisabled("%s", card.reviews[i].date.c_str());
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(card.reviews[i].title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
}

void PairReviewView::DrawReviewForm(FrameContext& ctx) {
  if (!form_initialised_ && ctx.snap.version > 0) {
    form_initialised_ = true;
    date_ = ctx.app.today;
  }
  if (const nlohmann::json* draft = state_.RestoreOnce(ctx.snap)) {
    date_ = draft->value("date", date_);
    summary_ = draft->value("summary", "");
    recommendations_ = draft->value("recommendations", "");
  }
  if (state_.Poll(ctx.snap) == FormState::Outcome::kSaved) {
    saved_message_ = ctx.tr("ui.pair.review_saved");
    summary_.clear();
    recommendations_.clear();
  }
  SectionTitle(ctx, ctx.tr("ui.pair.write_review"));
  const char* E = "pair_review";
  bool changed = false;
  if (widgets::BeginForm("review", ImGui::GetFontSize() * 7.0f)) {
    widgets::FormRow(ctx.field_label(E, "date").c_str(), true);
    changed |= widgets::DateInput("##date", &date_, ctx.tr("ui.common.date_hint").c_str(),
                                  ctx.tr("ui.common.bad_date").c_str());
    widgets::FormError(state_.ErrorFor("date", ctx.text));
    widgets::FormRow(ctx.field_label(E, "summary").c_str(), true);
    changed |= widgets::TextArea("##summary", &summary_, 4);
    widgets::FormError(state_.ErrorFor("summary", ctx.text));
    widgets::FormRow(ctx.field_label(E, "recommendations").c_str());
    changed |= widgets::TextArea("##recommendations", &recommendations_, 3);
    widgets::FormError(state_.ErrorFor("recommendations", ctx.text));
    widgets::EndForm();
  }
  nlohmann::json fields = {{"pair_id", ctx.snap.pair_card.pair.id}, {"author_id", ctx.snap.home.me.id}};
  if (!date_.empty()) fields["date"] = date_;
  if (!summary_.empty()) fields["summary"] = summary_;
  if (!recommendations_.empty()) fields["recommendations"] = recommendations_;
  if (changed) {
    saved_message_.clear();
    state_.ClearErrors();
    state_.Touch(ctx.now);
  }
  state_.MaybeSaveDraft(ctx, fields);
  if (Button(ctx.tr("ui.pair.save_review"), !state_.pending() && widgets::DateOk(date_)))
    state_.Submit(ctx, command::SaveRecord{E, "", fields, ""});
  const std::string general = state_.GeneralError(ctx.text, {"date", "summary", "recommendations"});
  if (!general.empty()) ErrorText(general);
  if (!saved_message_.empty()) SuccessText(saved_message_);
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
  ImGui::TextUnformatted(ctx.text
                             .format("ui.pair.events_summary", {{"done", std::to_string(done_total)},
                                                                {"planned", std::to_string(planned_total)}})
                             .c_str());
  widgets::MonthActivityChart("plan_vs_done", labels, {planned, done, sessions, visits}, 150.0f);
}

void PairReviewView::DrawTimeline(FrameContext& ctx, float height) {
  const auto& timeline = ctx.snap.pair_card.timeline;
  SectionTitle(ctx, ctx.tr("ui.pair.timeline"));
  if (timeline.empty()) {
    Hint(ctx.tr("ui.pair.no_timeline"));
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("timeline", 3, kFlags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("ui.common.date").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.tr("ui.pair.col_kind").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn(ctx.tr("ui.pair.col_title").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(timeline.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const view::TimelineEntry& e = timeline[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(e.date.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(EntityLabel(ctx.text, e.entity).c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(e.title.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void PairReviewView::DrawTrends(FrameContext& ctx) {
  const auto& trends = ctx.snap.pair_card.mentee_trends;
  SectionTitle(ctx, ctx.tr("ui.pair.mentee_trends"));
  if (trends.empty()) {
    Hint(ctx.tr("ui.pair.no_trends"));
    return;
  }
  const int columns = ImGui::GetContentRegionAvail().x > 700 ? 2 : 1;
  if (!ImGui::BeginTable("trends", columns, ImGuiTableFlags_SizingStretchSame)) return;
  for (size_t t = 0; t < trends.size(); ++t) {
    const view::AssessmentTrend& trend = trends[t];
    ImGui::PushID(static_cast<int>(t));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(widgets::PersonName(ctx.snap.people, trend.person_id, trend.person_id).c_str());
    const Instrument* in = ctx.instruments ? ctx.instruments->latest(trend.instrument_id) : nullptr;
    std::vector<widgets::LineSeries> series;
    for (size_t a = 0; a < trend.area_ids.size(); ++a) {
      widgets::LineSeries s;
      s.name = a < trend.area_titles.size() ? trend.area_titles[a] : trend.area_ids[a];
      for (const auto& row : trend.means) s.values.push_back(a < row.size() ? row[a] : std::nan(""));
      series.push_back(std::move(s));
    }
    widgets::TrendChartOptions options;
    options.y_min = in ? in->scale_min : 0;
    options.y_max = in ? in->scale_max : 3;
    options.threshold = in ? in->threshold : -1;
    options.height = 110;
    options.legend = false;
    widgets::TrendChart("trend", trend.dates, series, options);
    ImGui::PopID();
  }
  ImGui::EndTable();
  // One legend for all charts: the areas share colours.
  const view::AssessmentTrend& first = trends.front();
  for (size_t a = 0; a < first.area_titles.size(); ++a) {
    ImGui::PushID(static_cast<int>(a));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float sq = ImGui::GetTextLineHeight() * 0.6f, off = (ImGui::GetTextLineHeight() - sq) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + off), ImVec2(p.x + sq, p.y + off + sq),
                                              palette::series_color(static_cast<int>(a)));
    ImGui::Dummy(ImVec2(sq, sq));
    ImGui::SameLine();
    ImGui::TextUnformatted(first.area_titles[a].c_str());
    ImGui::PopID();
  }
}

}  // namespace nastavnik::ui
