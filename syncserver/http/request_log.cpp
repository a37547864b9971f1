#include "syncserver/http/request_log.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <string>

#include "shared/protocol/request_auth.h"
#include "syncserver/http/printable_text.h"

namespace nastavnik::server::http {
namespace {

using Clock = std::chrono::steady_clock;

struct RequestStart {
  const httplib::Request* request = nullptr;
  Clock::time_point at;
};
thread_local RequestStart current_start;

// The device header is whatever the client sent: log it only if it looks like an id.
std::string device_prefix(const httplib::Request& req) {
  const std::string id = req.get_header_value(wire::kDeviceHeader);
  if (id.size() < 8) return "-";
  for (size_t i = 0; i < 8; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(id[i]))) return "-";
  return id.substr(0, 8);
}

std::string or_dash(std::string text) { return text.empty() ? "-" : text; }

// Content-Length as sent (before decompression), only when it is a plain number.
std::string declared_length(const httplib::Request& req) {
  const std::string value = req.get_header_value("Content-Length");
  if (value.empty()) return "0";
  if (value.size() > 20) return "?";
  for (char c : value)
    if (!std::isdigit(static_cast<unsigned char>(c))) return "?";
  return value;
}

}  // namespace

void note_request_start(const httplib::Request& req) { current_start = {&req, Clock::now()}; }

void log_request(const httplib::Request& req, const httplib::Response& res) {
  // A request refused before routing (malformed, Expect: 100-continue refused) never
  // reached note_request_start: its duration is unknown and logged as 0.
  long long ms = 0;
  if (current_start.request == &req)
    ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - current_start.at).count();
  current_start = {};
  const auto level = res.status >= 500 ? spdlog::level::err : spdlog::level::info;
  spdlog::log(level, "method={} path={} status={} ms={} in={} out={} device={}",
              or_dash(printable(req.method, 10)), or_dash(printable(req.path)), res.status, ms,
              declared_length(req), res.body.size(), device_prefix(req));
}

}  // namespace nastavnik::server::http
