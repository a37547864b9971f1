#pragma once
// One accepted connection of the embedded server, plain or TLS, on a non-blocking socket.
// Every wait is bounded by a deadline; waits for a request (reads) also end as soon as the
// server stops, while an answer being written is allowed to finish. The channel owns the
// socket and closes it when destroyed.

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>

namespace nastavnik::server::http {

class TlsContext;

class SocketChannel {
 public:
  using Clock = std::chrono::steady_clock;

  // Takes ownership of `fd`. With `tls`, the TLS handshake runs in handshake().
  static std::unique_ptr<SocketChannel> open(int fd, const TlsContext* tls, const std::atomic<bool>& stopping);
  virtual ~SocketChannel();
  SocketChannel(const SocketChannel&) = delete;
  SocketChannel& operator=(const SocketChannel&) = delete;

  // TLS: completes the handshake before `deadline` (false when it fails, times out or the
  // server stops). Plain: true at once.
  virtual bool handshake(Clock::time_point deadline) = 0;
  // True once bytes (or the peer's close) can be read; false on timeout or stop.
  bool wait_readable(Clock::time_point deadline);
  // Reads what is available, waiting until `deadline`: the byte count, 0 when the peer
  // closed, -1 on timeout, stop or error.
  virtual ssize_t read_some(char* buf, size_t size, Clock::time_point deadline) = 0;
  // Writes all of `data`; false when the peer reads nothing for `stall` or the write fails.
  virtual bool write_all(const char* data, size_t size, std::chrono::milliseconds stall) = 0;
  int fd() const { return fd_; }

 protected:
  enum class Ready { kYes, kTimeout, kStopped, kError };
  SocketChannel(int fd, const std::atomic<bool>& stopping) : fd_(fd), stopping_(stopping) {}
  // poll() for `events` until `deadline`, in short slices so that a stop is noticed;
  // `stop_ends_wait` is false for writes, which may finish while the server stops.
  Ready wait(short events, Clock::time_point deadline, bool stop_ends_wait) const;
  virtual bool has_buffered_input() const { return false; }

  int fd_;
  const std::atomic<bool>& stopping_;
};

// Makes `fd` non-blocking; false when the system refuses.
bool set_nonblocking(int fd);

}  // namespace nastavnik::server::http
