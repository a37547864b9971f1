#include "tests/support/fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace nastavnik::testing {
namespace {

int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const char* data, size_t n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
    if (w <= 0) return false;
    data += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

FaultProxy::FaultProxy(int upstream_port) : upstream_port_(upstream_port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;  // any free port
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0)
    throw std::runtime_error("fault proxy cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FaultProxy::~FaultProxy() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  if (acceptor_.joinable()) acceptor_.join();
  for (auto& w : workers_)
    if (w.joinable()) w.join();
}

void FaultProxy::set_plan(const FaultPlan& plan) {
  std::lock_guard<std::mutex> g(mu_);
  plan_ = plan;
}

bool FaultProxy::take_cut(uint64_t& cut_after) {
  std::lock_guard<std::mutex> g(mu_);
  if (plan_.cut_connections <= 0) return false;
  --plan_.cut_connections;
  cut_after = plan_.cut_after_response_bytes;
  return true;
}

void FaultProxy::pace(uint64_t bytes) {
  FaultPlan plan;
  {
    std::lock_guard<std::mutex> g(mu_);
    plan = plan_;
  }
  uint64_t wait_ms = plan.latency_ms;
  if (plan.bytes_per_second > 0) wait_ms += bytes * 1000 / plan.bytes_per_second;
  if (wait_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
}

void FaultProxy::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int client = ::accept(listen_fd_, nullptr, nullptr);
    if (client < 0) continue;
    ++connections_;
    std::lock_guard<std::mutex> g(mu_);
    workers_.emplace_back([this, client] { serve(client); });
  }
}

void FaultProxy::serve(int client) {
  const int server = connect_loopback(upstream_port_);
  if (server < 0) {
    ::close(client);
    return;
  }
  uint64_t cut_after = 0;
  const bool cut = take_cut(cut_after);
  uint64_t response_bytes = 0;
  // Chunks are small so that rate limiting and cuts land mid-message.
  char buf[1024];
  pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
  while (!stopping_) {
    if (::poll(fds, 2, 200) <= 0) continue;
    bool closed = false;
    for (int i = 0; i < 2 && !closed; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
      if (n <= 0) {
        closed = true;
        break;
      }
      size_t forward = static_cast<size_t>(n);
      if (i == 1 && cut && response_bytes + forward > cut_after) forward = static_cast<size_t>(cut_after - response_bytes);
      pace(forward);
      if (forward > 0 && !send_all(fds[1 - i].fd, buf, forward)) closed = true;
      (i == 0 ? up_ : down_) += forward;
      if (i == 1) {
        response_bytes += forward;
        if (cut && response_bytes >= cut_after) {
          ++cuts_;
          closed = true;
        }
      }
    }
    if (closed) break;
  }
  ::close(client);
  ::close(server);
}

}  // namespace nastavnik::testing
