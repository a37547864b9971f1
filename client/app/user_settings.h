#pragma once
// What a person sets up once and expects to find again: the language, the theme (dark, or
// light for a bright classroom), the size of the text and where exports go. Kept per user
// of the computer in $XDG_CONFIG_HOME/nastavnik/settings.json (~/.config/... by default),
// not in a replica: a teacher who opens another data folder keeps her settings. Written
// to a temporary file renamed into place, so a crash never leaves half a file; a file that
// cannot be read gives the defaults and says why.

#include <filesystem>
#include <string>

#include "shared/core/status.h"

namespace nastavnik::app {

struct UserSettings {
  std::string lang;              // "" until chosen: the first run asks
  std::string theme = "dark";    // "dark" or "light"
  int font_px = 16;              // kMinFontPx .. kMaxFontPx
  std::string export_dir;        // "" : the data folder's "exports"

  static constexpr int kMinFontPx = 12;
  static constexpr int kMaxFontPx = 26;

  bool operator==(const UserSettings&) const = default;
};

// $XDG_CONFIG_HOME/nastavnik/settings.json, or ~/.config/nastavnik/settings.json.
std::filesystem::path default_settings_path();

// The settings in `path`: defaults when there is no file; Corruption (with the defaults
// kept by the caller) when the file is not valid settings JSON. Values out of range are
// brought back into range.
Result<UserSettings> load_settings(const std::filesystem::path& path);
// IoError naming the path when the file cannot be written.
Status save_settings(const UserSettings& settings, const std::filesystem::path& path);

}  // namespace nastavnik::app
