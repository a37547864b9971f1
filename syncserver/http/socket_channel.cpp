#include "syncserver/http/socket_channel.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "syncserver/http/tls_context.h"

namespace nastavnik::server::http {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

// How often a wait looks at the stop flag.
constexpr milliseconds kStopCheckSlice{100};

class PlainChannel : public SocketChannel {
 public:
  PlainChannel(int fd, const std::atomic<bool>& stopping) : SocketChannel(fd, stopping) {}

  bool handshake(Clock::time_point) override { return true; }

  ssize_t read_some(char* buf, size_t size, Clock::time_point deadline) override {
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, size, 0);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (wait(POLLIN, deadline, true) != Ready::kYes) return -1;
    }
  }

  bool write_all(const char* data, size_t size, milliseconds stall) override {
    while (size > 0) {
      const ssize_t n = ::send(fd_, data, size, MSG_NOSIGNAL);
      if (n > 0) {
        data += n;
        size -= static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
      if (wait(POLLOUT, Clock::now() + stall, false) != Ready::kYes) return false;
    }
    return true;
  }
};

class TlsChannel : public SocketChannel {
 public:
  TlsChannel(int fd, const TlsContext& tls, const std::atomic<bool>& stopping)
      : SocketChannel(fd, stopping), ssl_(SSL_new(tls.get())) {
    if (ssl_) SSL_set_fd(ssl_, fd);
  }
  ~TlsChannel() override {
    if (!ssl_) return;
    // One non-blocking close_notify; a peer that is gone or slow is not waited for.
    if (handshake_done_) SSL_shutdown(ssl_);
    SSL_free(ssl_);
    ERR_clear_error();
  }

  bool handshake(Clock::time_point deadline) override {
    if (!ssl_) return false;
    for (;;) {
      const int r = SSL_accept(ssl_);
      if (r == 1) return handshake_done_ = true;
      if (!wait_for(r, deadline, true)) return false;
    }
  }

  ssize_t read_some(char* buf, size_t size, Clock::time_point deadline) override {
    for (;;) {
      const int r = SSL_read(ssl_, buf, static_cast<int>(std::min<size_t>(size, 1 << 30)));
      if (r > 0) return r;
      if (SSL_get_error(ssl_, r) == SSL_ERROR_ZERO_RETURN) return 0;
      if (!wait_for(r, deadline, true)) return -1;
    }
  }

  bool write_all(const char* data, size_t size, milliseconds stall) override {
    while (size > 0) {
      const int r = SSL_write(ssl_, data, static_cast<int>(std::min<size_t>(size, 1 << 30)));
      if (r > 0) {
        data += r;
        size -= static_cast<size_t>(r);
        continue;
      }
      if (!wait_for(r, Clock::now() + stall, false)) return false;
    }
    return true;
  }

 protected:
  bool has_buffered_input() const override { return SSL_pending(ssl_) > 0; }

 private:
  // After an SSL call returned `r` <= 0: waits for what OpenSSL asked for; false when the
  // error is final or the wait ended without the socket becoming ready.
  bool wait_for(int r, Clock::time_point deadline, bool stop_ends_wait) {
    const int error = SSL_get_error(ssl_, r);
    ERR_clear_error();
    if (error == SSL_ERROR_WANT_READ) return wait(POLLIN, deadline, stop_ends_wait) == Ready::kYes;
    if (error == SSL_ERROR_WANT_WRITE) return wait(POLLOUT, deadline, stop_ends_wait) == Ready::kYes;
    return false;
  }

  SSL* ssl_;
  bool handshake_done_ = false;
};

}  // namespace

bool set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL, 0);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

std::unique_ptr<SocketChannel> SocketChannel::open(int fd, const TlsContext* tls, const std::atomic<bool>& stopping) {
  set_nonblocking(fd);
  if (tls) return std::make_unique<TlsChannel>(fd, *tls, stopping);
  return std::make_unique<PlainChannel>(fd, stopping);
}

SocketChannel::~SocketChannel() {
  ::shutdown(fd_, SHUT_RDWR);
  ::close(fd_);
}

bool SocketChannel::wait_readable(Clock::time_point deadline) {
  return has_buffered_input() || wait(POLLIN, deadline, true) == Ready::kYes;
}

SocketChannel::Ready SocketChannel::wait(short events, Clock::time_point deadline, bool stop_ends_wait) const {
  for (;;) {
    if (stop_ends_wait && stopping_) return Ready::kStopped;
    const auto now = Clock::now();
    if (now >= deadline) return Ready::kTimeout;
    const auto slice = std::min(duration_cast<milliseconds>(deadline - now) + milliseconds(1), kStopCheckSlice);
    pollfd p{fd_, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(slice.count()));
    if (r > 0) return Ready::kYes;  // also on POLLERR/POLLHUP: the next call reports it
    if (r < 0 && errno != EINTR) return Ready::kError;
  }
}

}  // namespace nastavnik::server::http
