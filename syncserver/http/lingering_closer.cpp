#include "syncserver/http/lingering_closer.h"

#include <poll.h>
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace nastavnik::server::http {

LingeringCloser::LingeringCloser(size_t max_sockets, std::chrono::milliseconds linger)
    : max_sockets_(max_sockets), linger_(linger), thread_([this] { run(); }) {}

LingeringCloser::~LingeringCloser() {
  stopping_ = true;
  thread_.join();
}

void LingeringCloser::add(int fd) {
  std::lock_guard<std::mutex> lock(mu_);
  if (incoming_.size() >= max_sockets_) {
    ::close(fd);
    return;
  }
  incoming_.push_back({fd, std::chrono::steady_clock::now() + linger_});
}

void LingeringCloser::run() {
  std::vector<Entry> open;
  std::vector<pollfd> polled;
  char scratch[4096];
  while (!stopping_ || !open.empty()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const Entry& e : incoming_)
        if (open.size() < max_sockets_) open.push_back(e);
        else ::close(e.fd);
      incoming_.clear();
    }
    polled.clear();
    for (const Entry& e : open) polled.push_back({e.fd, POLLIN, 0});
    if (!polled.empty()) ::poll(polled.data(), polled.size(), 50);
    else std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto now = std::chrono::steady_clock::now();
    std::vector<Entry> kept;
    for (size_t i = 0; i < open.size(); ++i) {
      bool done = stopping_ || now >= open[i].until;
      if (!done && polled[i].revents) {
        const ssize_t n = ::recv(open[i].fd, scratch, sizeof scratch, 0);
        done = n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
      }
      if (done) ::close(open[i].fd);
      else kept.push_back(open[i]);
    }
    open.swap(kept);
  }
}

}  // namespace nastavnik::server::http
