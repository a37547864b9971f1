#pragma once
// Client-controlled text (paths, methods, header values) that ends up in messages and log
// lines: bounded in length and free of control characters, so that it cannot forge a log
// line or flood one.

#include <cstddef>
#include <string>
#include <string_view>

namespace nastavnik::server::http {

// At most `max_bytes` of `text`, with control characters and spaces replaced by '?'.
std::string printable(std::string_view text, size_t max_bytes = 100);

}  // namespace nastavnik::server::http
