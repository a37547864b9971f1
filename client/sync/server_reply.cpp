#include "client/sync/server_reply.h"

#include <charconv>

#include <nlohmann/json.hpp>

namespace nastavnik {
namespace {

bool parse_u64(const std::string& text, uint64_t* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string server_error_code(const HttpReply& reply) {
  const auto j = nlohmann::json::parse(reply.body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("code") &&
      j["error"]["code"].is_string())
    return j["error"]["code"].get<std::string>();
  return "";
}

std::string server_error_text(const HttpReply& reply) {
  const auto j = nlohmann::json::parse(reply.body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_object())
    return j["error"].value("message", "") + " (" + j["error"].value("code", "") + ", HTTP " +
           std::to_string(reply.status) + ")";
  return "the server answered HTTP " + std::to_string(reply.status);
}

uint64_t retry_after_ms(const HttpReply& reply) {
  uint64_t seconds = 0;
  // Seconds only: the HTTP-date form is not sent by Nastavnik servers or the nginx front.
  if (!parse_u64(reply.retry_after, &seconds)) return 0;
  return std::min<uint64_t>(seconds, 3600) * 1000;
}

bool server_clock_offset(const HttpReply& reply, uint64_t local_ms, int64_t* offset_ms) {
  uint64_t server_ms = 0;
  if (!parse_u64(reply.server_time, &server_ms)) return false;
  *offset_ms = static_cast<int64_t>(server_ms) - static_cast<int64_t>(local_ms);
  return true;
}

}  // namespace nastavnik
