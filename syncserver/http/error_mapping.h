#pragma once
// The one place where server Status values and HTTP-level failures become HTTP statuses
// and wire error codes (shared/protocol/wire_error.h). Handlers never pick a status code
// themselves; the full table is in docs/PROTOCOL.md, "HTTP API".

#include <cstddef>
#include <cstdint>
#include <string>

#include "shared/core/status.h"

namespace nastavnik::server::http {

// What an error response carries: {"error":{"code": code, "message": message}}.
struct HttpError {
  int status = 500;
  std::string code;
  std::string message;
  int64_t retry_after_s = 0;  // > 0: sent as Retry-After
};

// The endpoint decides what a few Status codes mean: FailedPrecondition is a bad
// enrollment code for /v1/enroll but an unsupported protocol version for /v1/sync and
// /v1/devices. kDeviceList is for SyncService::device_list only, where PermissionDenied
// means the role may not read the list (403 role_not_allowed). kAuthentication is for
// SyncService::authenticate of any endpoint: NotFound is an unknown device (401
// unknown_device), Unauthenticated a bad signature (401 bad_signature), FailedPrecondition
// a request signed outside the server's time window (401 stale_request), Conflict an exact
// replay of a request seen before (401 replayed_request), PermissionDenied a revoked device
// (403 device_revoked).
enum class Endpoint { kGeneral, kEnroll, kSync, kDeviceList, kAuthentication };

// Status -> HTTP error. For what the client did wrong the Status message is passed on as it
// is (service messages are written for people and hold no key material). A fault on the
// server's side (store I/O, corruption, a bug) is 500 internal and a busy store 503
// unavailable, with a fixed message: the client is never blamed for it and never sees
// database text or file names; the caller logs the Status.
HttpError http_error_for(const Status& status, Endpoint endpoint);

// For a response whose status httplib set itself (a request it could not parse, a body
// over payload_max_length, an unknown path): the wire code and a readable message.
HttpError http_error_for_status(int http_status, const std::string& method, const std::string& path);

// Refusals decided from the HTTP request itself, before any service is involved.
HttpError bad_request(std::string message);       // 400 bad_request
HttpError length_required();                      // 411 bad_request: a POST without a length
HttpError payload_too_large(size_t limit_bytes);  // 413 payload_too_large, naming the limit
HttpError internal_error();                       // 500 internal: details go to the log only
HttpError unavailable(std::string reason);        // 503 unavailable, Retry-After 30 s
HttpError too_many_attempts(int64_t wait_s);      // 429 too_many_attempts, Retry-After wait_s

// "16 MiB", "512 KiB", "300 bytes".
std::string size_text(size_t bytes);

}  // namespace nastavnik::server::http
