#include "client/app/user_settings.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

namespace nastavnik::app {

namespace fs = std::filesystem;

fs::path default_settings_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "nastavnik" / "settings.json";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".config" / "nastavnik" / "settings.json";
}

Result<UserSettings> load_settings(const fs::path& path) {
  UserSettings s;
  std::ifstream in(path);
  if (!in) return s;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::Corruption("the settings file " + path.string() + " is not valid JSON; the defaults are used");
  const std::string lang = j.value("lang", "");
  if (lang == "ru" || lang == "en") s.lang = lang;
  const std::string theme = j.value("theme", "dark");
  s.theme = theme == "light" ? "light" : "dark";
  if (j.contains("font_px") && j["font_px"].is_number_integer())
    s.font_px = std::clamp(j["font_px"].get<int>(), UserSettings::kMinFontPx, UserSettings::kMaxFontPx);
  s.export_dir = j.value("export_dir", "");
  return s;
}

Status save_settings(const UserSettings& s, const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return Status::IoError("cannot create " + path.parent_path().string() + ": " + ec.message());
  const nlohmann::json j{{"lang", s.lang}, {"theme", s.theme}, {"font_px", s.font_px}, {"export_dir", s.export_dir}};
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << j.dump(2) << "\n";
    out.flush();
    if (!out) return Status::IoError("cannot write " + tmp.string());
  }
  fs::rename(tmp, path, ec);
  if (ec) return Status::IoError("cannot move the settings into place at " + path.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace nastavnik::app
