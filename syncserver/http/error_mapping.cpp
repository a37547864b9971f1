#include "syncserver/http/error_mapping.h"

#include "shared/protocol/wire_error.h"
#include "syncserver/http/printable_text.h"

namespace nastavnik::server::http {

namespace {

// Seconds a client is asked to wait after a busy store.
constexpr int64_t kBusyRetryAfterSeconds = 5;

}  // namespace

HttpError http_error_for(const Status& status, Endpoint endpoint) {
  const std::string& message = status.message();
  if (endpoint == Endpoint::kAuthentication) {
    // The client needs to tell an unknown device (enroll again) from a bad signature (check
    // the key), a request signed at a time the server does not accept (sign again with the
    // server's time) and a replay.
    switch (status.code()) {
      case StatusCode::kNotFound:
        return {401, wire::kUnknownDevice, message};
      case StatusCode::kFailedPrecondition:
        return {401, wire::kStaleRequest, message};
      case StatusCode::kConflict:
        return {401, wire::kReplayedRequest, message};
      default:
        break;
    }
  }
  switch (status.code()) {
    case StatusCode::kUnauthenticated:
      return {401, wire::kBadSignature, message};
    case StatusCode::kPermissionDenied:
      if (endpoint == Endpoint::kDeviceList) return {403, wire::kRoleNotAllowed, message};
      return {403, wire::kRevoked, message};
    case StatusCode::kFailedPrecondition:
      if (endpoint == Endpoint::kEnroll) return {403, wire::kBadCode, message};
      if (endpoint == Endpoint::kSync || endpoint == Endpoint::kDeviceList)
        return {426, wire::kProtocolVersion, message};
      return internal_error();
    case StatusCode::kInvalidArgument:
      return {400, wire::kBadRequest, message};
    case StatusCode::kNotFound:
      return {404, wire::kNotFound, message};
    case StatusCode::kUnavailable:
      return {503, wire::kUnavailable, "the server is busy: try again in a few seconds", kBusyRetryAfterSeconds};
    default:
      return internal_error();
  }
}

HttpError http_error_for_status(int http_status, const std::string& method, const std::string& path) {
  switch (http_status) {
    case 404:
      return {404, wire::kNotFound,
              "no endpoint " + printable(method) + " " + printable(path) +
                  ": see docs/PROTOCOL.md, \"HTTP API\""};
    case 413:
      return {413, wire::kTooLarge, "the request body is larger than this server accepts"};
    case 414:
      return {414, wire::kBadRequest, "the request line is too long"};
    case 415:
      return {415, wire::kBadRequest, "the Content-Encoding is not supported: use gzip, br or none"};
    case 503:
      return {503, wire::kUnavailable, "the server is busy or stopping: try again later", kBusyRetryAfterSeconds};
    default:
      if (http_status >= 500) return {http_status, wire::kInternal, "internal error"};
      return {http_status, wire::kBadRequest,
              "the request could not be read (malformed HTTP, body or encoding)"};
  }
}

HttpError bad_request(std::string message) { return {400, wire::kBadRequest, std::move(message)}; }

HttpError length_required() {
  return {411, wire::kBadRequest, "a POST needs a Content-Length (or a chunked body)"};
}

HttpError internal_error() {
  return {500, wire::kInternal,
          "the server has a problem (not your device): the operator finds the reason in the server log; "
          "nothing you sent is lost, try again later"};
}

HttpError unavailable(std::string reason) { return {503, wire::kUnavailable, std::move(reason), 30}; }

HttpError too_many_attempts(int64_t wait_s) {
  return {429, wire::kTooManyAttempts,
          "too many wrong enrollment codes from this address: try again in " + std::to_string(wait_s) +
              " seconds, and check the code with the methodologist",
          wait_s};
}

HttpError payload_too_large(size_t limit_bytes) {
  return {413, wire::kTooLarge,
          "the request body is larger than this server's limit of " + size_text(limit_bytes) +
              ": send fewer changesets per request"};
}

std::string size_text(size_t bytes) {
  constexpr size_t kKiB = 1024, kMiB = 1024 * 1024;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace nastavnik::server::http
