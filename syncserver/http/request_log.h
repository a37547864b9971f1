#pragma once
// One structured log line per request:
//   method=POST path=/v1/sync status=200 ms=12 in=5120 out=1830 device=5f0c2d3e
// Only the first 8 hex digits of the claimed device id are logged; never bodies, keys,
// signatures, enrollment codes or names (DESIGN §5, STYLE "Do not").

#include <httplib.h>

namespace nastavnik::server::http {

// Call first thing in the pre-routing handler: remembers when this request started.
// httplib handles a request on one worker thread from headers to log line, so the start
// time is kept per thread and tied to the request object.
void note_request_start(const httplib::Request& req);

// The httplib logger: called after the response was written (its body already compressed).
void log_request(const httplib::Request& req, const httplib::Response& res);

}  // namespace nastavnik::server::http
