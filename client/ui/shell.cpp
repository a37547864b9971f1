#include "client/ui/shell.h"

#include <imgui.h>

#include <string>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/palette.h"

namespace nastavnik::ui {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoBringToFrontOnFocus;

// Ctrl+1 … Ctrl+9, Ctrl+0 for the tenth screen.
std::string ShortcutLabel(int index) { return "Ctrl+" + std::to_string((index + 1) % 10); }

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
}

void Shell::Draw(FrameContext& ctx, bool first_run) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  if (first_run) {
    const float w = std::min(display.x - 40.0f, ImGui::GetFontSize() * 46.0f);
    const float h = std::min(display.y - 40.0f, ImGui::GetFontSize() * 34.0f);
    first_run_.Draw(ctx, ImVec2((display.x - w) * 0.5f, (display.y - h) * 0.5f), ImVec2(w, h));
    return;
  }
  const float nav_w = std::min(display.x * 0.3f, ImGui::GetFontSize() * 14.5f);
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
    for (int i = 0; i < kScreenCount; ++i) {
      const Screen s = static_cast<Screen>(i);
      ImGui::PushID(i);
      std::string label = ctx.tr(std::string("ui.nav.") + screen_id(s));
      if (s == Screen::kSync && issues > 0) label += " (" + std::to_string(issues) + ")";
      if (ImGui::Selectable(label.c_str(), screen_ == s)) screen_ = s;
      const std::string shortcut = ShortcutLabel(i);
      ImGui::SameLine(width - ImGui::CalcTextSize(shortcut.c_str()).x -
                      ImGui::GetStyle().WindowPadding.x * 2);
      ImGui::TextDisabled("%s", shortcut.c_str());
      ImGui::PopID();
    }
    ImGui::Separator();
    // Language: everything on screen follows at once.
    ImGui::TextDisabled("%s", ctx.tr("ui.first_run.language").c_str());
    for (const char* lang : kLanguages) {
      ImGui::PushID(lang);
      if (ImGui::RadioButton(ctx.tr(std::string("ui.language.") + lang).c_str(), ctx.app.lang == lang) &&
          ctx.app.lang != lang)
        ctx.out.request(request::SetLanguage{lang});
      ImGui::PopID();
      ImGui::SameLine();
    }
    ImGui::NewLine();
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
    std::string left = home.me.name.empty() ? ctx.tr("ui.home.unknown_person") : home.me.name;
    left += "  ·  " + ctx.text.format("ui.status.pending", {{"count", std::to_string(home.pending_ops)}});
    if (ctx.snap.sync.running)
      left += "  ·  " + ctx.tr("ui.status.syncing");
    else if (!home.enrolled)
      left += "  ·  " + ctx.tr("ui.status.offline");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(left.c_str());
    std::string right;
    ImVec4 color = palette::kMutedText;
    if (!ctx.snap.load_error.empty()) {
      right = ctx.text.format("ui.status.load_error", {{"reason", ctx.snap.load_error}});
      color = palette::kErrorText;
    } else if (ctx.app.export_running) {
      right = ctx.tr("ui.export.running");
    } else if (!ctx.app.export_message.empty()) {
      right = ctx.text.format(ctx.app.export_ok ? "ui.export.done" : "ui.export.failed",
                              {{"path", ctx.app.export_message}, {"reason", ctx.app.export_message}});
      color = ctx.app.export_ok ? palette::kOkText : palette::kErrorText;
    }
    if (!right.empty()) {
      ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20.0f, width - ImGui::CalcTextSize(right.c_str()).x -
                                                                   ImGui::GetStyle().WindowPadding.x * 2));
      ImGui::TextColored(color, "%s", right.c_str());
    }
  }
  ImGui::End();
}

}  // namespace nastavnik::ui
