#pragma once
// Home: who writes on this device, enrollment and sync state, the role's main tasks as
// shortcuts, what needs a methodologist's attention (pairs without activity), what is
// coming up in the next 30 days and what was recorded lately.

#include "client/ui/view.h"

namespace nastavnik::ui {

class HomeView : public View {
 public:
  HomeView() : View("home", "ui.home.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawStatus(FrameContext& ctx);
  void DrawQuietPairs(FrameContext& ctx);
  void DrawUpcoming(FrameContext& ctx);
  void DrawRecent(FrameContext& ctx);
};

}  // namespace nastavnik::ui
