#pragma once
// Closes refused connections gently. A socket closed while the client's request is still
// unread makes the kernel send a reset, and a reset can destroy the answer (a 503) before
// the client reads it. So the answered socket is shut down for writing and handed here:
// one thread reads and discards what still arrives until the client closes or `linger`
// passes, then closes it. Bounded: past `max_sockets` a socket is closed at once.

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace nastavnik::server::http {

class LingeringCloser {
 public:
  LingeringCloser(size_t max_sockets, std::chrono::milliseconds linger);
  ~LingeringCloser();
  LingeringCloser(const LingeringCloser&) = delete;
  LingeringCloser& operator=(const LingeringCloser&) = delete;

  // Takes ownership of `fd`, which must be non-blocking and already shut down for writing.
  void add(int fd);

 private:
  struct Entry {
    int fd;
    std::chrono::steady_clock::time_point until;
  };
  void run();

  const size_t max_sockets_;
  const std::chrono::milliseconds linger_;
  std::mutex mu_;
  std::vector<Entry> incoming_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace nastavnik::server::http
