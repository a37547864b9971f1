#include "client/ui/shell.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "client/ui/icons.h"
#include "client/ui/role_screens.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/palette.h"

namespace nastavnik::ui {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoBringToFrontOnFocus;

// Ctrl+1 … Ctrl+9, Ctrl+0 for the tenth entry of the navigation.
std::string ShortcutLabel(int index) { return index < 10 ? "Ctrl+" + std::to_string((index + 1) % 10) : ""; }

const char* ScreenIcon(Screen screen) {
  switch (screen) {
    case Screen::kHome: return icon::kHome;
    case Screen::kSessions: return icon::kSessions;
    case Screen::kVisits: return icon::kVisits;
    case Screen::kSelfAssessment: return icon::kCheckList;
    case Screen::kRoute: return icon::kRoute;
    case Screen::kRoadmap: return icon::kCalendar;
    case Screen::kRegistry: return icon::kRegistry;
    case Screen::kPairReview: return icon::kPair;
    case Screen::kMunicipality: return icon::kChart;
    case Screen::kSync: return icon::kSync;
    case Screen::kSettings: return icon::kSettings;
    case Screen::kMonitoring: return icon::kLineChart;
  }
  return icon::kHome;
}

}  // namespace

const char* screen_id(Screen screen) {
  switch (screen) {
    case Screen::kHome:
      return "home";
    case Screen::kSessions:
      return "sessions";
    case Screen::kVisits:
      return "visits";
    case Screen::kSelfAssessment:
      return "self_assessment";
    case Screen::kRoute:
      return "route";
    case Screen::kRoadmap:
      return "roadmap";
    case Screen::kRegistry:
      return "registry";
    case Screen::kPairReview:
      return "pair_review";
    case Screen::kMunicipality:
      return "municipality";
    case Screen::kSync:
      return "sync";
    case Screen::kSettings:
      return "settings";
    case Screen::kMonitoring:
      return "monitoring";
  }
  return "home";
}

Shell::Shell() {
  views_[static_cast<size_t>(Screen::kHome)] = std::make_unique<HomeView>();
  auto sessions = std::make_unique<SessionsView>();
  sessions_ = sessions.get();
  views_[static_cast<size_t>(Screen::kSessions)] = std::move(sessions);
  views_[static_cast<size_t>(Screen::kVisits)] = std::make_unique<VisitsView>();
  views_[static_cast<size_t>(Screen::kSelfAssessment)] = std::make_unique<SelfAssessmentView>();
  views_[static_cast<size_t>(Screen::kRoute)] = std::make_unique<RouteView>();
  views_[static_cast<size_t>(Screen::kRoadmap)] = std::make_unique<RoadmapView>();
  views_[static_cast<size_t>(Screen::kRegistry)] = std::make_unique<RegistryView>();
  views_[static_cast<size_t>(Screen::kPairReview)] = std::make_unique<PairReviewView>();
  views_[static_cast<size_t>(Screen::kMunicipality)] = std::make_unique<MunicipalityView>();
  views_[static_cast<size_t>(Screen::kSync)] = std::make_unique<SyncView>();
  views_[static_cast<size_t>(Screen::kSettings)] = std::make_unique<SettingsView>();
  views_[static_cast<size_t>(Screen::kMonitoring)] = std::make_unique<MonitoringView>();
}

std::vector<Screen> Shell::Navigation(const AppSnapshot& snap) const {
  std::vector<Screen> screens = ScreensFor(snap.home.roles);
  screens.push_back(Screen::kSettings);
  return screens;
}

void Shell::NavigateToEntry(const AppSnapshot& snap, int index) {
  const std::vector<Screen> screens = Navigation(snap);
  if (index >= 0 && index < static_cast<int>(screens.size())) screen_ = screens[static_cast<size_t>(index)];
}

void Shell::Draw(FrameContext& ctx, bool first_run) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  if (first_run) {
    const float w = std::min(display.x - 40.0f, ImGui::GetFontSize() * 46.0f);
    const float h = std::min(display.y - 40.0f, ImGui::GetFontSize() * 34.0f);
    first_run_.Draw(ctx, ImVec2((display.x - w) * 0.5f, (display.y - h) * 0.5f), ImVec2(w, h));
    return;
  }
  const float nav_w = std::min(display.x * 0.24f, ImGui::GetFontSize() * 14.5f);
  const float status_h = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y * 2.0f;
  const float body_h = display.y - status_h;
  DrawNavigation(ctx, nav_w, body_h);
  views_[static_cast<size_t>(screen_)]->Draw(ctx, ImVec2(nav_w, 0), ImVec2(display.x - nav_w, body_h));
  DrawStatusBar(ctx, body_h, display.x, status_h);
}

void Shell::DrawNavigation(FrameContext& ctx, float width, float height) {
  ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
  const std::string title = ctx.tr("ui.nav.title") + "###nav";
  if (ImGui::Begin(title.c_str(), nullptr, kPanelFlags)) {
    if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
    ImGui::TextUnformatted(ctx.tr("app.name").c_str());
    if (ctx.heading_font) ImGui::PopFont();
    ImGui::TextDisabled("%s", ctx.tr("ui.nav.subtitle").c_str());
    ImGui::Separator();
    const int64_t issues = ctx.snap.home.open_conflicts + ctx.snap.home.open_rejections;
    const std::vector<Screen> screens = Navigation(ctx.snap);
    // A screen the role does not use is not in its navigation: show home instead.
    if (std::find(screens.begin(), screens.end(), screen_) == screens.end()) screen_ = Screen::kHome;
    for (size_t i = 0; i < screens.size(); ++i) {
      const Screen s = screens[i];
      ImGui::PushID(static_cast<int>(s));
      std::string label = Icon(ScreenIcon(s)) + ctx.tr(std::string("ui.nav.") + screen_id(s));
      if (s == Screen::kSync && issues > 0) label += " (" + std::to_string(issues) + ")";
      if (ImGui::Selectable(label.c_str(), screen_ == s)) screen_ = s;
      Mark(std::string("nav.") + screen_id(s));
      const std::string shortcut = ShortcutLabel(static_cast<int>(i));
      const float shortcut_w = ImGui::CalcTextSize(shortcut.c_str()).x;
      // The shortcut only where the label leaves room for it.
      if (!shortcut.empty() && ImGui::CalcTextSize(label.c_str()).x + shortcut_w + ImGui::GetFontSize() <
                                   width - ImGui::GetStyle().WindowPadding.x * 2) {
        ImGui::SameLine(width - shortcut_w - ImGui::GetStyle().WindowPadding.x * 2);
        ImGui::TextDisabled("%s", shortcut.c_str());
      }
      ImGui::PopID();
    }
    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", ctx.tr("ui.nav.keyboard_hint").c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

void Shell::DrawStatusBar(FrameContext& ctx, float y, float width, float height) {
  ImGui::SetNextWindowPos(ImVec2(0, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
  if (ImGui::Begin("###status", nullptr, kPanelFlags | ImGuiWindowFlags_NoScrollbar)) {
    const view::HomeData& home = ctx.snap.home;
    std::string left = home.me.id.empty() ? ctx.tr("ui.home.unknown_person") : ShownName(ctx.text, home.me.name);
    left += "  ·  " + ctx.text.render(Message("ui.status.pending").with("count", home.pending_ops));
    if (ctx.snap.sync.running)
      left += "  ·  " + ctx.tr("ui.status.syncing");
    else if (!home.enrolled)
      left += "  ·  " + ctx.tr("ui.status.offline");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(left.c_str());
    std::string right;
    ImVec4 color = palette::MutedText();
    if (!ctx.snap.load_error.empty()) {
      right = ctx.text.format("ui.status.load_error", {{"reason", ctx.snap.load_error}});
      color = palette::ErrorText();
    } else if (!ctx.app.folder_error.empty()) {
      right = ctx.text.format("ui.export.cannot_open", {{"reason", ctx.app.folder_error}});
      color = palette::ErrorText();
    } else if (ctx.app.export_running) {
      right = ctx.tr("ui.export.running");
    } else if (!ctx.app.export_message.empty()) {
      right = ctx.text.format(ctx.app.export_ok ? "ui.export.done" : "ui.export.failed",
                              {{"path", ctx.app.export_message}, {"reason", ctx.app.export_message}});
      color = ctx.app.export_ok ? palette::OkText() : palette::ErrorText();
    }
    // After an export: where it went, and a button to open that folder.
    const bool can_open = !ctx.app.export_running && ctx.app.export_ok && !ctx.app.export_folder.empty() &&
                          ctx.snap.load_error.empty() && ctx.app.folder_error.empty() && !right.empty();
    const std::string open_label = ctx.tr("ui.export.open_folder");
    const float open_w = can_open ? ImGui::CalcTextSize(open_label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2 +
                                        ImGui::GetStyle().ItemSpacing.x
                                  : 0.0f;
    if (!right.empty()) {
      const float room = width - ImGui::GetStyle().WindowPadding.x * 2 - open_w;
      const float left_end = ImGui::GetItemRectMax().x + 20.0f;
      ImGui::SameLine(std::max(left_end, room - ImGui::CalcTextSize(right.c_str()).x));
      ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(room, ImGui::GetCursorScreenPos().y + height), true);
      ImGui::TextColored(color, "%s", right.c_str());
      ImGui::PopClipRect();
      if (ImGui::IsItemHovered()) WrappedTooltip(right);
      if (can_open) {
        ImGui::SameLine(room + ImGui::GetStyle().ItemSpacing.x);
        if (ImGui::SmallButton(open_label.c_str())) ctx.out.request(request::OpenFolder{ctx.app.export_folder});
        Mark("status.open_folder");
      }
    }
  }
  ImGui::End();
}

}  // namespace nastavnik::ui
