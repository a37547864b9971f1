#pragma once
// Compression with zlib: gzip (RFC 1952) for request bodies and kept changeset frames, and
// zlib streams (RFC 1950) with a preset dictionary for small texts kept one by one, where a
// dictionary of the words every such text shares does the most.

#include <string>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik {

// The gzip stream of `data` at zlib's compression `level` (1 fastest … 9 smallest; -1 zlib's
// default, 6). Internal only if zlib itself fails (out of memory).
Result<std::string> gzip(std::string_view data, int level = -1);
// The data of a gzip stream; Corruption when it is not one, or it would exceed `max_bytes`.
Result<std::string> gunzip(std::string_view gz, size_t max_bytes);

// A zlib stream of `data` primed with `dictionary`; inflating it needs the same dictionary
// (another one, or damaged data, is Corruption).
Result<std::string> deflate_with_dictionary(std::string_view data, std::string_view dictionary, int level);
Result<std::string> inflate_with_dictionary(std::string_view deflated, std::string_view dictionary, size_t max_bytes);

}  // namespace nastavnik
