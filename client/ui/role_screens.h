#pragma once
// What each role works with: the screens of the navigation in the order that role needs
// them (a teacher's sessions and self-assessment first, a methodologist's overview and
// registry first), and the actions its home offers first. Screens a role has no work on are
// left out of its navigation; a device not yet bound to a person sees everything.

#include <string>
#include <vector>

#include "client/ui/frame_context.h"

namespace nastavnik::ui {

// The screens of the navigation for a person with `roles`, in order; home first and sync last.
std::vector<Screen> ScreensFor(const std::vector<std::string>& roles);

// The shortcuts on the home screen: the role's main tasks (catalog key and screen).
struct HomeAction {
  const char* label_key;
  Screen screen;
};
std::vector<HomeAction> HomeActionsFor(const std::vector<std::string>& roles);

// True when the person with `roles` oversees the municipality (methodologist or office).
bool OverseesMunicipality(const std::vector<std::string>& roles);

}  // namespace nastavnik::ui
