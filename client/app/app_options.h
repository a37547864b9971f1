#pragma once
// Command-line options of the desktop client `nastavnik`.

#include <string>
#include <vector>

namespace nastavnik::app {

struct AppOptions {
  std::string data_dir;        // --data; empty: DataDir::resolve's default
  std::string lang;            // --lang ru|en; empty: the language chosen last time, else ru
  std::string theme;           // --theme dark|light; empty: the one chosen last time
  int font_px = 0;             // --font-size; 0: the one chosen last time
  std::string settings;        // --settings FILE; empty: $XDG_CONFIG_HOME/nastavnik/settings.json
  std::string screenshot_dir;  // --screenshot-dir: render every screen to PNG and exit
  std::string script;          // --script FILE: drive the window by an input script, then exit
  std::string today;           // --today YYYY-MM-DD: pin the calendar (screenshots, demos)
  int width = 0, height = 0;   // 0: 1280×800, made smaller to fit the screen
};

// Parses argv. Returns false after printing help (exit code in *exit_code: 0 for --help, 2
// for a usage error); true when the program should run.
bool ParseOptions(int argc, char** argv, AppOptions* options, int* exit_code);

}  // namespace nastavnik::app
