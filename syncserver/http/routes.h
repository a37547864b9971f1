#pragma once
// The endpoints (docs/PROTOCOL.md, "HTTP API"). Handlers are thin: read the body, call
// SyncService or the enrollment code, write JSON; every failure goes through
// error_mapping.h.
//   GET  /healthz    the store can take a write: {"status":"ok"}, else 503 with the reason
//   GET  /v1/info    server key id and public key, protocol and schema versions, time
//   POST /v1/enroll  {"code","public_key","name"} -> signed enrollment
//   POST /v1/sync    signed NSY1 request -> {"server_time","receipt","page"}
//   POST /v1/devices signed {"proto","nonce"} -> {"server_time","device_list"} (methodologists)

#include <httplib.h>

#include <cstddef>
#include <string>
#include <vector>

#include "shared/protocol/courier_bundle.h"
#include "shared/protocol/device_list.h"
#include "syncserver/http/enroll_limiter.h"
#include "syncserver/ingest/sync_service.h"

namespace nastavnik::server::http {

inline constexpr const char* kHealthPath = "/healthz";
inline constexpr const char* kInfoPath = "/v1/info";
inline constexpr const char* kEnrollPath = "/v1/enroll";
inline constexpr const char* kSyncPath = "/v1/sync";
inline constexpr const char* kDeviceListPath = wire::kDeviceListPath;
inline constexpr const char* kCourierPath = wire::kCourierPath;

// What the handlers share. Everything referenced must outlive the server; the service is
// used from httplib's worker threads concurrently (the store serialises its own
// transactions).
struct RouteContext {
  SyncService& service;
  size_t max_body_bytes;
  EnrollLimiter& enroll_limiter;
  std::vector<std::string> trusted_proxies;  // their X-Real-IP names the client
};

void register_routes(httplib::Server& server, const RouteContext& context);

// The client's address: the connection's peer, or X-Real-IP when the peer is a trusted proxy.
std::string client_address(const httplib::Request& req, const std::vector<std::string>& trusted_proxies);

}  // namespace nastavnik::server::http
