#include "syncserver/http/json_response.h"

namespace nastavnik::server::http {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  // Messages may quote bytes a client sent: replace invalid UTF-8 instead of throwing.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJsonContentType);
}

void send_error(httplib::Response& res, const HttpError& error) {
  send_json(res, error.status, {{"error", {{"code", error.code}, {"message", error.message}}}});
}

}  // namespace nastavnik::server::http
