#include "client/ui/self_assessment_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/bar_chart.h"
#include "client/ui/widgets/date_input.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/pickers.h"
#include "client/ui/widgets/trend_chart.h"

namespace nastavnik::ui {

// --- AssessmentForm

nlohmann::json AssessmentForm::ToFields(const Instrument* instrument, const std::string& person_id) const {
  nlohmann::json f = nlohmann::json::object();
  f["instrument_id"] = instrument_id;
  if (instrument) f["instrument_version"] = instrument->version;
  if (!date.empty()) f["date"] = date;
  if (instrument && instrument->subject == "school") {
    if (!school_id.empty()) f["school_id"] = school_id;
  } else if (!person_id.empty()) {
    f["person_id"] = person_id;
  }
  nlohmann::json a = nlohmann::json::object();
  for (const auto& [item, score] : answers) a[item] = score;
  f["answers"] = a;
  return f;
}

void AssessmentForm::FromFields(const nlohmann::json& f) {
  if (f.contains("instrument_id") && f["instrument_id"].is_string()) instrument_id = f["instrument_id"];
  if (f.contains("date") && f["date"].is_string()) date = f["date"];
  if (f.contains("school_id") && f["school_id"].is_string()) school_id = f["school_id"];
  answers.clear();
  if (f.contains("answers") && f["answers"].is_object())
    for (const auto& [item, score] : f["answers"].items())
      if (score.is_number_integer()) answers[item] = score.get<int>();
}

// --- SelfAssessmentView

void SelfAssessmentView::DrawContent(FrameContext& ctx) {
  if (!form_initialised_ && ctx.snap.version > 0) {
    form_initialised_ = true;
    form_.date = ctx.app.today;
  }
  if (const nlohmann::json* draft = state_.RestoreOnce(ctx.snap)) form_.FromFields(*draft);

  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::BeginChild("form", ImVec2(half, 0), true);
  DrawForm(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
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
  DrawResults(ctx);
  DrawTrend(ctx);
  ImGui::EndChild();
}

void SelfAssessmentView::DrawForm(FrameContext& ctx) {
  if (const auto outcome = state_.Poll(ctx.snap); outcome == FormState::Outcome::kSaved) {
    saved_message_ = ctx.tr("ui.assessment.saved");
    form_.answers.clear();
    result_id_.clear();
  } else if (outcome == FormState::Outcome::kFailed) {
    saved_message_.clear();
  }
  SectionTitle(ctx, ctx.tr("ui.assessment.fill"));
  if (!ctx.instruments) return;
  const std::string& lang = ctx.app.lang;
  bool changed = false;

  // Instruments one can fill: the latest version of each self-assessment instrument.
  std::vector<widgets::Choice> choices;
  for (const Instrument* in : ctx.instruments->all())
    if (in->kind == "self_assessment" && ctx.instruments->latest(in->id) == in)
      choices.push_back({in->id, Localised(in->title, lang)});
  const Instrument* instrument = ctx.instruments->latest(form_.instrument_id);

  if (widgets::BeginForm("assessment_head", ImGui::GetFontSize() * 8.0f)) {
    widgets::FormRow(ctx.field_label("self_assessment", "instrument_id").c_str(), true);
    if (widgets::ChoiceCombo("##instrument", choices, &form_.instrument_id, nullptr)) {
      form_.answers.clear();
      changed = true;
    }
    widgets::FormError(state_.ErrorFor("instrument_id", ctx.text));
    widgets::FormRow(ctx.field_label("self_assessment", "date").c_str(), true);
    if (widgets::DateInput("##date", &form_.date, ctx.tr("ui.common.date_hint").c_str(),
                           ctx.tr("ui.common.bad_date").c_str())) {
      changed = true;
      state_.ClearError("date");
    }
    widgets::FormError(state_.ErrorFor("date", ctx.text));
    if (instrument && instrument->subject == "school") {
      widgets::FormRow(ctx.field_label("self_assessment", "school_id").c_str(), true);
      std::vector<widgets::Choice> schools;
      for (const auto& s : KnownSchools(ctx.snap)) schools.push_back({s.id, s.name});
      changed |= widgets::ChoiceCombo("##school", schools, &form_.school_id, nullptr);
      widgets::FormError(state_.ErrorFor("school_id", ctx.text));
    } else {
      widgets::FormRow(ctx.field_label("self_assessment", "person_id").c_str());
      ImGui::TextUnformatted(ctx.snap.home.me.name.c_str());
    }
    widgets::EndForm();
  }
  if (!instrument) return;

  // Scale legend.
  const nlohmann::json labels = instrument->scale_labels.contains(lang)
                                    ? instrument->scale_labels[lang]
                                    : instrument->scale_labels.value("ru", nlohmann::json());
  std::string legend;
  for (int s = instrument->scale_min; s <= instrument->scale_max; ++s) {
    const size_t idx = static_cast<size_t>(s - instrument->scale_min);
    if (!legend.empty()) legend += "  ·  ";
    legend += std::to_string(s);
    if (labels.is_array() && idx < labels.size() && labels[idx].is_string())
      legend += " — " + labels[idx].get<std::string>();
  }
  Hint(legend);
  ImGui::Text("%s",
              ctx.text
                  .format("ui.assessment.answered", {{"done", std::to_string(form_.answers.size())},
                                                     {"total", std::to_string(instrument->items.size())}})
                  .c_str());

  nlohmann::json answers = nlohmann::json::object();
  for (const auto& [item, score] : form_.answers) answers[item] = score;
  const std::vector<AreaScore> scores = instrument->score(answers);

  const float items_h = ImGui::GetContentRegionAvail().y * 0.55f;
  ImGui::BeginChild("items", ImVec2(0, items_h), false);
  for (size_t a = 0; a < instrument->areas.size(); ++a) {
    const InstrumentArea& area = instrument->areas[a];
    ImGui::PushID(area.id.c_str());
    ImGui::SetNextItemOpen(a == 0, ImGuiCond_Once);
    std::string header = Localised(area.title, lang);
    if (a < scores.size() && scores[a].answered > 0) {
      char mean[32];
      std::snprintf(mean, sizeof mean, "  (%.1f)", scores[a].mean);
      header += mean;
    }
    header += "###area";
    if (ImGui::CollapsingHeader(header.c_str())) {
      for (const auto& item : instrument->items) {
        if (item.area != area.id) continue;
        ImGui::PushID(item.id.c_str());
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(Localised(item.text, lang).c_str());
        ImGui::PopTextWrapPos();
        auto it = form_.answers.find(item.id);
        const int current = it == form_.answers.end() ? -1 : it->second;
        for (int s = instrument->scale_min; s <= instrument->scale_max; ++s) {
          ImGui::PushID(s);
          if (s > instrument->scale_min) ImGui::SameLine();
          if (ImGui::RadioButton(std::to_string(s).c_str(), current == s)) {
            form_.answers[item.id] = s;
            changed = true;
            state_.ClearError("answers");
          }
          const size_t idx = static_cast<size_t>(s - instrument->scale_min);
          if (ImGui::IsItemHovered() && labels.is_array() && idx < labels.size() && labels[idx].is_string())
            ImGui::SetTooltip("%s", labels[idx].get<std::string>().c_str());
          ImGui::PopID();
        }
        ImGui::Spacing();
        ImGui::PopID();
      }
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  widgets::FormError(state_.ErrorFor("answers", ctx.text));

  ImGui::TextDisabled("%s", ctx.tr("ui.assessment.live_result").c_str());
  std::vector<widgets::Bar> bars;
  for (size_t a = 0; a < instrument->areas.size() && a < scores.size(); ++a)
    bars.push_back({Localised(instrument->areas[a].title, lang), scores[a].mean, scores[a].deficit,
                    scores[a].answered == 0});
  ImGui::BeginChild("live", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 2.2f), false);
  widgets::BarChart("live_bars", bars,
                    {static_cast<double>(instrument->scale_min), static_cast<double>(instrument->scale_max),
                     instrument->threshold, 0, "%.1f"});
  ImGui::EndChild();

  if (changed) {
    saved_message_.clear();
    state_.Touch(ctx.now);
  }
  const std::string& me = ctx.snap.home.me.id;
  state_.MaybeSaveDraft(ctx, form_.ToFields(instrument, me));
  if (Button(ctx.tr("ui.common.save"), !state_.pending() && widgets::DateOk(form_.date)))
    state_.Submit(ctx, command::SaveRecord{"self_assessment", "", form_.ToFields(instrument, me), ""});
  ImGui::SameLine();
  if (ImGui::Button(ctx.tr("ui.common.clear").c_str())) {
    form_.answers.clear();
    state_.Discard(ctx);
  }
  const std::string general =
      state_.GeneralError(ctx.text, {"instrument_id", "date", "school_id", "answers", "person_id"});
  if (!general.empty()) ErrorText(general);
  if (!saved_message_.empty()) SuccessText(saved_message_);
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
    return r.date + " · " + (in ? Localised(in->title, lang) : r.instrument_id) + " (v" +
           std::to_string(r.instrument_version) + ")";
  };
  const view::AssessmentResult* shown = &results.front();
  for (const auto& r : results)
    if (r.record_id == result_id_) shown = &r;
  std::vector<widgets::Choice> choices;
  for (const auto& r : results) choices.push_back({r.record_id, label_of(r)});
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
  widgets::BarChartOptions options{lo, hi, std::nullopt, 0, "%.1f"};
  if (in) options.threshold = in->threshold;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted((ctx.tr("ui.assessment.deficits") + ": " +
                          (deficits.empty() ? ctx.tr("ui.assessment.no_deficits") : deficits))
                             .c_str());
  ImGui::PopTextWrapPos();
  if (in && in->higher_is_risk) Hint(ctx.tr("ui.assessment.higher_is_risk"));
  // The bars scroll on their own so the trend below stays in view.
  ImGui::BeginChild("result_bars", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.48f), false);
  widgets::BarChart("result_bars", bars, options);
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
  options.height =
      std::max(140.0f, ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 7);
  widgets::TrendChart("trend", trend.dates, series, options);
}

}  // namespace nastavnik::ui
