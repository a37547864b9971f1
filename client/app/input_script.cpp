#include "client/app/input_script.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <utility>

#include "client/ui/item_marks.h"

namespace nastavnik::app {
namespace {

std::string Trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  const size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

// The GLFW key of a key name; 0 when unknown.
int KeyOf(const std::string& name) {
  if (name == "enter") return GLFW_KEY_ENTER;
  if (name == "tab") return GLFW_KEY_TAB;
  if (name == "escape") return GLFW_KEY_ESCAPE;
  if (name == "backspace") return GLFW_KEY_BACKSPACE;
  if (name == "delete") return GLFW_KEY_DELETE;
  if (name == "a") return GLFW_KEY_A;
  if (name == "down") return GLFW_KEY_DOWN;
  if (name == "up") return GLFW_KEY_UP;
  return 0;
}

}  // namespace

Result<std::vector<ScriptStep>> load_script(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read the input script " + path.string());
  std::vector<ScriptStep> steps;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.find(' ');
    ScriptStep step{n, line.substr(0, space), space == std::string::npos ? "" : line.substr(space + 1)};
    static const char* kVerbs[] = {"click", "scroll_to", "type", "key", "wait", "idle", "shot", "close"};
    if (std::find(std::begin(kVerbs), std::end(kVerbs), step.verb) == std::end(kVerbs))
      return Status::InvalidArgument(path.string() + ":" + std::to_string(n) + ": unknown step '" + step.verb + "'");
    steps.push_back(std::move(step));
  }
  return steps;
}

void ScriptPlayer::Fail(const ScriptStep& step, const std::string& why) {
  error_ = "script line " + std::to_string(step.line) + " (" + step.verb + " " + step.arg + "): " + why;
  next_ = steps_.size();
  phase_ = 0;
}

void ScriptPlayer::Inject(ImGuiIO& io) {
  io.MousePos = ImVec2(x_, y_);  // the script owns the pointer and the keyboard while it plays
  io.KeyCtrl = false;
  if (next_ >= steps_.size() || failed()) return;
  const ScriptStep& step = steps_[next_];
  if (step.verb == "click") {
    if (phase_ == 0) {
      auto it = ui::Marks().find(step.arg);
      if (it == ui::Marks().end()) return LookFor(step, "no such item on screen");
      if (!it->second.visible) return LookFor(step, "the item is not visible");
      // A screen just opened may still move its items (a list filling in, a hint wrapping):
      // the pointer goes to an item only once it stayed in place for a frame.
      const ui::MarkedRect& now = it->second;
      const bool settled = settled_name_ == step.arg && now.x0 == settled_rect_.x0 && now.y0 == settled_rect_.y0 &&
                           now.x1 == settled_rect_.x1 && now.y1 == settled_rect_.y1;
      settled_name_ = step.arg;
      settled_rect_ = now;
      if (!settled) return LookFor(step, "the item does not stay in place");
      looked_frames_ = 0;
      x_ = (it->second.x0 + it->second.x1) * 0.5f;
      y_ = (it->second.y0 + it->second.y1) * 0.5f;
      io.MousePos = ImVec2(x_, y_);
    }
    io.MouseDown[0] = phase_ == 1;
  } else if (step.verb == "scroll_to") {
    auto it = ui::Marks().find(step.arg);
    if (it == ui::Marks().end()) return LookFor(step, "no such item on screen");
    looked_frames_ = 0;
    if (it->second.visible) {
      scrolled_ = true;
      return;
    }
    // The wheel over the item's column, towards it.
    const float h = io.DisplaySize.y;
    const float y = (it->second.y0 + it->second.y1) * 0.5f;
    x_ = std::clamp((it->second.x0 + it->second.x1) * 0.5f, 1.0f, io.DisplaySize.x - 2.0f);
    y_ = std::clamp(y, h * 0.1f, h * 0.85f);
    io.MousePos = ImVec2(x_, y_);
    io.MouseWheel = y > h * 0.5f ? -2.0f : 2.0f;
  } else if (step.verb == "type" && phase_ == 0) {
    io.AddInputCharactersUTF8(step.arg.c_str());
  } else if (step.verb == "key") {
    std::string name = step.arg;
    const bool ctrl = name.rfind("ctrl+", 0) == 0;
    if (ctrl) name = name.substr(5);
    const int key = KeyOf(name);
    if (key == 0) return Fail(step, "unknown key");
    io.KeyCtrl = ctrl && phase_ <= 1;
    io.KeysDown[key] = phase_ == 0;
  }
}

void ScriptPlayer::LookFor(const ScriptStep& step, const std::string& why_not_found) {
  const auto now = std::chrono::steady_clock::now();
  if (looked_frames_++ == 0) looking_since_ = now;
  if (looked_frames_ > kMaxLookFrames && now - looking_since_ > kMaxLookTime) return Fail(step, why_not_found);
  looking_ = true;
}

void ScriptPlayer::AfterFrame() {
  if (next_ >= steps_.size()) return;
  if (std::exchange(looking_, false)) return;  // the step starts again next frame
  const ScriptStep& step = steps_[next_];
  int frames = 1;
  if (step.verb == "click") frames = 3;  // move, press, release
  else if (step.verb == "scroll_to") {
    if (!std::exchange(scrolled_, false)) {
      if (++phase_ > kMaxScrollFrames) Fail(step, "still not visible after scrolling");
      return;
    }
    frames = 1;
    phase_ = 0;
  }
  else if (step.verb == "key") frames = 2;  // press, release
  else if (step.verb == "wait") {
    if (phase_ == 0) wait_left_ = std::max(1, std::atoi(step.arg.c_str()));
    frames = wait_left_;
  } else if (step.verb == "idle" || step.verb == "shot" || step.verb == "close") {
    if (phase_ == 0) {
      action_ = step.verb;
      action_arg_ = step.arg;
    }
  }
  if (++phase_ >= frames) {
    phase_ = 0;
    ++next_;
  }
}

std::string ScriptPlayer::TakeAction(std::string* arg) {
  if (arg) *arg = action_arg_;
  return std::exchange(action_, "");
}

}  // namespace nastavnik::app
