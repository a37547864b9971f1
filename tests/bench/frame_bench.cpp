// nastavnik-frame-bench: how long the desktop client takes to draw a frame with a large
// replica, against an empty replica measured in the same run.
//
//   nastavnik-frame-bench [--frames N] [--sessions S] [--work DIR]
//
// Makes a replica with S mentoring sessions (nastavnik-make-demo-replica --sessions S,
// default 50,000) and an empty one, then for each renders the home screen and the sessions
// screen N frames (default 300) in a real window, scrolling the sessions list from top to
// bottom, and prints the median and worst frame time and the ratio large/empty. A frame
// is timed from event polling to the finished GPU work (vsync off). Without $DISPLAY it
// runs itself under xvfb-run.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "client/app/app.h"
#include "client/app/platform_window.h"
#include "shared/crypto/sodium.h"

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
  if (auto s = window.Open(1280, 800, "nastavnik-frame-bench"); !s.ok()) {
    std::fprintf(stderr, "nastavnik-frame-bench: %s\n", s.message().c_str());
    return false;
  }
  window.SetVsync(false);
  window.SetIgnoreMouse(true);
  app::AppOptions options;
  options.data_dir = data.string();
  options.lang = "ru";
  options.today = "2027-01-20";
  app::App app(options);
  if (auto s = app.Init(1.0f); !s.ok() || !app.model()) {
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
  std::printf("%-22s %-10s %9.2f %9.2f\n", replica, screen, s.median_ms, s.worst_ms);
}

}  // namespace

int main(int argc, char** argv) {
  if (!std::getenv("DISPLAY")) {
    // No X server: run again under a virtual one.
    std::vector<std::string> args = {"xvfb-run", "-a", "-s", "-screen 0 1280x800x24"};
    for (int i = 0; i < argc; ++i) args.push_back(argv[i]);
    std::vector<char*> cargs;
    for (auto& a : args) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    execvp("xvfb-run", cargs.data());
    std::fprintf(stderr,
                 "nastavnik-frame-bench: no $DISPLAY and xvfb-run is not installed (run scripts/setup)\n");
    return 1;
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
  fs::remove_all(root / "empty");
  fs::remove_all(root / "large");
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
  std::printf("making a replica with %lld sessions…\n", static_cast<long long>(sessions));
  std::fflush(stdout);
  const std::string make = std::string("'") + NASTAVNIK_DEMO_REPLICA_TOOL + "' --data '" +
                           (root / "large").string() + "' --sessions " + std::to_string(sessions);
  if (std::system(make.c_str()) != 0) {
    std::fprintf(stderr, "nastavnik-frame-bench: nastavnik-make-demo-replica failed\n");
    return 1;
  }

  ReplicaResult empty, large;
  if (!Measure(root / "empty", frames, &empty) || !Measure(root / "large", frames, &large)) return 1;

  std::printf("\nframe time, ms (%d frames per screen, 1280x800, sessions list scrolled top to bottom)\n",
              frames);
  std::printf("%-22s %-10s %9s %9s\n", "replica", "screen", "median", "worst");
  PrintRow("empty (baseline)", "home", empty.home);
  PrintRow("empty (baseline)", "sessions", empty.sessions);
  const std::string label = std::to_string(large.rows) + " sessions";
  PrintRow(label.c_str(), "home", large.home);
  PrintRow(label.c_str(), "sessions", large.sessions);
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  std::printf("\nratio large/empty: home median %.2fx, worst %.2fx; sessions median %.2fx, worst %.2fx\n",
              ratio(large.home.median_ms, empty.home.median_ms),
              ratio(large.home.worst_ms, empty.home.worst_ms),
              ratio(large.sessions.median_ms, empty.sessions.median_ms),
              ratio(large.sessions.worst_ms, empty.sessions.worst_ms));
  if (own_work) fs::remove_all(root);
  return 0;
}
