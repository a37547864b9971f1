#pragma once
// Reads a request body through httplib's content reader, which has already undone a
// Content-Encoding (gzip, br). The limit applies to the decompressed bytes too, so a small
// compressed body cannot expand into gigabytes in memory.

#include <httplib.h>

#include <cstddef>
#include <string>
#include <variant>

#include "syncserver/http/error_mapping.h"

namespace nastavnik::server::http {

// The body, or why it could not be read: 413 over the limit, 400 for a damaged encoding or
// a connection cut mid-body (httplib's own verdict when it has one).
std::variant<std::string, HttpError> read_body(const httplib::ContentReader& reader,
                                               const httplib::Response& res, size_t max_bytes);

}  // namespace nastavnik::server::http
