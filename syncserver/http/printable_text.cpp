#include "syncserver/http/printable_text.h"

namespace nastavnik::server::http {

std::string printable(std::string_view text, size_t max_bytes) {
  std::string out;
  for (char c : text.substr(0, max_bytes))
    out.push_back(static_cast<unsigned char>(c) <= 0x20 || c == 0x7f ? '?' : c);
  return out;
}

}  // namespace nastavnik::server::http
