#pragma once
#include <filesystem>

namespace nastavnik {

// The assets/ folder: $NASTAVNIK_ASSETS if set, else <prefix>/share/nastavnik next to an
// installed program, else the one the build was configured with.
std::filesystem::path assets_dir();

}  // namespace nastavnik
