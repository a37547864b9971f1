#include "client/ui/widgets/instrument_answers.h"

#include <imgui.h>

#include "client/ui/item_marks.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/text_fit.h"
#include "shared/i18n/localized_text.h"

namespace nastavnik::ui::widgets {
namespace {

int ScoreOf(const nlohmann::json& answers, const std::string& item) {
  auto it = answers.find(item);
  return it != answers.end() && it->is_number_integer() ? it->get<int>() : -1;
}

// One radio button per point of the scale; true when the score changed.
bool ScaleButtons(const Instrument& in, const std::string& lang, const std::string& item, nlohmann::json* answers,
                  bool read_only) {
  const int current = ScoreOf(*answers, item);
  bool changed = false;
  ImGui::BeginDisabled(read_only);
  for (int s = in.scale_min; s <= in.scale_max; ++s) {
    ImGui::PushID(s);
    if (s > in.scale_min) ImGui::SameLine();
    if (ImGui::RadioButton(std::to_string(s).c_str(), current == s) && current != s) {
      (*answers)[item] = s;
      changed = true;
    }
    MarkInScope(item + "." + std::to_string(s));
    const std::string label = ScaleLabel(in, lang, s);
    if (!label.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", label.c_str());
    ImGui::PopID();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("×") && current >= 0) {
    answers->erase(item);
    changed = true;
  }
  ImGui::EndDisabled();
  return changed;
}

}  // namespace

std::string ScaleLabel(const Instrument& in, const std::string& lang, int s) {
  const nlohmann::json labels = in.scale_labels.contains(lang) ? in.scale_labels[lang]
                                                                 : in.scale_labels.value("ru", nlohmann::json());
  const size_t idx = static_cast<size_t>(s - in.scale_min);
  return labels.is_array() && idx < labels.size() && labels[idx].is_string() ? labels[idx].get<std::string>() : "";
}

std::string ScaleLegend(const Instrument& in, const std::string& lang) {
  std::string legend;
  for (int s = in.scale_min; s <= in.scale_max; ++s) {
    if (!legend.empty()) legend += "  ·  ";
    legend += std::to_string(s);
    const std::string label = ScaleLabel(in, lang, s);
    if (!label.empty()) legend += " — " + label;
  }
  return legend;
}

int AnsweredItems(const Instrument& in, const nlohmann::json& answers) {
  int n = 0;
  for (const auto& item : in.items) n += ScoreOf(answers, item.id) >= 0 ? 1 : 0;
  return n;
}

bool InstrumentAnswers(const Instrument& in, const Catalog& text, AnswersLook look, nlohmann::json* answers,
                       bool read_only) {
  if (!answers->is_object()) *answers = nlohmann::json::object();
  const std::string& lang = text.lang();
  ImGui::PushStyleColor(ImGuiCol_Text, palette::MutedText());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(ScaleLegend(in, lang).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  const int answered = AnsweredItems(in, *answers);
  const int total = static_cast<int>(in.items.size());
  ImGui::TextColored(answered < total ? palette::WarnText() : palette::OkText(), "%s",
                     text.render(Message("ui.instrument.answered").with("done", answered).with("total", total)).c_str());

  const std::vector<AreaScore> scores = in.score(*answers);
  bool changed = false;
  for (size_t a = 0; a < in.areas.size(); ++a) {
    const InstrumentArea& area = in.areas[a];
    ImGui::PushID(area.id.c_str());
    const std::string title = localized_text(area.title, lang);
    const std::string mean = a < scores.size() && scores[a].answered > 0 ? "  (" + text.number(scores[a].mean, 1) + ")" : "";
    // One line per header: long area titles are shortened, whole in the tooltip.
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 2.0f -
                       ImGui::CalcTextSize(mean.c_str()).x - ImGui::GetStyle().FramePadding.x * 2;
    const std::string header = Ellipsize(title, room) + mean + "###area";
    ImGui::SetNextItemOpen(look == AnswersLook::kProtocolGrid || a == 0, ImGuiCond_Once);
    const bool open = ImGui::CollapsingHeader(header.c_str());
    MarkInScope("area." + area.id);
    if (ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
      ImGui::TextUnformatted(title.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    if (open) {
      for (const auto& item : in.items) {
        if (item.area != area.id) continue;
        ImGui::PushID(item.id.c_str());
        if (look == AnswersLook::kQuestionnaire) {
          ImGui::PushTextWrapPos(0.0f);
          ImGui::TextUnformatted(localized_text(item.text, lang).c_str());
          ImGui::PopTextWrapPos();
          changed |= ScaleButtons(in, lang, item.id, answers, read_only);
          ImGui::Spacing();
        } else {
          changed |= ScaleButtons(in, lang, item.id, answers, read_only);
          ImGui::SameLine();
          ImGui::PushTextWrapPos(0.0f);
          ImGui::TextUnformatted(localized_text(item.text, lang).c_str());
          ImGui::PopTextWrapPos();
        }
        ImGui::PopID();
      }
    }
    ImGui::PopID();
  }
  return changed;
}

}  // namespace nastavnik::ui::widgets
