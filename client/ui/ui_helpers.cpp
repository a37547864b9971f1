#include "client/ui/ui_helpers.h"

#include <imgui.h>

#include <algorithm>
#include <ctime>

#include "client/ui/widgets/palette.h"

namespace nastavnik::ui {

std::string FormatTime(uint64_t unix_ms) {
  if (unix_ms == 0) return "";
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

std::string MonthLabel(const Catalog& text, const std::string& year_month, bool short_year) {
  if (year_month.size() < 7) return year_month;
  const std::string month = text.tr("ui.month." + year_month.substr(5, 2));
  return month + " " + (short_year ? year_month.substr(2, 2) : year_month.substr(0, 4));
}

std::string RolesLabel(const Catalog& text, const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) {
    if (!out.empty()) out += ", ";
    out += text.enum_label("role", r);
  }
  return out;
}

std::string EntityLabel(const Catalog& text, const std::string& entity) {
  const std::string key = "entity." + entity;
  return text.has(key) ? text.tr(key) : entity;
}

std::vector<SchoolChoice> KnownSchools(const AppSnapshot& snap) {
  std::vector<SchoolChoice> out;
  for (const auto& s : snap.registry.schools) out.push_back({s.id, s.name});
  const auto& h = snap.municipality.heatmap;
  if (out.empty())
    for (size_t i = 0; i < h.school_ids.size() && i < h.school_names.size(); ++i)
      out.push_back({h.school_ids[i], h.school_names[i]});
  std::sort(out.begin(), out.end(),
            [](const SchoolChoice& a, const SchoolChoice& b) { return a.name < b.name; });
  return out;
}

std::string Localised(const nlohmann::json& texts, const std::string& lang) {
  if (texts.is_string()) return texts.get<std::string>();
  if (!texts.is_object()) return "";
  for (const std::string& l : {lang, std::string("ru"), std::string("en")})
    if (texts.contains(l) && texts[l].is_string()) return texts[l].get<std::string>();
  return "";
}

std::string DeficitTitle(const FrameContext& ctx, const std::string& area_id) {
  if (!ctx.instruments || area_id.empty()) return area_id;
  for (const char* id : {"teacher_deficits", "school_risk"}) {
    if (const Instrument* in = ctx.instruments->latest(id))
      for (const auto& area : in->areas)
        if (area.id == area_id) return Localised(area.title, ctx.app.lang);
  }
  return area_id;
}

void SectionTitle(const FrameContext& ctx, const std::string& title) {
  ImGui::Spacing();
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::TextUnformatted(title.c_str());
  if (ctx.heading_font) ImGui::PopFont();
  ImGui::Separator();
}

void Hint(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette::kMutedText);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

namespace {
void ColoredWrapped(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}
}  // namespace

void ErrorText(const std::string& text) { ColoredWrapped(palette::kErrorText, text); }
void SuccessText(const std::string& text) { ColoredWrapped(palette::kOkText, text); }
void WarningText(const std::string& text) { ColoredWrapped(palette::kWarnText, text); }

void StatCard(const FrameContext& ctx, const char* id, int64_t value, const char* caption_key, bool alert) {
  const std::string caption = ctx.text.render(Message(caption_key).with("count", value));
  ImGui::PushID(id);
  ImGui::BeginGroup();
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::PushStyleColor(ImGuiCol_Text,
                        alert && value > 0 ? palette::kWarnText : ImGui::GetStyleColorVec4(ImGuiCol_Text));
  ImGui::Text("%lld", static_cast<long long>(value));
  ImGui::PopStyleColor();
  if (ctx.heading_font) ImGui::PopFont();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", caption.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImGui::PopID();
}

bool Button(const std::string& label, bool enabled) {
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Button(label.c_str());
  ImGui::EndDisabled();
  return pressed && enabled;
}

}  // namespace nastavnik::ui
