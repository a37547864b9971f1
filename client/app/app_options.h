#pragma once
// Command-line options of the desktop client `nastavnik`.

#include <string>
#include <vector>

namespace nastavnik::app {

struct AppOptions {
  std::string data_dir;        // --data; empty: DataDir::resolve's default
  std::string lang;            // --lang ru|en; empty: the language chosen last time, else ru
  std::string screenshot_dir;  // --screenshot-dir: render every screen to PNG and exit
  std::string today;           // --today YYYY-MM-DD: pin the calendar (screenshots, demos)
  int width = 1280, height = 800;
};

// Parses argv. Returns false after printing help (exit code in *exit_code: 0 for --help, 2
// for a usage error); true when the program should run.
bool ParseOptions(int argc, char** argv, AppOptions* options, int* exit_code);

}  // namespace nastavnik::app
