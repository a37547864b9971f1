#pragma once
// Checks made before routing and before any body byte is read (DESIGN §5: every request
// body is size-limited; malformed input gets a clear 4xx):
//  - a declared Content-Length over the limit: 413 payload_too_large, naming the limit;
//  - a Content-Length that is not a number: 400;
//  - a POST with neither Content-Length nor a chunked body: 411;
//  - POST /v1/sync without Content-Type application/x-nastavnik-sync: 400.
// Bodies sent without a length (chunked) or that grow when decompressed are limited while
// they are read (body_reader.h), and httplib's payload_max_length is the last backstop.

#include <httplib.h>

#include <cstddef>
#include <optional>

#include "syncserver/http/error_mapping.h"

namespace nastavnik::server::http {

// The refusal for this request's headers, or nothing when it may proceed.
std::optional<HttpError> check_request_headers(const httplib::Request& req, size_t max_body_bytes);

// Pre-routing handler: answers refused requests itself (Handled), lets others through.
httplib::Server::HandlerResponse guard_request(const httplib::Request& req, httplib::Response& res,
                                               size_t max_body_bytes);

// Expect: 100-continue handler: a client that asks first (curl does for bodies over
// 1 MiB) is refused before it uploads anything. Returns the HTTP status to answer with.
int answer_expect_continue(const httplib::Request& req, httplib::Response& res, size_t max_body_bytes);

}  // namespace nastavnik::server::http
