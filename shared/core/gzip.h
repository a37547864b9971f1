#pragma once
// gzip (RFC 1952) with zlib: request bodies are compressed before they are streamed.

#include <string>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik {

// The gzip stream of `data` at zlib's compression `level` (1 fastest … 9 smallest; -1 zlib's
// default, 6). Internal only if zlib itself fails (out of memory).
Result<std::string> gzip(std::string_view data, int level = -1);
// The data of a gzip stream; Corruption when it is not one, or it would exceed `max_bytes`.
Result<std::string> gunzip(std::string_view gz, size_t max_bytes);

}  // namespace nastavnik
