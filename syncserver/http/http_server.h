#pragma once
// The sync server's HTTP front: an httplib server (TLS when a certificate and key are
// given) with the routes, limits, error bodies, server-time header and request log wired
// up. Binding and serving are separate steps so that a caller can bind to port 0, learn
// the port, announce it, and only then serve (integration tests rely on this).

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "shared/core/status.h"
#include "syncserver/ingest/sync_service.h"

namespace httplib {
class Server;
}

namespace nastavnik::server::http {

struct HttpServerOptions {
  size_t max_body_bytes = 16 * 1024 * 1024;  // per request, after decompression too
  std::chrono::seconds read_timeout{30};     // per socket read: a stalled upload is cut
  std::chrono::seconds write_timeout{30};    // per socket write: a stalled download is cut
  std::string tls_cert_file, tls_key_file;   // both set: HTTPS; both empty: plain HTTP
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
  bool uses_tls() const { return tls_; }

 private:
  SyncHttpServer(SyncService& service, std::unique_ptr<httplib::Server> server, HttpServerOptions options,
                 bool tls);
  void configure();

  SyncService& service_;
  std::unique_ptr<httplib::Server> server_;
  HttpServerOptions options_;
  bool tls_ = false;
};

}  // namespace nastavnik::server::http
