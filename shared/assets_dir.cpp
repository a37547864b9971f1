#include "shared/assets_dir.h"

#include <cstdlib>

namespace nastavnik {

std::filesystem::path assets_dir() {
  if (const char* env = std::getenv("NASTAVNIK_ASSETS"); env && *env) return env;
  return NASTAVNIK_ASSETS_DIR;
}

}  // namespace nastavnik
