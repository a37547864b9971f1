#include "client/app/script_mode.h"

#include <imgui.h>
#include <stb_image_write.h>

#include <cstdio>

#include "client/app/input_script.h"
#include "client/ui/item_marks.h"

namespace nastavnik::app {

int RunScript(PlatformWindow& window, App& app, const std::filesystem::path& script) {
  auto steps = load_script(script);
  if (!steps.ok()) {
    std::fprintf(stderr, "nastavnik: %s\n", steps.status().message().c_str());
    return 1;
  }
  ui::EnableMarks(true);
  // The person sees the screens once the replica is open: before its first snapshot the
  // navigation has not yet taken the role's order, and a click would land elsewhere.
  if (app.model()) app.WaitIdle();
  ScriptPlayer player(std::move(steps).value());
  // Bounded: a script that never ends (a wait far too long) stops with an error.
  constexpr int kMaxFrames = 20000;
  int frames = 0;
  bool closed = false;
  while (!closed && !window.should_close() && !player.done() && !player.failed() && frames++ < kMaxFrames) {
    if (app.TakeFontsChanged()) window.RebuildFonts();
    window.BeginFrame(0, [&player](ImGuiIO& io) { player.Inject(io); });
    app.Frame(ImGui::GetTime());
    window.Render();
    std::string arg;
    player.AfterFrame();
    const std::string action = player.TakeAction(&arg);
    if (action == "shot") {
      int width = 0, height = 0;
      const std::vector<uint8_t> pixels = window.ReadPixels(&width, &height);
      if (!stbi_write_png(arg.c_str(), width, height, 4, pixels.data(), width * 4))
        std::fprintf(stderr, "nastavnik: cannot write %s\n", arg.c_str());
    }
    window.Present();
    app.AfterFrame();
    if (action == "idle") app.WaitIdle();
    if (action == "close") {
      window.RequestClose();
      closed = true;
    }
  }
  app.Close();
  if (player.failed()) {
    std::fprintf(stderr, "nastavnik: %s\n", player.error().c_str());
    return 1;
  }
  if (frames >= kMaxFrames) {
    std::fprintf(stderr, "nastavnik: the script did not finish within %d frames\n", kMaxFrames);
    return 1;
  }
  std::printf("nastavnik: script %s done in %d frames\n", script.c_str(), frames);
  return 0;
}

}  // namespace nastavnik::app
