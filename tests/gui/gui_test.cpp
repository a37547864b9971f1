// The desktop client under a real X server (Xvfb): `nastavnik --screenshot-dir` renders
// every screen of a demo replica and the test checks each PNG (size, not blank) and the
// manifest of ImGui windows drawn per screen, in Russian and in English.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/gui/png_stats.h"
#include "tests/gui/xvfb_server.h"

namespace fs = std::filesystem;
using nastavnik::testing::png_stats;

namespace {

constexpr int kWidth = 1280, kHeight = 800;
// A date inside the demo's school year (September 2026 – May 2027), so "next 30 days"
// on the home screen is the same on every run.
constexpr const char* kToday = "2027-01-20";

struct ExpectedScreen {
  const char* file;
  const char* window_id;  // "Title###id"
  const char* title_key;  // the window title in the catalog
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
};

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command line; returns its exit code (-1 when it did not exit normally).
int run(const std::string& command) {
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

nlohmann::json catalog(const std::string& lang) {
  return nlohmann::json::parse(slurp(fs::path(NASTAVNIK_GUI_ASSETS) / "i18n" / (lang + ".json")));
}

// Writes the demo replica into `dir` (the tool refuses a directory that holds one).
void make_demo_replica(const fs::path& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  const fs::path log = dir.parent_path() / (dir.filename().string() + ".log");
  const int code = run(quote(NASTAVNIK_DEMO_REPLICA_TOOL) + " --data " + quote(dir.string()) + " > " +
                       quote(log.string()) + " 2>&1");
  INFO("nastavnik-make-demo-replica output:\n" << slurp(log));
  REQUIRE(code == 0);
}

void check_screenshots(const std::string& lang) {
  INFO("language " << lang);
  if (!nastavnik::testing::XvfbServer::installed())
    FAIL(
        "Xvfb is not installed: the GUI test needs a virtual X server. Run scripts/setup (it installs "
        "xvfb), or: apt-get install xvfb");
  nastavnik::testing::XvfbServer xvfb;
  if (!xvfb.start(kWidth, kHeight)) FAIL("cannot start Xvfb: " << xvfb.error());
  const fs::path out = fs::path(NASTAVNIK_GUI_ARTIFACTS) / lang;
  const fs::path replica = fs::path(NASTAVNIK_GUI_ARTIFACTS) / ("replica-" + lang);
  make_demo_replica(replica);
  fs::remove_all(out);
  fs::create_directories(out);
  const fs::path log = out / "nastavnik.log";
  const std::string command = "DISPLAY=" + xvfb.display() + " timeout 300 " + quote(NASTAVNIK_GUI_BINARY) +
                              " --data " + quote(replica.string()) + " --lang " + lang + " --today " +
                              kToday + " --width " + std::to_string(kWidth) + " --height " +
                              std::to_string(kHeight) + " --screenshot-dir " + quote(out.string()) + " > " +
                              quote(log.string()) + " 2>&1";
  const int code = run(command);
  INFO("nastavnik output:\n" << slurp(log));
  REQUIRE(code == 0);

  const nlohmann::json manifest = nlohmann::json::parse(slurp(out / "manifest.json"));
  const nlohmann::json texts = catalog(lang);
  CHECK(manifest["lang"] == lang);
  // A TTF with Cyrillic was loaded (ImGui's built-in font would draw Cyrillic as '?').
  CHECK_FALSE(manifest["font"].get<std::string>().empty());
  REQUIRE(manifest["screens"].size() == kScreens.size());

  for (size_t i = 0; i < kScreens.size(); ++i) {
    const ExpectedScreen& expected = kScreens[i];
    INFO("screen " << expected.file);
    const fs::path png = out / expected.file;
    REQUIRE(fs::exists(png));
    const auto stats = png_stats(png);
    REQUIRE(stats.loaded);
    CHECK(stats.width == kWidth);
    CHECK(stats.height == kHeight);
    // Not blank: text, tables and charts give a wide spread of brightness and many colours.
    CHECK(stats.luminance_stddev > 15.0);
    CHECK(stats.distinct_colors > 64);

    const nlohmann::json& entry = manifest["screens"][i];
    CHECK(entry["file"] == expected.file);
    CHECK(entry["ok"] == true);
    std::map<std::string, std::string> windows;
    for (const auto& w : entry["windows"]) windows[w["id"]] = w["title"];
    REQUIRE(windows.count(expected.window_id) == 1);
    CHECK(windows[expected.window_id] == texts.at(expected.title_key).get<std::string>());
    CHECK(windows.count("nav") == 1);     // the navigation panel
    CHECK(windows.count("status") == 1);  // the status bar
  }
}

}  // namespace

TEST_CASE("every screen renders in Russian", "[gui]") { check_screenshots("ru"); }

TEST_CASE("every screen renders in English", "[gui]") { check_screenshots("en"); }
