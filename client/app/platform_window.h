#pragma once
// PlatformWindow: the GLFW window with its OpenGL context and the Dear ImGui context with
// its GLFW and OpenGL backends. It opens an OpenGL 3.3 core context where the driver has
// one and falls back to OpenGL 2.1 with ImGui's OpenGL 2 backend on old laptops whose
// graphics stop there. The window opens at a size that fits the screen's work area. It
// knows nothing of the app: it starts and ends frames, and reads back the rendered pixels
// for screenshots.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "shared/core/status.h"

struct GLFWwindow;
struct ImGuiIO;

namespace nastavnik::app {

class PlatformWindow {
 public:
  PlatformWindow() = default;
  ~PlatformWindow();
  PlatformWindow(const PlatformWindow&) = delete;
  PlatformWindow& operator=(const PlatformWindow&) = delete;

  // Opens the window (`width` x `height` screen coordinates; with `fit`, made smaller where
  // the screen's work area is) and sets up ImGui with keyboard navigation. Unavailable when
  // there is no display or no OpenGL (3.3 or 2.1).
  Status Open(int width, int height, bool fit, const std::string& title);

  // The monitor's content scale (1 on a standard display, 2 on HiDPI).
  float content_scale() const { return content_scale_; }
  // "OpenGL 3" or "OpenGL 2": which renderer runs.
  const std::string& renderer() const { return renderer_; }
  bool should_close() const;
  void RequestClose();

  // Processes window events (waiting up to `wait_s` seconds for one when > 0) and starts
  // an ImGui frame. `inject`, when given, changes ImGui's input after the real devices
  // were read (input scripts).
  void BeginFrame(double wait_s, const std::function<void(ImGuiIO&)>& inject = nullptr);
  // Renders the ImGui frame; the caller may read pixels before Present().
  void Render();
  void Present();
  // After the fonts of the ImGui atlas changed (text size): uploads the new atlas.
  void RebuildFonts();
  // The back buffer after Render(): RGBA rows, top row first.
  std::vector<uint8_t> ReadPixels(int* width, int* height) const;
  // Screenshots and benchmarks: ImGui sees no mouse (no hover effects or tooltips).
  void SetIgnoreMouse(bool ignore) { ignore_mouse_ = ignore; }
  // Swap on vertical blank (default) or as fast as possible (benchmarks).
  void SetVsync(bool on);
  // Waits until the GPU finished the frame (for timing).
  void Finish() const;

 private:
  bool CreateWindow(int width, int height, const std::string& title, bool gl3);

  GLFWwindow* window_ = nullptr;
  bool imgui_ready_ = false;
  bool gl3_ = true;
  bool ignore_mouse_ = false;
  float content_scale_ = 1.0f;
  std::string renderer_;
};

}  // namespace nastavnik::app
