#include "client/cli/utf8_text.h"

#include <cstdint>

namespace nastavnik::cli {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

}  // namespace

size_t utf8_width(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += !is_continuation(c);
  return n;
}

bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      extra = 1, cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2, cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if (!is_continuation(cc)) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values beyond Unicode are not UTF-8.
    static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

std::string utf8_truncate(std::string_view text, size_t max_width) {
  if (utf8_width(text) <= max_width) return std::string(text);
  if (max_width == 0) return "";
  size_t kept = 0, end = 0;
  for (; end < text.size(); ++end) {
    if (!is_continuation(static_cast<unsigned char>(text[end]))) {
      if (kept == max_width - 1) break;
      ++kept;
    }
  }
  return std::string(text.substr(0, end)) + "…";
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\r') continue;
    out += (c == '\n' || c == '\t') ? ' ' : c;
  }
  return out;
}

}  // namespace nastavnik::cli
