#pragma once
// Screenshot mode (--screenshot-dir): renders each screen with the replica, waits for the
// model to be idle so the screen shows settled data, and writes one PNG per screen
// (01-home.png … 11-settings.png) plus manifest.json listing, per screen, the ImGui windows
// drawn in that frame ({"id": "sessions", "title": "Наставнические встречи"}, …) and the
// windows whose content ran past their right edge ("overflow"), and overall the catalog
// keys asked for that the language lacks ("missing_keys", after every screen and every
// message code was rendered).

#include <filesystem>

#include "client/app/app.h"
#include "client/app/platform_window.h"

namespace nastavnik::app {

// Returns the process exit code: 0 when every PNG was written and showed its screen's
// window; 1 with a message on stderr otherwise.
int RunScreenshots(PlatformWindow& window, App& app, const std::filesystem::path& dir);

}  // namespace nastavnik::app
