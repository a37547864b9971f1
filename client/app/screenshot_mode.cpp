#include "client/app/screenshot_mode.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <stb_image_write.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/model/user_messages.h"
#include "shared/domain/write_policy.h"

namespace nastavnik::app {
namespace {

struct ScreenShot {
  ui::Screen screen;
  const char* file;
  bool report_preview = false;  // the monitoring screen with the latest half-year's report open
};

constexpr ScreenShot kScreens[] = {
    {ui::Screen::kHome, "01-home.png"},
    {ui::Screen::kSessions, "02-sessions.png"},
    {ui::Screen::kVisits, "03-visits.png"},
    {ui::Screen::kSelfAssessment, "04-self-assessment.png"},
    {ui::Screen::kRoute, "05-individual-route.png"},
    {ui::Screen::kRoadmap, "06-roadmap.png"},
    {ui::Screen::kPairReview, "07-pair-review.png"},
    {ui::Screen::kMunicipality, "08-municipality.png"},
    {ui::Screen::kSync, "09-sync.png"},
    {ui::Screen::kRegistry, "10-registry.png"},
    {ui::Screen::kSettings, "11-settings.png"},
    {ui::Screen::kMonitoring, "12-monitoring.png"},
    {ui::Screen::kMonitoring, "13-report-preview.png", true},
};

// Frames drawn per screen before the one captured: ImGui sizes tables and auto-fit items
// from the previous frame, so a screen settles after a couple of frames.
constexpr int kSettleFrames = 4;

// Windows (and child windows) of the last frame whose content is wider than the window
// and that cannot scroll sideways: text or items that run past the right edge, cut off.
nlohmann::json OverflowingWindows() {
  nlohmann::json out = nlohmann::json::array();
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  for (const ImGuiWindow* w : g.Windows) {
    if (!w->Active || w->Hidden || w->ScrollbarX) continue;
    if (w->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup)) continue;
    const float visible = w->InnerRect.GetWidth();
    const float content = w->ContentSize.x + w->WindowPadding.x * 2.0f;
    // A character's width of slack: a wrapped row may end in a space past the edge.
    if (visible > 0 && content > visible + w->WindowPadding.x + ImGui::GetFontSize() * 0.5f)
      out.push_back({{"window", w->Name}, {"content_width", content}, {"visible_width", visible}});
  }
  return out;
}

// Every message the model publishes, rendered once, so that a key missing in this
// language is noted by the catalog like a missing screen text.
void RenderEveryMessage(const Catalog& text) {
  for (const std::string& key : msg::all_keys()) (void)text.render(Message(key));
  for (const char* code : {kRefusedRegistry, kRefusedAuthorOnly, kRefusedOwnerOnly, kRefusedRouteParticipants,
                           kRefusedRoadmapKeepers, kRefusedSchoolTeam, kRefusedProgramme})
    (void)text.tr(std::string("write.refused.") + code);
}

// The windows ImGui drew in the last frame, as {"id", "title"} ("Title###id").
nlohmann::json DrawnWindows() {
  nlohmann::json out = nlohmann::json::array();
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  for (const ImGuiWindow* w : g.Windows) {
    if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_ChildWindow)) continue;
    const std::string name = w->Name;
    const size_t sep = name.find("###");
    out.push_back({{"id", sep == std::string::npos ? name : name.substr(sep + 3)},
                   {"title", sep == std::string::npos ? name : name.substr(0, sep)}});
  }
  return out;
}

// Before a screen is captured: a person without self-assessments of their own (such as the
// demo's methodologist) sees the first mentee who has some, so the screen shows data.
void PrepareScreen(App& app, const ScreenShot& shot) {
  const ui::Screen screen = shot.screen;
  if (screen == ui::Screen::kMonitoring) {
    app.model()->post(command::ShowMonitoring{});
    app.WaitIdle();
    const auto& periods = app.model()->snapshot()->monitoring.periods;
    if (shot.report_preview && !periods.empty()) {
      app.model()->post(command::PreviewReport{periods.back()});
      app.WaitIdle();
    }
    return;
  }
  if (screen != ui::Screen::kSelfAssessment) return;
  const auto snap = app.model()->snapshot();
  if (!snap->assessments.empty() || snap->pair_card.mentee_trends.empty()) return;
  app.model()->post(command::SelectPerson{snap->pair_card.mentee_trends.front().person_id});
  app.WaitIdle();
}

void DrawFrame(PlatformWindow& window, App& app) {
  if (app.TakeFontsChanged()) window.RebuildFonts();
  window.BeginFrame(0);
  app.Frame(ImGui::GetTime());
  window.Render();
}

}  // namespace

int RunScreenshots(PlatformWindow& window, App& app, const std::filesystem::path& dir) {
  if (app.first_run() || !app.model()) {
    std::fprintf(stderr, "nastavnik: no replica in %s to take screenshots of: %s\n",
                 app.status().data_dir.c_str(),
                 app.status().open_error.empty() ? "create one first (e.g. nastavnik-make-demo-replica)"
                                                 : app.status().open_error.c_str());
    return 1;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "nastavnik: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  nlohmann::json manifest = {{"lang", app.status().lang},
                             {"theme", app.status().theme},
                             {"renderer", app.status().renderer},
                             {"font", app.fonts().path},
                             {"icons", app.fonts().icons},
                             {"screens", nlohmann::json::array()}};
  // Screenshots show the screens as they are, without hover effects or tooltips.
  window.SetIgnoreMouse(true);
  int failures = 0;
  for (const ScreenShot& shot : kScreens) {
    app.shell().Navigate(shot.screen);
    PrepareScreen(app, shot);
    for (int i = 0; i < kSettleFrames; ++i) {
      DrawFrame(window, app);
      window.Present();
      app.AfterFrame();
      app.WaitIdle();
    }
    DrawFrame(window, app);
    int width = 0, height = 0;
    const std::vector<uint8_t> pixels = window.ReadPixels(&width, &height);
    const nlohmann::json windows = DrawnWindows();
    const nlohmann::json overflow = OverflowingWindows();
    window.Present();
    app.AfterFrame();

    const std::string id = ui::screen_id(shot.screen);
    bool drawn = false;
    for (const auto& w : windows) drawn |= w["id"] == id;
    if (shot.report_preview) {
      bool preview = false;
      for (const auto& w : windows) preview |= w["id"] == "report_preview";
      if (!preview) std::fprintf(stderr, "nastavnik: the report preview did not open\n");
      drawn &= preview;
      app.model()->post(command::ClosePreview{});
    }
    const std::filesystem::path path = dir / shot.file;
    const bool written = stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
    if (!written) std::fprintf(stderr, "nastavnik: cannot write %s\n", path.c_str());
    if (!drawn) std::fprintf(stderr, "nastavnik: screen %s did not draw its window\n", id.c_str());
    if (!written || !drawn) ++failures;
    manifest["screens"].push_back({{"screen", id},
                                   {"file", shot.file},
                                   {"width", width},
                                   {"height", height},
                                   {"ok", written && drawn},
                                   {"windows", windows},
                                   {"overflow", overflow}});
  }
  RenderEveryMessage(app.catalog());
  manifest["missing_keys"] = app.catalog().missing_keys();
  const std::filesystem::path manifest_path = dir / "manifest.json";
  std::ofstream out(manifest_path, std::ios::trunc);
  out << manifest.dump(2) << "\n";
  if (!out) {
    std::fprintf(stderr, "nastavnik: cannot write %s\n", manifest_path.c_str());
    return 1;
  }
  if (failures) {
    std::fprintf(stderr, "nastavnik: %d of %zu screens failed\n", failures, std::size(kScreens));
    return 1;
  }
  std::printf("nastavnik: wrote %zu screenshots and manifest.json to %s\n", std::size(kScreens), dir.c_str());
  return 0;
}

}  // namespace nastavnik::app
