// nastavnik-frame-bench: how long the desktop client takes to draw a frame with a large
// replica, against baselines measured in the same run.
//
//   nastavnik-frame-bench [--frames N] [--sessions S] [--work DIR]
//
// Makes a replica with S extra mentoring sessions (nastavnik-make-demo-replica --sessions S,
// default 50,000), the plain demo replica and an empty one. For each it renders the home
// screen and the sessions screen N frames (default 300) in a real window, scrolling the
// sessions list from top to bottom, and prints the median and worst frame time and the
// ratios large/empty and large/demo. A frame is timed from event polling to the finished
// GPU work (vsync off). Without a usable X display it starts a private Xvfb.

#include <unistd.h>

#include <CLI/CLI.hpp>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "client/app/app.h"
#include "client/app/platform_window.h"
#include "shared/crypto/sodium.h"
#include "tests/gui/xvfb_server.h"

namespace fs = std::filesystem;
using namespace nastavnik;

namespace {

struct FrameStats {
  double median_ms = 0, worst_ms = 0;
};

FrameStats Summarise(std::vector<double> ms) {
  FrameStats s;
  if (ms.empty()) return s;
  std::sort(ms.begin(), ms.end());
  s.median_ms = ms[ms.size() / 2];
  s.worst_ms = ms.back();
  return s;
}

struct ReplicaResult {
  FrameStats home, sessions;
  int64_t rows = 0;
};

// Draws `frames` frames of `screen`; for the sessions screen the list scrolls from the top
// to the bottom over the run.
std::vector<double> TimeScreen(app::PlatformWindow& window, app::App& app, ui::Screen screen, int frames) {
  app.shell().Navigate(screen);
  // Settle: the first frames lay out tables and upload nothing new afterwards.
  for (int i = 0; i < 10; ++i) {
    window.BeginFrame(0);
    app.Frame(0);
    window.Render();
    window.Present();
    app.AfterFrame();
    app.WaitIdle();
  }
  std::vector<double> ms;
  ms.reserve(static_cast<size_t>(frames));
  for (int i = 0; i < frames; ++i) {
    if (screen == ui::Screen::kSessions)
      app.shell().sessions().RequestScroll(static_cast<float>(i) /
                                           static_cast<float>(std::max(frames - 1, 1)));
    const auto t0 = std::chrono::steady_clock::now();
    window.BeginFrame(0);
    app.Frame(static_cast<double>(i) / 60.0);
    window.Render();
    window.Finish();
    window.Present();
    app.AfterFrame();
    const auto t1 = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  return ms;
}

bool Measure(const fs::path& data, int frames, ReplicaResult* out) {
  app::PlatformWindow window;
  if (auto s = window.Open(1280, 800, false, "nastavnik-frame-bench"); !s.ok()) {
    std::fprintf(stderr, "nastavnik-frame-bench: %s\n", s.message().c_str());
    return false;
  }
  window.SetVsync(false);
  window.SetIgnoreMouse(true);
  app::AppOptions options;
  options.data_dir = data.string();
  options.lang = "ru";
  options.today = "2027-01-20";
  options.settings = (data / "bench-settings.json").string();  // defaults, whatever the user chose
  app::App app(options);
  if (auto s = app.Init(1.0f, window.renderer()); !s.ok() || !app.model()) {
    std::fprintf(stderr, "nastavnik-frame-bench: cannot open %s: %s\n", data.c_str(),
                 s.ok() ? app.status().open_error.c_str() : s.message().c_str());
    return false;
  }
  out->rows = app.model()->snapshot()->sessions.total;
  out->home = Summarise(TimeScreen(window, app, ui::Screen::kHome, frames));
  out->sessions = Summarise(TimeScreen(window, app, ui::Screen::kSessions, frames));
  out->rows = app.model()->snapshot()->sessions.total;
  return true;
}

void PrintRow(const char* replica, const char* screen, const FrameStats& s) {
  std::printf("%-24s %-10s %9.2f %9.2f\n", replica, screen, s.median_ms, s.worst_ms);
}

}  // namespace

// True when an X display can be opened (GLFW initialises).
bool DisplayAvailable() {
  glfwSetErrorCallback(nullptr);
  if (!glfwInit()) return false;
  glfwTerminate();
  return true;
}

int main(int argc, char** argv) {
  // Without a usable X display, draw on a private virtual one.
  std::optional<testing::XvfbServer> xvfb;
  if (!DisplayAvailable()) {
    if (!testing::XvfbServer::installed()) {
      std::fprintf(stderr,
                   "nastavnik-frame-bench: no X display and Xvfb is not installed (run scripts/setup)\n");
      return 1;
    }
    xvfb.emplace();
    if (!xvfb->start(1280, 800)) {
      std::fprintf(stderr, "nastavnik-frame-bench: cannot start Xvfb: %s\n", xvfb->error().c_str());
      return 1;
    }
    setenv("DISPLAY", xvfb->display().c_str(), 1);
  }
  CLI::App cli{"Frame times of the nastavnik desktop client: a large replica against an empty one"};
  int frames = 300;
  int64_t sessions = 50000;
  std::string work;
  cli.add_option("--frames", frames, "frames timed per screen (default 300)")->check(CLI::Range(10, 100000));
  cli.add_option("--sessions", sessions, "mentoring sessions in the large replica (default 50000)")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--work", work,
                 "folder for the replicas (default: a new folder under $TMPDIR, removed after)");
  CLI11_PARSE(cli, argc, argv);
  if (!crypto::ensure_initialised().ok()) return 1;

  const bool own_work = work.empty();
  const fs::path root =
      own_work ? fs::temp_directory_path() / ("nastavnik-frame-bench-" + std::to_string(getpid()))
               : fs::path(work);
  for (const char* name : {"empty", "demo", "large"}) fs::remove_all(root / name);
  fs::create_directories(root);

  // The empty replica: a fresh device with no records at all.
  {
    auto model = AppModel::create(DataDir(root / "empty"), AppModelOptions{});
    if (!model.ok()) {
      std::fprintf(stderr, "nastavnik-frame-bench: cannot create the empty replica: %s\n",
                   model.status().message().c_str());
      return 1;
    }
  }
  // The demo replica as it ships, and the same with `sessions` more sessions.
  for (const auto& [name, extra] : {std::pair<const char*, int64_t>{"demo", 0}, {"large", sessions}}) {
    std::printf("making the %s replica (%lld extra sessions)…\n", name, static_cast<long long>(extra));
    std::fflush(stdout);
    const std::string make = std::string("'") + NASTAVNIK_DEMO_REPLICA_TOOL + "' --data '" +
                             (root / name).string() + "' --sessions " + std::to_string(extra);
    if (std::system(make.c_str()) != 0) {
      std::fprintf(stderr, "nastavnik-frame-bench: nastavnik-make-demo-replica failed\n");
      return 1;
    }
  }

  ReplicaResult empty, demo, large;
  if (!Measure(root / "empty", frames, &empty) || !Measure(root / "demo", frames, &demo) ||
      !Measure(root / "large", frames, &large))
    return 1;

  std::printf("\nframe time, ms (%d frames per screen, 1280x800, sessions list scrolled top to bottom)\n",
              frames);
  std::printf("%-24s %-10s %9s %9s\n", "replica", "screen", "median", "worst");
  const std::string demo_label = "demo, " + std::to_string(demo.rows) + " sessions";
  const std::string large_label = "large, " + std::to_string(large.rows) + " sessions";
  for (const auto& [label, r] : {std::pair<std::string, const ReplicaResult*>{"empty (baseline)", &empty},
                                 {demo_label, &demo},
                                 {large_label, &large}}) {
    PrintRow(label.c_str(), "home", r->home);
    PrintRow(label.c_str(), "sessions", r->sessions);
  }
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  auto print_ratio = [&](const char* what, const ReplicaResult& base) {
    std::printf("ratio large/%s: home median %.2fx, worst %.2fx; sessions median %.2fx, worst %.2fx\n", what,
                ratio(large.home.median_ms, base.home.median_ms),
                ratio(large.home.worst_ms, base.home.worst_ms),
                ratio(large.sessions.median_ms, base.sessions.median_ms),
                ratio(large.sessions.worst_ms, base.sessions.worst_ms));
  };
  std::printf("\n");
  print_ratio("empty", empty);
  // The empty replica draws hints instead of tables; the demo replica draws the same
  // widgets as the large one, so this ratio isolates the cost of the data volume.
  print_ratio("demo", demo);
  if (own_work) fs::remove_all(root);
  return 0;
}
