#include "client/ui/ui_helpers.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "shared/domain/validation.h"
#include "shared/i18n/localized_text.h"

#include "client/model/shown_name.h"
#include "client/ui/widgets/palette.h"

namespace nastavnik::ui {

std::string AddDays(const std::string& iso, int days) {
  if (!is_iso_date(iso)) return "";
  using namespace std::chrono;
  const year_month_day d{year{std::stoi(iso.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                         day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
  const year_month_day out{sys_days{d} + std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()), static_cast<unsigned>(out.month()),
                static_cast<unsigned>(out.day()));
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
  for (const auto& s : snap.registry.schools)
    out.push_back({s.id, s.short_name.empty() ? s.name : s.short_name, s.name});
  const auto& h = snap.municipality.heatmap;
  if (out.empty())
    for (size_t i = 0; i < h.school_ids.size() && i < h.school_names.size(); ++i)
      out.push_back({h.school_ids[i], h.school_names[i],
                     i < h.school_full_names.size() ? h.school_full_names[i] : h.school_names[i]});
  std::sort(out.begin(), out.end(),
            [](const SchoolChoice& a, const SchoolChoice& b) { return a.name < b.name; });
  return out;
}

std::string Localised(const nlohmann::json& texts, const std::string& lang) { return localized_text(texts, lang); }

std::string DeficitTitle(const FrameContext& ctx, const std::string& area_id) {
  if (!ctx.instruments || area_id.empty()) return area_id;
  for (const char* id : {"teacher_deficits", "school_risk"}) {
    if (const Instrument* in = ctx.instruments->latest(id))
      for (const auto& area : in->areas)
        if (area.id == area_id) return Localised(area.title, ctx.app.lang);
  }
  return area_id;
}

std::string ShownName(const Catalog& text, const std::string& name) { return view::shown_name(text, name); }

Actor ActorOf(const AppSnapshot& snap) {
  Actor actor;
  actor.person_id = snap.home.me.id;
  actor.roles.insert(snap.home.roles.begin(), snap.home.roles.end());
  actor.school_id = snap.home.school_id;
  return actor;
}

void WrappedTooltip(const std::string& text) {
  if (text.empty()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void ReasonTooltip(const std::string& text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) WrappedTooltip(text);
}

void SectionTitle(const FrameContext& ctx, const std::string& title) {
  ImGui::Spacing();
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::PushTextWrapPos(0.0f);  // a long title wraps rather than running past the edge
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopTextWrapPos();
  if (ctx.heading_font) ImGui::PopFont();
  ImGui::Separator();
}

void Hint(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette::MutedText());
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

void ErrorText(const std::string& text) { ColoredWrapped(palette::ErrorText(), text); }
void SuccessText(const std::string& text) { ColoredWrapped(palette::OkText(), text); }
void WarningText(const std::string& text) { ColoredWrapped(palette::WarnText(), text); }

void StatCard(const FrameContext& ctx, const char* id, int64_t value, const char* caption_key, bool alert) {
  const std::string caption = ctx.text.render(Message(caption_key).with("count", value));
  ImGui::PushID(id);
  ImGui::BeginGroup();
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  ImGui::PushStyleColor(ImGuiCol_Text,
                        alert && value > 0 ? palette::WarnText() : ImGui::GetStyleColorVec4(ImGuiCol_Text));
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

std::vector<widgets::LineSeries> TrendSeries(const view::AssessmentTrend& trend) {
  std::vector<widgets::LineSeries> series;
  for (size_t a = 0; a < trend.area_ids.size(); ++a) {
    widgets::LineSeries s;
    s.name = a < trend.area_titles.size() ? trend.area_titles[a] : trend.area_ids[a];
    for (const auto& row : trend.means) s.values.push_back(a < row.size() ? row[a] : std::nan(""));
    series.push_back(std::move(s));
  }
  return series;
}

}  // namespace nastavnik::ui
