#pragma once
// What a screenshot test needs to know about a PNG: its size and whether anything is drawn
// on it (a blank or single-colour image has no variance and few colours).

#include <filesystem>
#include <string>

namespace nastavnik::testing {

struct PngStats {
  bool loaded = false;
  std::string error;
  int width = 0, height = 0;
  double luminance_mean = 0;    // 0..255
  double luminance_stddev = 0;  // 0..255
  int distinct_colors = 0;      // distinct RGB values (counted up to 4096)
};

PngStats png_stats(const std::filesystem::path& path);

}  // namespace nastavnik::testing
