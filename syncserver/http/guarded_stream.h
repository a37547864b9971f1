#pragma once
// The httplib::Stream of one connection of the embedded server: reads go through a buffer
// and are held to the phase the request is in (connection_limits.h). A read that would
// pass the phase's deadline or byte budget fails, and httplib then drops the connection;
// the guard is in the stream because cpp-httplib 0.11 reads request lines and headers
// without any limit of its own.
//   header phase (begin_request): the whole request line and headers before the deadline,
//     at most max_header_bytes read;
//   body phase (headers_done): body_timeout, extended by one second per body_min_rate bytes.

#include <httplib.h>

#include <string>

#include "syncserver/http/connection_limits.h"
#include "syncserver/http/socket_channel.h"

namespace nastavnik::server::http {

class GuardedStream : public httplib::Stream {
 public:
  GuardedStream(SocketChannel& channel, const ConnectionLimits& limits);

  // Waits up to `idle` for the next request's first byte; false when none came.
  bool wait_for_request(std::chrono::milliseconds idle);
  void begin_request();
  void headers_done();
  // Why the last read failed, for the log ("" when none did).
  const char* cut_reason() const { return cut_reason_; }

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return channel_.fd(); }

 private:
  using Clock = SocketChannel::Clock;
  bool fill();

  SocketChannel& channel_;
  const ConnectionLimits& limits_;
  std::string buffer_;
  size_t buffer_pos_ = 0;
  bool in_headers_ = false;
  size_t header_bytes_ = 0;
  Clock::time_point deadline_;
  const char* cut_reason_ = "";
};

}  // namespace nastavnik::server::http
