#pragma once
// Shell: the main window's frame around the screens. It owns every view, draws the
// navigation panel (the screens of the person's roles, settings last), the status bar (who,
// what is not sent yet, the last export with "open folder") and the active screen, and
// during the first run only the first-run view.

#include <array>
#include <memory>
#include <vector>

#include "client/ui/first_run_view.h"
#include "client/ui/home_view.h"
#include "client/ui/monitoring_view.h"
#include "client/ui/municipality_view.h"
#include "client/ui/pair_review_view.h"
#include "client/ui/registry_view.h"
#include "client/ui/roadmap_view.h"
#include "client/ui/route_view.h"
#include "client/ui/self_assessment_view.h"
#include "client/ui/settings_view.h"
#include "client/ui/sessions_view.h"
#include "client/ui/sync_view.h"
#include "client/ui/visits_view.h"

namespace nastavnik::ui {

// The stable id of a screen ("sessions"), used for window ids, catalog keys and file names.
const char* screen_id(Screen screen);

class Shell {
 public:
  Shell();

  // Draws the whole main window for one frame: the first-run view when `first_run`, else
  // the navigation panel, the status bar and the active screen.
  void Draw(FrameContext& ctx, bool first_run);

  Screen screen() const { return screen_; }
  void Navigate(Screen screen) { screen_ = screen; }
  // The screens of the navigation for the person of `snap` (role_screens.h), settings last.
  std::vector<Screen> Navigation(const AppSnapshot& snap) const;
  // Ctrl+<digit>: the index-th entry of the navigation.
  void NavigateToEntry(const AppSnapshot& snap, int index);
  View& view(Screen screen) { return *views_[static_cast<size_t>(screen)]; }
  SessionsView& sessions() { return *sessions_; }

 private:
  void DrawNavigation(FrameContext& ctx, float width, float height);
  void DrawStatusBar(FrameContext& ctx, float y, float width, float height);

  Screen screen_ = Screen::kHome;
  FirstRunView first_run_;
  SessionsView* sessions_ = nullptr;  // owned by views_
  std::array<std::unique_ptr<View>, kScreenCount> views_;
};

}  // namespace nastavnik::ui
