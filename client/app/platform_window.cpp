#include "client/app/platform_window.h"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstring>

namespace nastavnik::app {
namespace {

void GlfwErrorCallback(int code, const char* description) {
  std::fprintf(stderr, "nastavnik: GLFW error %d: %s\n", code, description);
}

}  // namespace

PlatformWindow::~PlatformWindow() {
  if (imgui_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  if (window_) glfwDestroyWindow(window_);
  glfwTerminate();
}

Status PlatformWindow::Open(int width, int height, const std::string& title) {
  glfwSetErrorCallback(GlfwErrorCallback);
  if (!glfwInit())
    return Status::Unavailable("cannot open a window: no display (set DISPLAY, or run under xvfb-run)");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) return Status::Unavailable("cannot create an OpenGL 3.3 window: the graphics driver refused");
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
  ImGui_ImplOpenGL3_Init("#version 330 core");
  imgui_ready_ = true;
  return Status::Ok();
}

bool PlatformWindow::should_close() const { return !window_ || glfwWindowShouldClose(window_); }

void PlatformWindow::BeginFrame(double wait_s) {
  if (wait_s > 0)
    glfwWaitEventsTimeout(wait_s);
  else
    glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (ignore_mouse_) {
    // After the backend read the real pointer: take it away before ImGui uses it.
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    for (bool& down : io.MouseDown) down = false;
    io.MouseWheel = io.MouseWheelH = 0.0f;
  }
  ImGui::NewFrame();
}

void PlatformWindow::Render() {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
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
    std::memcpy(flipped.data() + row * static_cast<size_t>(y),
                pixels.data() + row * static_cast<size_t>(*height - 1 - y), row);
  return flipped;
}

}  // namespace nastavnik::app
