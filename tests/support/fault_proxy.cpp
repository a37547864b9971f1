#include "tests/support/fault_proxy.h"

#include "tests/support/spawn.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <random>
#include <stdexcept>
#include <string>

namespace nastavnik::testing {
namespace {

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

FaultProxy::FaultProxy(int upstream_port, std::string source_address)
    : upstream_port_(upstream_port), source_address_(std::move(source_address)) {
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
  response_bytes_ = 0;
  cut_done_ = false;
}

size_t FaultProxy::admit_response(size_t n, bool* cut_here) {
  std::lock_guard<std::mutex> g(mu_);
  *cut_here = false;
  const uint64_t at = plan_.cut_after_response_bytes;
  if (at > 0 && !cut_done_ && response_bytes_ + n >= at) {
    n = static_cast<size_t>(at - std::min(at, response_bytes_));
    *cut_here = true;
    cut_done_ = true;
  }
  response_bytes_ += n;
  return n;
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
  const int server = connect_loopback(upstream_port_, source_address_);
  if (server < 0) {
    ::close(client);
    return;
  }
  FaultPlan plan;
  {
    std::lock_guard<std::mutex> g(mu_);
    plan = plan_;
  }
  if (plan.one_way_delay_ms > 0 || plan.loss_per_mille > 0) {
    serve_shaped(client, server, plan);
    ::close(client);
    ::close(server);
    return;
  }
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
      bool cut_here = false;
      if (i == 1) forward = admit_response(forward, &cut_here);
      pace(forward);
      if (forward > 0 && !send_all(fds[1 - i].fd, buf, forward)) closed = true;
      (i == 0 ? up_ : down_) += forward;
      if (cut_here) {
        ++cuts_;
        closed = true;
      }
    }
    if (closed) break;
  }
  ::close(client);
  ::close(server);
}

// The shaped link (see the header): per direction, chunks are queued with the time they
// are due at the other end; one thread reads both sides and delivers what is due.
void FaultProxy::serve_shaped(int client, int server, const FaultPlan& plan) {
  using Clock = std::chrono::steady_clock;
  using std::chrono::microseconds;
  struct Chunk {
    Clock::time_point due;
    std::string bytes;
    bool cut_after_this = false;
  };
  struct Link {
    std::deque<Chunk> queue;
    Clock::time_point free_at{}, last_due{};
    bool eof = false;
  };
  Link links[2];  // 0: client -> server, 1: server -> client
  const int from[2] = {client, server}, to[2] = {server, client};
  std::mt19937_64 rng(plan.loss_seed * 1000003u + static_cast<uint64_t>(connections_.load()));
  const auto delay = std::chrono::milliseconds(plan.one_way_delay_ms);
  const auto rto = std::chrono::milliseconds(2 * plan.one_way_delay_ms + 200);
  // The TCP handshake (SYN, SYN-ACK) happened on loopback; on the modelled link it costs a
  // round trip before the client's first byte can leave.
  links[0].free_at = Clock::now() + 2 * delay;
  bool cutting = false;  // the cut point was read: nothing more is taken from the server
  char buf[1024];
  while (!stopping_) {
    const auto now = Clock::now();
    // Deliver what is due.
    for (int i = 0; i < 2; ++i) {
      auto& q = links[i].queue;
      while (!q.empty() && q.front().due <= now) {
        Chunk chunk = std::move(q.front());
        q.pop_front();
        if (!send_all(to[i], chunk.bytes.data(), chunk.bytes.size())) return;
        (i == 0 ? up_ : down_) += chunk.bytes.size();
        if (chunk.cut_after_this) {
          ++cuts_;
          return;
        }
      }
      if (links[i].eof && q.empty()) return;  // one side closed and all it sent is delivered
    }
    int timeout_ms = 200;
    for (const auto& link : links)
      if (!link.queue.empty()) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(link.queue.front().due - now).count();
        timeout_ms = std::clamp<int>(static_cast<int>(wait) + 1, 0, timeout_ms);
      }
    pollfd fds[2] = {{links[0].eof ? -1 : client, POLLIN, 0},
                     {(links[1].eof || cutting) ? -1 : server, POLLIN, 0}};
    if (::poll(fds, 2, timeout_ms) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::recv(from[i], buf, sizeof buf, 0);
      if (n <= 0) {
        links[i].eof = true;
        continue;
      }
      Chunk chunk;
      size_t size = static_cast<size_t>(n);
      if (i == 1) {
        size = admit_response(size, &chunk.cut_after_this);
        cutting = chunk.cut_after_this;
      }
      chunk.bytes.assign(buf, size);
      Link& link = links[i];
      const auto arrival = Clock::now();
      const auto tx = plan.bytes_per_second > 0 ? microseconds(size * 1000000 / plan.bytes_per_second) : microseconds(0);
      link.free_at = std::max(arrival, link.free_at) + tx;
      Clock::time_point due = link.free_at + delay;
      if (plan.loss_per_mille > 0 && rng() % 1000 < plan.loss_per_mille) {
        due += rto;
        ++lost_;
      }
      due = std::max(due, link.last_due);  // TCP delivers in order
      link.last_due = due;
      chunk.due = due;
      link.queue.push_back(std::move(chunk));
    }
  }
}

}  // namespace nastavnik::testing
