#pragma once
// The embedded server's httplib::Server with its own connection loop. cpp-httplib 0.11
// gives every connection a worker thread for as long as the client keeps it, reads headers
// without limits and queues connections without bound; here (one place for all of it):
//  - a fixed pool of `workers` threads and at most `max_queued` connections waiting for
//    one; past that a connection is answered 503 with Retry-After at once, nothing read;
//  - each connection's phases are bounded by ConnectionLimits (guarded_stream.h);
//  - TLS is handled per connection with the same bounds (the handshake within the header
//    timeout);
//  - the listening socket defers accept until a client sends its first bytes, so idle
//    connections that never speak do not take a worker at all;
//  - on stop, connections waiting for a request are closed at once while requests being
//    answered finish.
// Cuts and refusals are counted and logged as one warning line per ten seconds, not one
// per connection: an attack must not flood the log.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "syncserver/http/connection_limits.h"
#include "syncserver/http/lingering_closer.h"
#include "syncserver/http/tls_context.h"

namespace nastavnik::server::http {

struct GuardedServerOptions {
  size_t workers = 64;
  size_t max_queued = 256;
  std::chrono::seconds retry_after{2};  // advised to clients refused with 503
  ConnectionLimits limits;
};

class GuardedServer : public httplib::Server {
 public:
  GuardedServer(GuardedServerOptions options, std::unique_ptr<TlsContext> tls);
  ~GuardedServer() override;

  // After bind: a larger accept backlog and deferred accept on the listening socket.
  void tune_listening_socket();
  // Safe from any thread: stop accepting, close connections waiting for a request, let
  // answers in progress finish.
  void stop_serving();
  bool uses_tls() const { return tls_ != nullptr; }
  const GuardedServerOptions& options() const { return options_; }

 private:
  class EventLog;
  bool process_and_close_socket(socket_t sock) override;
  void refuse_busy(int fd);

  const GuardedServerOptions options_;
  const std::unique_ptr<TlsContext> tls_;
  std::atomic<bool> stopping_{false};
  std::unique_ptr<EventLog> events_;
  LingeringCloser closer_;
};

}  // namespace nastavnik::server::http
