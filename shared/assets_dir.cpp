#include "shared/assets_dir.h"

#include <cstdlib>
#include <system_error>

namespace nastavnik {

std::filesystem::path assets_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("NASTAVNIK_ASSETS"); env && *env) return env;
  // Installed from the packages: <prefix>/bin/<program> reads <prefix>/share/nastavnik. Found
  // from the program's own location, so a package unpacked anywhere (dpkg -x) works too.
  std::error_code ec;
  const fs::path program = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = program.parent_path().parent_path() / "share" / "nastavnik";
    if (fs::is_directory(installed / "i18n", ec)) return installed;
  }
  return NASTAVNIK_ASSETS_DIR;
}

}  // namespace nastavnik
