#include "syncserver/http/body_reader.h"

namespace nastavnik::server::http {

std::variant<std::string, HttpError> read_body(const httplib::ContentReader& reader,
                                               const httplib::Response& res, size_t max_bytes) {
  std::string body;
  bool over_limit = false;
  const bool complete = reader([&](const char* data, size_t size) {
    if (body.size() + size > max_bytes) {
      over_limit = true;
      return false;  // stops reading: the rest of the body is never buffered
    }
    body.append(data, size);
    return true;
  });
  if (complete) return body;
  if (over_limit || res.status == 413) return payload_too_large(max_bytes);
  if (res.status >= 400) return http_error_for_status(res.status, "", "");
  return bad_request(
      "the request body could not be read: the connection was cut or the Content-Encoding is damaged");
}

}  // namespace nastavnik::server::http
