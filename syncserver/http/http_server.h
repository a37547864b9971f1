#pragma once
// The sync server's HTTP front: the guarded httplib server (guarded_server.h; TLS when a
// certificate and key are given) with the routes, limits, error bodies, server-time header
// and request log wired up. Binding and serving are separate steps so that a caller can
// bind to port 0, learn the port, announce it, and only then serve (integration tests rely
// on this).

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "shared/core/status.h"
#include "syncserver/http/connection_limits.h"
#include "syncserver/http/enroll_limiter.h"
#include "syncserver/ingest/sync_service.h"

namespace nastavnik::server::http {

class GuardedServer;

struct HttpServerOptions {
  size_t max_body_bytes = 16 * 1024 * 1024;  // per request, after decompression too
  size_t workers = 64;                       // threads serving connections
  size_t max_queued = 256;                   // connections waiting for a worker; more get 503
  ConnectionLimits limits;                   // per-connection phase bounds
  std::string tls_cert_file, tls_key_file;   // both set: HTTPS; both empty: plain HTTP
  // Requests from these addresses (the nginx front) are attributed to the address in their
  // X-Real-IP header, for the per-address limit of enrollment attempts.
  std::vector<std::string> trusted_proxies;
  EnrollLimiterSettings enroll_limits;
};

class SyncHttpServer {
 public:
  // InvalidArgument when only one of the TLS files is given, or when they cannot be loaded
  // (missing, not PEM, or not a matching pair). `service` must outlive the server.
  static Result<std::unique_ptr<SyncHttpServer>> create(SyncService& service, HttpServerOptions options);
  ~SyncHttpServer();

  // Binds `host`:`port`; port 0 picks a free port. Returns the bound port, or Unavailable
  // when the address is taken or not permitted.
  Result<int> bind(const std::string& host, int port);
  // Serves until stop(). IoError if the listening socket fails.
  Status serve();
  // Safe from any thread: stops accepting and lets requests in progress finish.
  void stop();
  bool is_running() const;
  bool uses_tls() const;

 private:
  SyncHttpServer(SyncService& service, std::unique_ptr<GuardedServer> server, HttpServerOptions options);
  void configure();

  SyncService& service_;
  std::unique_ptr<GuardedServer> server_;
  HttpServerOptions options_;
  std::unique_ptr<EnrollLimiter> enroll_limiter_;
};

}  // namespace nastavnik::server::http
