// The desktop client under a real X server (Xvfb): `nastavnik --screenshot-dir` renders
// every screen of the demo replica, and the test checks each PNG (size, not blank) and the
// manifest — the windows drawn, no window whose content is wider than it (text cut at an
// edge), no catalog key missing — on the screens people have (1024×600 netbooks, 1366×768
// school laptops, 1920×1080), in Russian and English, dark and light, and on a driver
// that offers only OpenGL 2.1.

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/gui/gui_run.h"
#include "tests/gui/png_stats.h"
#include "tests/gui/xvfb_server.h"

namespace fs = std::filesystem;
using namespace nastavnik::testing;

namespace {

struct ExpectedScreen {
  const char* file;
  const char* window_id;  // "Title###id"
  const char* title_key;  // the window title in the catalog; null: a title with the period in it
};

const std::vector<ExpectedScreen> kScreens = {
    {"01-home.png", "home", "ui.home.title"},
    {"02-sessions.png", "sessions", "ui.sessions.title"},
    {"03-visits.png", "visits", "ui.visits.title"},
    {"04-self-assessment.png", "self_assessment", "ui.assessment.title"},
    {"05-individual-route.png", "route", "ui.route.title"},
    {"06-roadmap.png", "roadmap", "ui.roadmap.title"},
    {"07-pair-review.png", "pair_review", "ui.pair.title"},
    {"08-municipality.png", "municipality", "ui.municipality.title"},
    {"09-sync.png", "sync", "ui.sync.title"},
    {"10-registry.png", "registry", "ui.registry.title"},
    {"11-settings.png", "settings", "ui.settings.title"},
    {"12-monitoring.png", "monitoring", "ui.monitoring.title"},
    // The half-year report's first page, drawn as the PDF prints it, over the monitoring screen.
    {"13-report-preview.png", "report_preview", nullptr},
};

struct Look {
  int width, height;
  std::string lang, theme;
  std::string name() const { return std::to_string(width) + "x" + std::to_string(height) + "-" + lang + "-" + theme; }
};

struct Shots {
  nlohmann::json manifest;
  double mean_luminance = 0;  // over every screen
};

Shots check_screenshots(const XvfbServer& xvfb, const Look& look, const std::map<std::string, std::string>& env = {},
                        const std::string& tag = "") {
  INFO("look " << look.name() << tag);
  const fs::path dir = fs::path(NASTAVNIK_GUI_ARTIFACTS) / (look.name() + tag);
  fs::remove_all(dir);
  copy_demo_replica(dir / "replica");
  const fs::path out = dir / "screens";
  const ProcessResult run = run_client(
      xvfb.display(),
      {"--data", (dir / "replica").string(), "--settings", (dir / "settings.json").string(), "--lang", look.lang,
       "--theme", look.theme, "--today", kDemoToday, "--width", std::to_string(look.width), "--height",
       std::to_string(look.height), "--screenshot-dir", out.string()},
      env);
  INFO("nastavnik output:\n" << run.out << run.err);
  REQUIRE(run.exit_code == 0);

  Shots shots;
  shots.manifest = read_json(out / "manifest.json");
  const nlohmann::json& manifest = shots.manifest;
  const nlohmann::json texts = catalog(look.lang);
  CHECK(manifest["lang"] == look.lang);
  CHECK(manifest["theme"] == look.theme);
  // A TTF with Cyrillic was loaded (ImGui's built-in font would draw Cyrillic as '?'), and
  // the icon font beside it.
  CHECK_FALSE(manifest["font"].get<std::string>().empty());
  CHECK(manifest["icons"] == true);
  // Every message the model can publish and every text drawn has its entry.
  CHECK(manifest["missing_keys"] == nlohmann::json::array());
  REQUIRE(manifest["screens"].size() == kScreens.size());

  for (size_t i = 0; i < kScreens.size(); ++i) {
    const ExpectedScreen& expected = kScreens[i];
    INFO("screen " << expected.file);
    const fs::path png = out / expected.file;
    REQUIRE(fs::exists(png));
    const auto stats = png_stats(png);
    REQUIRE(stats.loaded);
    CHECK(stats.width == look.width);
    CHECK(stats.height == look.height);
    // Not blank: text, tables and charts give a wide spread of brightness and many colours.
    CHECK(stats.luminance_stddev > 15.0);
    CHECK(stats.distinct_colors > 64);
    shots.mean_luminance += stats.luminance_mean / static_cast<double>(kScreens.size());

    const nlohmann::json& entry = manifest["screens"][i];
    CHECK(entry["file"] == expected.file);
    CHECK(entry["ok"] == true);
    // Content wider than its window is text or a control cut at the window's edge.
    CHECK(entry["overflow"] == nlohmann::json::array());
    std::map<std::string, std::string> windows;
    for (const auto& w : entry["windows"]) windows[w["id"]] = w["title"];
    REQUIRE(windows.count(expected.window_id) == 1);
    if (expected.title_key) CHECK(windows[expected.window_id] == texts.at(expected.title_key).get<std::string>());
    else CHECK(windows.count("monitoring") == 1);
    CHECK(windows.count("nav") == 1);     // the navigation panel
    CHECK(windows.count("status") == 1);  // the status bar
  }
  return shots;
}

void check_screen_size(int width, int height) {
  require_xvfb_installed();
  XvfbServer xvfb;
  if (!xvfb.start(width, height)) FAIL("cannot start Xvfb: " << xvfb.error());
  for (const std::string lang : {"ru", "en"}) {
    const Shots dark = check_screenshots(xvfb, {width, height, lang, "dark"});
    const Shots light = check_screenshots(xvfb, {width, height, lang, "light"});
    INFO("mean luminance: dark " << dark.mean_luminance << ", light " << light.mean_luminance);
    CHECK(light.mean_luminance > dark.mean_luminance + 60.0);
  }
}

}  // namespace

TEST_CASE("every screen on a 1024×600 netbook, in Russian and English, dark and light", "[gui]") {
  check_screen_size(1024, 600);
}

TEST_CASE("every screen on a 1366×768 laptop, in Russian and English, dark and light", "[gui]") {
  check_screen_size(1366, 768);
}

TEST_CASE("every screen on a 1920×1080 screen, in Russian and English, dark and light", "[gui]") {
  check_screen_size(1920, 1080);
}

TEST_CASE("a driver with OpenGL 2.1 only gets the OpenGL 2 renderer and every screen", "[gui]") {
  require_xvfb_installed();
  XvfbServer xvfb;
  if (!xvfb.start(1366, 768)) FAIL("cannot start Xvfb: " << xvfb.error());
  // Mesa then refuses the OpenGL 3.3 core context the client asks for first.
  const Shots shots = check_screenshots(xvfb, {1366, 768, "ru", "dark"}, {{"MESA_GL_VERSION_OVERRIDE", "2.1"}}, "-gl2");
  CHECK(shots.manifest["renderer"] == "OpenGL 2");
  const Shots normal = check_screenshots(xvfb, {1366, 768, "ru", "dark"});
  CHECK(normal.manifest["renderer"] == "OpenGL 3");
}

TEST_CASE("the default window fits the screen it opens on", "[gui]") {
  require_xvfb_installed();
  XvfbServer xvfb;
  if (!xvfb.start(1366, 768)) FAIL("cannot start Xvfb: " << xvfb.error());
  const fs::path dir = fs::path(NASTAVNIK_GUI_ARTIFACTS) / "default-size";
  fs::remove_all(dir);
  copy_demo_replica(dir / "replica");
  // No --width/--height: the default 1280×800 is taller than the screen and must shrink.
  const ProcessResult run =
      run_client(xvfb.display(), {"--data", (dir / "replica").string(), "--settings", (dir / "settings.json").string(),
                                  "--today", kDemoToday, "--screenshot-dir", (dir / "screens").string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const auto stats = png_stats(dir / "screens" / "01-home.png");
  REQUIRE(stats.loaded);
  CHECK(stats.width <= 1366);
  CHECK(stats.height <= 768);
  CHECK(stats.height >= 600);
}
