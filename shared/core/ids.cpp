#include "shared/core/ids.h"

#include <sodium.h>

#include <array>
#include <cctype>
#include <cstdio>

namespace nastavnik {

std::string new_record_id(uint64_t unix_ms) {
  std::array<uint8_t, 16> b{};
  randombytes_buf(b.data(), b.size());
  for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(unix_ms >> (8 * (5 - i)));
  b[6] = static_cast<uint8_t>(0x70 | (b[6] & 0x0f));  // version 7
  b[8] = static_cast<uint8_t>(0x80 | (b[8] & 0x3f));  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                b[14], b[15]);
  return out;
}

bool is_record_id(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (text[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::string short_id(std::string_view id) {
  // The tail: random in UUIDv7, while the head is a timestamp shared by nearby records.
  return std::string(id.size() > 8 ? id.substr(id.size() - 8) : id);
}

}  // namespace nastavnik
