#include "tests/gui/png_stats.h"

#include <stb_image.h>

#include <cmath>
#include <set>

namespace nastavnik::testing {

PngStats png_stats(const std::filesystem::path& path) {
  PngStats out;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &out.width, &out.height, &channels, 3);
  if (!data) {
    out.error = stbi_failure_reason() ? stbi_failure_reason() : "unknown error";
    return out;
  }
  out.loaded = true;
  const size_t n = static_cast<size_t>(out.width) * static_cast<size_t>(out.height);
  double sum = 0, sum_sq = 0;
  std::set<uint32_t> colors;
  for (size_t i = 0; i < n; ++i) {
    const unsigned char* p = data + i * 3;
    const double y = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
    sum += y;
    sum_sq += y * y;
    if (colors.size() < 4096) colors.insert((uint32_t(p[0]) << 16) | (uint32_t(p[1]) << 8) | p[2]);
  }
  stbi_image_free(data);
  const double mean = sum / static_cast<double>(n);
  out.luminance_mean = mean;
  out.luminance_stddev = std::sqrt(std::max(0.0, sum_sq / static_cast<double>(n) - mean * mean));
  out.distinct_colors = static_cast<int>(colors.size());
  return out;
}

}  // namespace nastavnik::testing
