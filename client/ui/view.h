#pragma once
// The base of every window of the desktop client. A view implements only DrawContent();
// View::Draw() places the window, calls Begin/End and records that it was drawn. Views keep
// widget state in members (never in function-static locals), read the frame's snapshot and
// push commands to the outbox.

#include <string>

#include "client/ui/frame_context.h"

struct ImVec2;

namespace nastavnik::ui {

class View {
 public:
  // `id` is the stable part of the ImGui window name ("Title###id"): tests and the
  // screenshot manifest look windows up by it. `title_key` is the catalog key of the title.
  View(std::string id, std::string title_key) : id_(std::move(id)), title_key_(std::move(title_key)) {}
  virtual ~View() = default;
  View(const View&) = delete;
  View& operator=(const View&) = delete;

  // Draws the window at `pos` with `size` (pixels); the window fills that rectangle.
  void Draw(FrameContext& ctx, const ImVec2& pos, const ImVec2& size);

  const std::string& id() const { return id_; }
  const std::string& title_key() const { return title_key_; }

 protected:
  virtual void DrawContent(FrameContext& ctx) = 0;

 private:
  std::string id_, title_key_;
  std::string window_name_;  // "<title>###<id>", rebuilt when the language changes
};

}  // namespace nastavnik::ui
