#pragma once
// PlatformWindow: the GLFW window with an OpenGL 3.3 core context and the Dear ImGui
// context with its GLFW and OpenGL3 backends. It knows nothing of the app: it starts and
// ends frames, and reads back the rendered pixels for screenshots.

#include <cstdint>
#include <string>
#include <vector>

#include "shared/core/status.h"

struct GLFWwindow;

namespace nastavnik::app {

class PlatformWindow {
 public:
  PlatformWindow() = default;
  ~PlatformWindow();
  PlatformWindow(const PlatformWindow&) = delete;
  PlatformWindow& operator=(const PlatformWindow&) = delete;

  // Opens the window (`width` x `height` screen coordinates) and sets up ImGui with
  // keyboard navigation. Unavailable when there is no display or no OpenGL 3.3.
  Status Open(int width, int height, const std::string& title);

  // The monitor's content scale (1 on a standard display, 2 on HiDPI).
  float content_scale() const { return content_scale_; }
  bool should_close() const;

  // Processes window events (waiting up to `wait_s` seconds for one when > 0) and starts
  // an ImGui frame.
  void BeginFrame(double wait_s);
  // Renders the ImGui frame; the caller may read pixels before Present().
  void Render();
  void Present();
  // The back buffer after Render(): RGBA rows, top row first.
  std::vector<uint8_t> ReadPixels(int* width, int* height) const;
  // Screenshots and benchmarks: ImGui sees no mouse (no hover effects or tooltips).
  void SetIgnoreMouse(bool ignore) { ignore_mouse_ = ignore; }
  // Swap on vertical blank (default) or as fast as possible (benchmarks).
  void SetVsync(bool on);
  // Waits until the GPU finished the frame (for timing).
  void Finish() const;

 private:
  GLFWwindow* window_ = nullptr;
  bool imgui_ready_ = false;
  bool ignore_mouse_ = false;
  float content_scale_ = 1.0f;
};

}  // namespace nastavnik::app
