#pragma once
// UTF-8 helpers for terminal output. Table columns are measured in code points, not bytes,
// so that Cyrillic text (two bytes a letter) lines up.

#include <string>
#include <string_view>

namespace nastavnik::cli {

// Number of code points (continuation bytes are not counted).
size_t utf8_width(std::string_view text);

// True when `text` is well-formed UTF-8. Command-line text from a terminal set to another
// encoding (cp1251, koi8-r) is not, and must be refused before it reaches the replica.
bool is_valid_utf8(std::string_view text);

// At most `max_width` code points; a cut string ends with "…". Never splits a code point.
std::string utf8_truncate(std::string_view text, size_t max_width);

// The text on one line: newlines and tabs become spaces (for table cells).
std::string one_line(std::string_view text);

}  // namespace nastavnik::cli
