#pragma once
// Script mode (--script FILE): the window is driven by an input script (input_script.h)
// instead of a person, frame by frame, through the same input ImGui gets from the mouse and
// keyboard; `close` closes it the way the window's close button does.

#include <filesystem>

#include "client/app/app.h"
#include "client/app/platform_window.h"

namespace nastavnik::app {

// Returns the process exit code: 0 when every step was done; 1 with the failing step on
// stderr otherwise.
int RunScript(PlatformWindow& window, App& app, const std::filesystem::path& script);

}  // namespace nastavnik::app
