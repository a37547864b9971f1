#pragma once
// Writing JSON answers. Every body the server sends is JSON with the exact Content-Type
// "application/json": httplib compresses a response only when the Content-Type string is
// one it knows, and "application/json; charset=utf-8" is not.

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "syncserver/http/error_mapping.h"

namespace nastavnik::server::http {

inline constexpr const char* kJsonContentType = "application/json";
// Sent with every response so that a client can tell its own clock is wrong.
inline constexpr const char* kServerTimeHeader = "X-Nastavnik-Server-Time";

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// {"error":{"code":...,"message":...}} with the error's HTTP status.
void send_error(httplib::Response& res, const HttpError& error);

}  // namespace nastavnik::server::http
