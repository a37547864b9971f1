#include "client/ui/self_assessment_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "client/ui/layout.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/bar_chart.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/instrument_answers.h"
#include "client/ui/widgets/pickers.h"
#include "client/ui/widgets/trend_chart.h"

namespace nastavnik::ui {

namespace {

const Instrument* Chosen(const FrameContext& ctx, const nlohmann::json& fields) {
  return ctx.instruments ? ctx.instruments->latest(fields.value("instrument_id", "teacher_deficits")) : nullptr;
}

// The instrument to fill, and whom it is about: the person using the device, or a school.
bool DrawInstrumentChoice(FrameContext& ctx, nlohmann::json* fields, bool read_only) {
  if (!ctx.instruments) return false;
  std::vector<widgets::Choice> choices;
  for (const Instrument* in : ctx.instruments->all())
    if (in->kind == "self_assessment" && ctx.instruments->latest(in->id) == in)
      choices.push_back({in->id, Localised(in->title, ctx.app.lang), ""});
  bool changed = false;
  ImGui::BeginDisabled(read_only);
  if (widgets::BeginForm("instrument", ImGui::GetFontSize() * 8.0f)) {
    widgets::FormRow(ctx.field_label("self_assessment", "instrument_id").c_str(), true);
    std::string id = fields->value("instrument_id", "teacher_deficits");
    if (widgets::ChoiceCombo("##instrument", choices, &id, nullptr)) {
      (*fields)["instrument_id"] = id;
      (*fields)["answers"] = nlohmann::json::object();
      changed = true;
    }
    const Instrument* in = Chosen(ctx, *fields);
    if (in && in->subject == "school") {
      widgets::FormRow(ctx.field_label("self_assessment", "school_id").c_str(), true);
      std::vector<widgets::Choice> schools;
      for (const auto& school : KnownSchools(ctx.snap)) schools.push_back({school.id, school.name, school.full_name});
      std::string school = fields->value("school_id", "");
      if (widgets::ChoiceCombo("##school", schools, &school, nullptr)) {
        (*fields)["school_id"] = school;
        changed = true;
      }
    } else {
      widgets::FormRow(ctx.field_label("self_assessment", "person_id").c_str());
      ImGui::TextUnformatted(ShownName(ctx.text, ctx.snap.home.me.name).c_str());
    }
    widgets::EndForm();
  }
  ImGui::EndDisabled();
  return changed;
}

// The questionnaire, with the result of what is answered so far as deficit bars.
bool DrawQuestionnaire(FrameContext& ctx, nlohmann::json* fields, bool read_only) {
  const Instrument* in = Chosen(ctx, *fields);
  if (!in) return false;
  nlohmann::json answers = fields->value("answers", nlohmann::json::object());
  const bool changed =
      widgets::InstrumentAnswers(*in, ctx.text, widgets::AnswersLook::kQuestionnaire, &answers, read_only);
  if (changed) (*fields)["answers"] = answers;
  const std::vector<AreaScore> scores = in->score(answers);
  ImGui::Spacing();
  Hint(ctx.tr("ui.assessment.live_result"));
  std::vector<widgets::Bar> bars;
  for (size_t a = 0; a < in->areas.size() && a < scores.size(); ++a)
    bars.push_back({Localised(in->areas[a].title, ctx.app.lang), scores[a].mean, scores[a].deficit,
                    scores[a].answered == 0});
  widgets::BarChart("live_bars", ctx.text, bars,
                    {static_cast<double>(in->scale_min), static_cast<double>(in->scale_max), in->threshold, 0, 1});
  return changed;
}

RecordFormSpec AssessmentFormSpec() {
  RecordFormSpec spec;
  spec.entity = "self_assessment";
  spec.draft_key = "form.assessment";
  spec.fields = {{"instrument_id", widgets::FieldLook::kAuto, DrawInstrumentChoice},
                 {"date"},
                 {"answers", widgets::FieldLook::kAuto, DrawQuestionnaire}};
  spec.new_title_key = "ui.assessment.fill";
  spec.edit_title_key = "ui.assessment.fill";
  spec.saved_key = "ui.assessment.saved";
  spec.new_button_key = "ui.assessment.fill";
  spec.opens_from_list = false;
  spec.label_em = 8.0f;
  spec.defaults = [](const FrameContext& ctx) {
    return nlohmann::json{{"instrument_id", "teacher_deficits"},
                          {"date", ctx.app.today},
                          {"answers", nlohmann::json::object()}};
  };
  spec.complete = [](const FrameContext& ctx, nlohmann::json* fields) {
    const Instrument* in = Chosen(ctx, *fields);
    if (!in) return;
    (*fields)["instrument_version"] = in->version;
    if (in->subject == "school") fields->erase("person_id");
    else if (!ctx.snap.home.me.id.empty()) (*fields)["person_id"] = ctx.snap.home.me.id;
    if (in->subject != "school") fields->erase("school_id");
  };
  spec.title = [](const FrameContext& ctx, const nlohmann::json& fields) {
    const Instrument* in = Chosen(ctx, fields);
    return in ? Localised(in->title, ctx.app.lang) : ctx.tr("entity.self_assessment");
  };
  spec.confirm = [](const FrameContext& ctx, const nlohmann::json& fields) {
    const Instrument* in = Chosen(ctx, fields);
    if (!in) return Message();
    const int answered = widgets::AnsweredItems(*in, fields.value("answers", nlohmann::json::object()));
    const int total = static_cast<int>(in->items.size());
    if (answered >= total) return Message();
    return Message("ui.assessment.confirm_incomplete").with("done", answered).with("total", total);
  };
  return spec;
}

}  // namespace

SelfAssessmentView::SelfAssessmentView() : View("self_assessment", "ui.assessment.title"), form_(AssessmentFormSpec()) {}

void SelfAssessmentView::DrawContent(FrameContext& ctx) {
  const bool may_write = form_.MayCreate(ctx);
  const SplitWidths split = SplitListAndForm(may_write ? 0.5f : 0.0f, 24.0f);
  if (split.form > 0) {
    ImGui::BeginChild("form", ImVec2(split.form, 0), true);
    form_.Draw(ctx);
    ImGui::EndChild();
    ImGui::SameLine();
  }
  ImGui::BeginChild("results", ImVec2(0, 0), false);
  // Whose results and trend are shown (the model keeps the choice; default: me).
  const std::string shown =
      ctx.snap.selected_person_id.empty() ? ctx.snap.home.me.id : ctx.snap.selected_person_id;
  std::string picked = shown;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(ctx.tr("ui.assessment.trend_person").c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (widgets::PersonCombo("##person", ctx.snap.people, &picked, nullptr, &person_search_,
                           ctx.tr("ui.common.search").c_str()) &&
      picked != shown) {
    result_id_.clear();
    ctx.out.post(command::SelectPerson{picked});
  }
  if (!form_.outcome().empty()) result_id_.clear();  // the newest, just saved
  DrawResults(ctx);
  DrawTrend(ctx);
  ImGui::EndChild();
  form_.DrawModals(ctx);
}

void SelfAssessmentView::DrawResults(FrameContext& ctx) {
  SectionTitle(ctx, ctx.tr("ui.assessment.results"));
  const auto& results = ctx.snap.assessments;
  if (results.empty()) {
    Hint(ctx.tr("ui.assessment.no_results"));
    return;
  }
  const std::string& lang = ctx.app.lang;
  auto label_of = [&](const view::AssessmentResult& r) {
    const Instrument* in =
        ctx.instruments ? ctx.instruments->find(r.instrument_id, r.instrument_version) : nullptr;
    return ctx.text.date(r.date) + " · " + (in ? Localised(in->title, lang) : ctx.tr("ui.assessment.unknown_instrument")) +
           " (v" + std::to_string(r.instrument_version) + ")";
  };
  const view::AssessmentResult* shown = &results.front();
  for (const auto& r : results)
    if (r.record_id == result_id_) shown = &r;
  std::vector<widgets::Choice> choices;
  for (const auto& r : results) choices.push_back({r.record_id, label_of(r), ""});
  std::string selected = shown->record_id;
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (widgets::ChoiceCombo("##result", choices, &selected, nullptr)) result_id_ = selected;

  const Instrument* in =
      ctx.instruments ? ctx.instruments->find(shown->instrument_id, shown->instrument_version) : nullptr;
  std::vector<widgets::Bar> bars;
  double lo = 0, hi = 1;
  std::string deficits;
  for (const auto& area : shown->areas) {
    bars.push_back({area.title, area.mean, area.deficit, std::isnan(area.mean)});
    lo = area.scale_min;
    hi = area.scale_max;
    if (area.deficit) deficits += (deficits.empty() ? "" : ", ") + area.title;
  }
  widgets::BarChartOptions options{lo, hi, std::nullopt, 0, 1};
  if (in) options.threshold = in->threshold;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted((ctx.tr("ui.assessment.deficits") + ": " +
                          (deficits.empty() ? ctx.tr("ui.assessment.no_deficits") : deficits))
                             .c_str());
  ImGui::PopTextWrapPos();
  if (in && in->higher_is_risk) Hint(ctx.tr("ui.assessment.higher_is_risk"));
  // The bars scroll on their own so the trend below stays in view.
  ImGui::BeginChild("result_bars", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.48f), false);
  widgets::BarChart("result_bars", ctx.text, bars, options);
  ImGui::EndChild();
}

void SelfAssessmentView::DrawTrend(FrameContext& ctx) {
  const view::AssessmentTrend& trend = ctx.snap.trend;
  SectionTitle(ctx, ctx.tr("ui.assessment.trend"));
  if (trend.dates.empty()) {
    Hint(ctx.tr("ui.assessment.no_trend"));
    return;
  }
  const Instrument* in = ctx.instruments ? ctx.instruments->latest(trend.instrument_id) : nullptr;
  std::vector<widgets::LineSeries> series = TrendSeries(trend);
  widgets::TrendChartOptions options;
  options.y_min = in ? in->scale_min : 0;
  options.y_max = in ? in->scale_max : 3;
  options.threshold = in ? in->threshold : -1;
  options.height =
      std::max(140.0f, ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 7);
  std::vector<std::string> dates;
  for (const auto& d : trend.dates) dates.push_back(ctx.text.date(d));
  widgets::TrendChart("trend", ctx.text, dates, series, options);
}

}  // namespace nastavnik::ui
