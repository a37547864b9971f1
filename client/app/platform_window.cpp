#include "client/app/platform_window.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl2.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace nastavnik::app {
namespace {

void GlfwErrorCallback(int code, const char* description) {
  // A refused OpenGL 3 context is expected on old laptops: the OpenGL 2 fallback follows.
  if (code == GLFW_VERSION_UNAVAILABLE) return;
  std::fprintf(stderr, "nastavnik: GLFW error %d: %s\n", code, description);
}

// The size that fits the primary monitor's work area (the screen without panels), keeping
// room for the window's title bar and border.
void FitToWorkArea(int* width, int* height) {
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  if (!monitor) return;
  int x = 0, y = 0, w = 0, h = 0;
  glfwGetMonitorWorkarea(monitor, &x, &y, &w, &h);
  if (w <= 0 || h <= 0) return;
  constexpr int kDecorationW = 16, kDecorationH = 48;
  *width = std::max(640, std::min(*width, w - kDecorationW));
  *height = std::max(480, std::min(*height, h - kDecorationH));
}

}  // namespace

PlatformWindow::~PlatformWindow() {
  if (imgui_ready_) {
    if (gl3_) ImGui_ImplOpenGL3_Shutdown();
    else ImGui_ImplOpenGL2_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  if (window_) glfwDestroyWindow(window_);
  glfwTerminate();
}

bool PlatformWindow::CreateWindow(int width, int height, const std::string& title, bool gl3) {
  glfwDefaultWindowHints();
  if (gl3) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  } else {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 2);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 1);
  }
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  gl3_ = gl3;
  return window_ != nullptr;
}

Status PlatformWindow::Open(int width, int height, bool fit, const std::string& title) {
  glfwSetErrorCallback(GlfwErrorCallback);
  if (!glfwInit()) return Status::Unavailable("cannot open a window: no display (set DISPLAY, or run under xvfb-run)");
  if (fit) FitToWorkArea(&width, &height);
  // NASTAVNIK_OPENGL=2 skips OpenGL 3 (a driver that offers it but draws it wrong).
  const char* forced = std::getenv("NASTAVNIK_OPENGL");
  const bool try_gl3 = !(forced && std::string(forced) == "2");
  if (!(try_gl3 && CreateWindow(width, height, title, true)) && !CreateWindow(width, height, title, false))
    return Status::Unavailable("cannot create an OpenGL window (3.3 or 2.1): the graphics driver refused");
  renderer_ = gl3_ ? "OpenGL 3" : "OpenGL 2";
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  float xs = 1.0f, ys = 1.0f;
  glfwGetWindowContentScale(window_, &xs, &ys);
  content_scale_ = std::clamp(std::max(xs, ys), 1.0f, 4.0f);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.IniFilename = nullptr;  // the layout is fixed; nothing to remember on disk
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  if (gl3_) ImGui_ImplOpenGL3_Init("#version 330 core");
  else ImGui_ImplOpenGL2_Init();
  imgui_ready_ = true;
  return Status::Ok();
}

bool PlatformWindow::should_close() const { return !window_ || glfwWindowShouldClose(window_); }

void PlatformWindow::RequestClose() {
  if (window_) glfwSetWindowShouldClose(window_, GLFW_TRUE);
}

void PlatformWindow::BeginFrame(double wait_s, const std::function<void(ImGuiIO&)>& inject) {
  if (wait_s > 0)
    glfwWaitEventsTimeout(wait_s);
  else
    glfwPollEvents();
  if (gl3_) ImGui_ImplOpenGL3_NewFrame();
  else ImGui_ImplOpenGL2_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (ignore_mouse_) {
    // After the backend read the real pointer: take it away before ImGui uses it.
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    for (bool& down : io.MouseDown) down = false;
    io.MouseWheel = io.MouseWheelH = 0.0f;
  }
  if (inject) inject(io);
  ImGui::NewFrame();
}

void PlatformWindow::Render() {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (gl3_) ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  else ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
}

void PlatformWindow::RebuildFonts() {
  if (gl3_) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  } else {
    ImGui_ImplOpenGL2_DestroyFontsTexture();
    ImGui_ImplOpenGL2_CreateFontsTexture();
  }
}

void PlatformWindow::Present() { glfwSwapBuffers(window_); }

void PlatformWindow::Finish() const { glFinish(); }

void PlatformWindow::SetVsync(bool on) { glfwSwapInterval(on ? 1 : 0); }

std::vector<uint8_t> PlatformWindow::ReadPixels(int* width, int* height) const {
  glfwGetFramebufferSize(window_, width, height);
  const size_t row = static_cast<size_t>(*width) * 4;
  std::vector<uint8_t> pixels(row * static_cast<size_t>(*height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, *width, *height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // The window may have no alpha channel: make every pixel opaque.
  for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;
  // OpenGL's first row is the bottom one.
  std::vector<uint8_t> flipped(pixels.size());
  for (int y = 0; y < *height; ++y)
    std::memcpy(flipped.data() + row * static_cast<size_t>(y), pixels.data() + row * static_cast<size_t>(*height - 1 - y),
                row);
  return flipped;
}

}  // namespace nastavnik::app
