// nastavnik: the desktop client. Setup and the frame loop only; everything else lives in
// App (state and requests), PlatformWindow (GLFW, OpenGL, ImGui backends) and the views.

#include <imgui.h>

#include <cstdio>

#include "client/app/app.h"
#include "client/app/app_options.h"
#include "client/app/platform_window.h"
#include "client/app/screenshot_mode.h"
#include "client/app/script_mode.h"

int main(int argc, char** argv) {
  using namespace nastavnik::app;
  AppOptions options;
  int exit_code = 0;
  if (!ParseOptions(argc, argv, &options, &exit_code)) return exit_code;

  PlatformWindow window;
  const bool fit = options.width == 0 && options.height == 0;
  if (auto s = window.Open(options.width ? options.width : 1280, options.height ? options.height : 800, fit,
                           "Наставник / Nastavnik");
      !s.ok()) {
    std::fprintf(stderr, "nastavnik: %s\n", s.message().c_str());
    return 1;
  }
  App app(options);
  if (auto s = app.Init(window.content_scale(), window.renderer()); !s.ok()) {
    std::fprintf(stderr, "nastavnik: %s\n", s.message().c_str());
    return 1;
  }
  if (!options.screenshot_dir.empty()) return RunScreenshots(window, app, options.screenshot_dir);
  if (!options.script.empty()) return RunScript(window, app, options.script);

  while (!window.should_close()) {
    if (app.TakeFontsChanged()) window.RebuildFonts();
    // Sleep until input (at most 0.1 s, so new snapshots show) unless something animates.
    window.BeginFrame(app.animating() ? 0.0 : 0.1);
    app.Frame(ImGui::GetTime());
    window.Render();
    window.Present();
    app.AfterFrame();
  }
  app.Close();  // the last second of typing is saved too
  return 0;
}
