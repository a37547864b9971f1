#include "client/app/app_options.h"

#include <CLI/CLI.hpp>

#include "shared/domain/validation.h"

namespace nastavnik::app {

bool ParseOptions(int argc, char** argv, AppOptions* options, int* exit_code) {
  CLI::App cli{"nastavnik: the desktop client of the Nastavnik mentoring programme (offline-first)"};
  cli.add_option("--data", options->data_dir,
                 "Data directory with the replica (default: $NASTAVNIK_DATA, else ~/.local/share/nastavnik)");
  cli.add_option("--lang", options->lang, "Language of the interface (default: the last one chosen, else ru)")
      ->check(CLI::IsMember({"ru", "en"}));
  cli.add_option("--theme", options->theme, "Colours: dark or light (default: the last one chosen, else dark)")
      ->check(CLI::IsMember({"dark", "light"}));
  cli.add_option("--font-size", options->font_px, "Text size in pixels, 12-26 (default: the last one chosen, else 16)")
      ->check(CLI::Range(12, 26));
  cli.add_option("--settings", options->settings,
                 "Settings file (default: $XDG_CONFIG_HOME/nastavnik/settings.json, else ~/.config/nastavnik/...)");
  cli.add_option("--screenshot-dir", options->screenshot_dir,
                 "Render every screen with the replica to DIR/NN-<screen>.png plus DIR/manifest.json (windows "
                 "drawn, catalog keys missing, text running past a window's edge), then exit (0: all screens written)");
  cli.add_option("--script", options->script,
                 "Drive the window with the input script FILE (click, type, key, wait, idle, shot, close; see "
                 "docs/GUI.md), then exit (0: every step done)")
      ->check(CLI::ExistingFile);
  cli.add_option("--today", options->today, "Pin the calendar date (YYYY-MM-DD) used for 'upcoming' items")
      ->check(
          [](const std::string& v) { return is_iso_date(v) ? std::string() : "expected a date YYYY-MM-DD"; });
  cli.add_option("--width", options->width, "Window width in pixels (default: 1280, or less to fit the screen)")
      ->check(CLI::Range(640, 8192));
  cli.add_option("--height", options->height, "Window height in pixels (default: 800, or less to fit the screen)")
      ->check(CLI::Range(480, 8192));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    *exit_code = cli.exit(e);
    return false;
  }
  return true;
}

}  // namespace nastavnik::app
