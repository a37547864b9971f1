#pragma once
// How long and how much one connection of the embedded server may take before it is cut.
// cpp-httplib keeps one worker thread per connection, so every phase where a client can
// make that thread wait is bounded here (docs/OPERATIONS.md, "Limits and timeouts"):
//  - the request line and headers must arrive whole within header_timeout and stay under
//    max_header_bytes (a header line without a newline cannot grow without limit);
//  - a body must start within body_timeout, and every body_min_rate bytes that arrive buy
//    one more second, so a 2G device uploading at 8 KB/s is fine and a client that
//    declares 16 MB and sends nothing is cut after body_timeout;
//  - an answer whose client stops reading for write_stall_timeout is cut;
//  - an idle keep-alive connection is closed after keep_alive_idle.
// What stays unbounded is a client that reads an answer slowly but steadily: it holds its
// worker until the answer is delivered. That is why the server faces the network behind
// nginx, which buffers answers for slow clients.

#include <chrono>
#include <cstddef>

namespace nastavnik::server::http {

struct ConnectionLimits {
  std::chrono::milliseconds header_timeout{10'000};
  size_t max_header_bytes = 64 * 1024;
  std::chrono::milliseconds body_timeout{10'000};
  size_t body_min_rate = 1000;  // bytes per second that keep extending the body deadline
  std::chrono::milliseconds write_stall_timeout{20'000};
  std::chrono::milliseconds keep_alive_idle{2'000};
  size_t max_requests_per_connection = 100;
};

}  // namespace nastavnik::server::http
