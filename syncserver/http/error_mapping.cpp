#include "syncserver/http/error_mapping.h"

#include "shared/protocol/wire_error.h"
#include "syncserver/http/printable_text.h"

namespace nastavnik::server::http {

HttpError http_error_for(const Status& status, Endpoint endpoint) {
  const std::string& message = status.message();
  // The client needs to tell an unknown device (enroll again) from a bad signature (check
  // the clock or the key).
  if (endpoint == Endpoint::kAuthentication && status.code() == StatusCode::kNotFound)
    return {401, wire::kUnknownDevice, message};
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
      return {500, wire::kInternal, message};
    case StatusCode::kInvalidArgument:
    case StatusCode::kCorruption:
      return {400, wire::kBadRequest, message};
    case StatusCode::kNotFound:
      return {404, wire::kNotFound, message};
    case StatusCode::kUnavailable:
      return {503, wire::kUnavailable, message};
    default:
      return {500, wire::kInternal, message.empty() ? "internal error" : message};
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
      return {503, wire::kUnavailable, "the server is busy or stopping: try again later"};
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
  return {500, wire::kInternal, "internal error: the server log has the details"};
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
