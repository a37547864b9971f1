#pragma once
// Input scripts (--script FILE): the window driven by synthetic input, as a person would
// drive it, for the GUI tests of each role's main task. Each line is one step; the pointer
// moves to items the views marked on screen (item_marks.h) and ImGui receives the clicks,
// keys and typed text exactly as it receives those of the mouse and keyboard:
//
//   click nav.sessions          move to the marked item, press and release the left button
//   scroll_to ITEM              turn the wheel over the item's column until it is in view
//   type Встреча по теме «ФГОС» type UTF-8 text into the focused field
//   key ctrl+a | enter | tab | escape | backspace | ctrl+enter
//   wait 10                     let 10 frames pass
//   idle                        wait until the model applied every command
//   shot FILE.png               write a screenshot
//   close                       close the window as its close button does (drafts flushed)
//   # comment
//
// A step waits up to 120 frames and 20 s for its item to appear; one that cannot be done (an
// unknown mark, a mark off screen) then stops the script with an
// error naming the line; the app then exits with status 1.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "client/ui/item_marks.h"
#include "shared/core/status.h"

struct ImGuiIO;

namespace nastavnik::app {

struct ScriptStep {
  int line = 0;
  std::string verb, arg;
};

Result<std::vector<ScriptStep>> load_script(const std::filesystem::path& path);

// Plays a script one frame at a time.
class ScriptPlayer {
 public:
  explicit ScriptPlayer(std::vector<ScriptStep> steps) : steps_(std::move(steps)) {}

  // Before a frame: what the step in progress does to ImGui's input this frame.
  void Inject(ImGuiIO& io);
  // After the frame: advances. Sets the flags below for the app to act on.
  void AfterFrame();

  bool done() const { return next_ >= steps_.size() && phase_ == 0; }
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  // The app's part of the current step ("idle", "shot", "close"); cleared by TakeAction.
  std::string TakeAction(std::string* arg);

 private:
  void Fail(const ScriptStep& step, const std::string& why);
  void LookFor(const ScriptStep& step, const std::string& why_not_found);

  std::vector<ScriptStep> steps_;
  size_t next_ = 0;
  int phase_ = 0;      // frames into the current step
  int wait_left_ = 0;
  float x_ = 0, y_ = 0;
  bool scrolled_ = false;
  static constexpr int kMaxScrollFrames = 300;
  // A screen may take a while to show an item (the replica opening, a list loading): a step
  // waits for its item at least this many frames and this long before it fails, so a slow
  // machine (or a sanitizer build) does not fail a script a fast one passes.
  bool looking_ = false;
  int looked_frames_ = 0;
  std::chrono::steady_clock::time_point looking_since_;
  static constexpr int kMaxLookFrames = 120;
  static constexpr std::chrono::seconds kMaxLookTime{20};
  std::string settled_name_;
  ui::MarkedRect settled_rect_;
  std::string action_, action_arg_;
  std::string error_;
};

}  // namespace nastavnik::app
