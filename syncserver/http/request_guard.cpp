#include "syncserver/http/request_guard.h"

#include <charconv>
#include <string>

#include "shared/protocol/sync_messages.h"
#include "syncserver/http/json_response.h"
#include "syncserver/http/printable_text.h"
#include "syncserver/http/routes.h"

namespace nastavnik::server::http {
namespace {

// "application/x-nastavnik-sync; charset=..." -> "application/x-nastavnik-sync".
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type;
}

}  // namespace

std::optional<HttpError> check_request_headers(const httplib::Request& req, size_t max_body_bytes) {
  if (req.has_header("Content-Length")) {
    const std::string value = req.get_header_value("Content-Length");
    unsigned long long length = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (ec != std::errc() || end != value.data() + value.size())
      return bad_request("Content-Length is not a number");
    if (length > max_body_bytes) return payload_too_large(max_body_bytes);
  }
  // HTTP/1.1 says such a request has no body, but httplib would wait for the connection
  // to close (until the read timeout) to find its end.
  if (req.method == "POST" && !req.has_header("Content-Length") &&
      req.get_header_value("Transfer-Encoding").find("chunked") == std::string::npos)
    return length_required();
  if (req.method == "POST" && req.path == kSyncPath) {
    const std::string type = media_type(req.get_header_value("Content-Type"));
    if (type != wire::kSyncContentType)
      return bad_request((type.empty() ? std::string("the request has no Content-Type")
                                       : "the Content-Type is " + printable(type, 60)) +
                         ": a sync request must be sent as " + wire::kSyncContentType);
  }
  return std::nullopt;
}

httplib::Server::HandlerResponse guard_request(const httplib::Request& req, httplib::Response& res,
                                               size_t max_body_bytes) {
  auto refusal = check_request_headers(req, max_body_bytes);
  if (!refusal) return httplib::Server::HandlerResponse::Unhandled;
  // The body stays unread: ask the client to close rather than reuse the connection.
  res.set_header("Connection", "close");
  send_error(res, *refusal);
  return httplib::Server::HandlerResponse::Handled;
}

int answer_expect_continue(const httplib::Request& req, httplib::Response& res, size_t max_body_bytes) {
  auto refusal = check_request_headers(req, max_body_bytes);
  if (!refusal) return 100;
  send_error(res, *refusal);
  return refusal->status;
}

}  // namespace nastavnik::server::http
