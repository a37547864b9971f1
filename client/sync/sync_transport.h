#pragma once
// How the sync engine reaches the server. An interface, so tests can put a fault-injecting
// transport (drop, duplicate, truncate, delay) between the engine and a real server.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "shared/core/status.h"

namespace nastavnik {

struct HttpReply {
  int status = 0;
  std::string body;
  std::string server_time;  // X-Nastavnik-Server-Time, if present
  std::string retry_after;  // Retry-After, if present
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;
// Bytes of a request body handed to the network so far, of `total` (as sent: compressed).
using UploadProgress = std::function<void(uint64_t sent, uint64_t total)>;

class SyncTransport {
 public:
  virtual ~SyncTransport() = default;
  // Unavailable when the server cannot be reached or the connection breaks; any HTTP
  // answer (also 4xx/5xx) is a reply.
  virtual Result<HttpReply> post(const std::string& path, const std::string& content_type,
                                 const std::string& body, const HttpHeaders& headers) = 0;
  virtual Result<HttpReply> get(const std::string& path) = 0;
  // post(), running `meanwhile` on the calling thread while the request is on its way: the
  // sync engine seals the next changesets while the server takes this one. The default
  // sends from a helper thread; the calling thread alone runs `meanwhile`, so whatever it
  // touches stays on that thread.
  virtual Result<HttpReply> post_meanwhile(const std::string& path, const std::string& content_type,
                                           const std::string& body, const HttpHeaders& headers,
                                           const std::function<void()>& meanwhile);
  // Bytes sent and received so far (after compression), for progress and benchmarks.
  virtual uint64_t bytes_sent() const = 0;
  virtual uint64_t bytes_received() const = 0;
  // Called while the body of a post() is being sent, from the thread that sends it. A
  // transport that cannot tell ignores it (the default).
  virtual void set_upload_progress(UploadProgress progress) { (void)progress; }
};

}  // namespace nastavnik
