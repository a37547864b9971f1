#include "syncserver/http/guarded_stream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace nastavnik::server::http {
namespace {

constexpr size_t kReadChunk = 16 * 1024;

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  }
  ip = text;
}

}  // namespace

GuardedStream::GuardedStream(SocketChannel& channel, const ConnectionLimits& limits)
    : channel_(channel), limits_(limits), deadline_(Clock::now() + limits.header_timeout) {}

bool GuardedStream::wait_for_request(std::chrono::milliseconds idle) {
  return buffer_pos_ < buffer_.size() || channel_.wait_readable(Clock::now() + idle);
}

void GuardedStream::begin_request() {
  in_headers_ = true;
  // Bytes of this request already buffered with the previous one count too.
  header_bytes_ = buffer_.size() - buffer_pos_;
  deadline_ = Clock::now() + limits_.header_timeout;
  cut_reason_ = "";
}

void GuardedStream::headers_done() {
  in_headers_ = false;
  deadline_ = Clock::now() + limits_.body_timeout;
}

bool GuardedStream::fill() {
  if (in_headers_ && header_bytes_ >= limits_.max_header_bytes) {
    cut_reason_ = "request headers too large";
    return false;
  }
  buffer_.resize(kReadChunk);
  buffer_pos_ = 0;
  const ssize_t n = channel_.read_some(buffer_.data(), buffer_.size(), deadline_);
  buffer_.resize(n > 0 ? static_cast<size_t>(n) : 0);
  if (n < 0) cut_reason_ = in_headers_ ? "request headers too slow" : "request body too slow";
  if (n <= 0) return false;
  if (in_headers_) {
    header_bytes_ += static_cast<size_t>(n);
  } else if (limits_.body_min_rate > 0) {
    // Every body_min_rate bytes buy one more second; a stall of body_timeout still ends it.
    const auto earned = std::chrono::milliseconds(static_cast<int64_t>(n) * 1000 /
                                                  static_cast<int64_t>(limits_.body_min_rate));
    deadline_ = std::min(deadline_ + earned, Clock::now() + limits_.body_timeout);
  }
  return true;
}

bool GuardedStream::is_readable() const { return buffer_pos_ < buffer_.size() || channel_.wait_readable(deadline_); }

bool GuardedStream::is_writable() const { return true; }

ssize_t GuardedStream::read(char* ptr, size_t size) {
  if (buffer_pos_ >= buffer_.size() && !fill()) return -1;
  const size_t n = std::min(size, buffer_.size() - buffer_pos_);
  std::memcpy(ptr, buffer_.data() + buffer_pos_, n);
  buffer_pos_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t GuardedStream::write(const char* ptr, size_t size) {
  return channel_.write_all(ptr, size, limits_.write_stall_timeout) ? static_cast<ssize_t>(size) : -1;
}

void GuardedStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(channel_.fd(), reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
}

void GuardedStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(channel_.fd(), reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
}

}  // namespace nastavnik::server::http
