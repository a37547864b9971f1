#include "syncserver/http/guarded_server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>

#include "syncserver/http/bounded_task_queue.h"
#include "syncserver/http/guarded_stream.h"
#include "syncserver/http/json_response.h"
#include "syncserver/http/socket_channel.h"

namespace nastavnik::server::http {
namespace {

constexpr int kListenBacklog = 1024;
// Seconds the kernel keeps a connection that has sent nothing away from accept().
constexpr int kDeferAcceptSeconds = 30;
constexpr auto kLogEvery = std::chrono::seconds(10);

uint64_t unix_ms() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

std::string busy_answer(std::chrono::seconds retry_after) {
  const std::string body = R"({"error":{"code":"unavailable","message":"the server is busy: try again in )" +
                           std::to_string(retry_after.count()) + R"( seconds"}})";
  return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: " +
         std::to_string(retry_after.count()) + "\r\n" + kServerTimeHeader + ": " + std::to_string(unix_ms()) +
         "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

// Counts connections refused or cut, by reason, and logs them together.
class GuardedServer::EventLog {
 public:
  void note(const std::string& what) {
    std::lock_guard<std::mutex> lock(mu_);
    ++counts_[what];
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < kLogEvery) return;
    std::string line;
    for (const auto& [reason, n] : counts_) line += (line.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
    spdlog::warn("connections refused or cut in the last {} s: {}",
                 std::chrono::duration_cast<std::chrono::seconds>(now - last_).count(), line);
    counts_.clear();
    last_ = now;
  }

 private:
  std::mutex mu_;
  std::map<std::string, int64_t> counts_;
  std::chrono::steady_clock::time_point last_{};
};

GuardedServer::GuardedServer(GuardedServerOptions options, std::unique_ptr<TlsContext> tls)
    : options_(std::move(options)), tls_(std::move(tls)), events_(std::make_unique<EventLog>()),
      closer_(256, std::chrono::milliseconds(2000)) {
  const size_t workers = options_.workers, queued = options_.max_queued;
  new_task_queue = [workers, queued] { return new BoundedTaskQueue(workers, queued); };
}

GuardedServer::~GuardedServer() = default;

void GuardedServer::tune_listening_socket() {
  const int fd = svr_sock_;
  if (fd < 0) return;
  if (::listen(fd, kListenBacklog) != 0) spdlog::warn("could not enlarge the listen backlog");
  const int defer = kDeferAcceptSeconds;
  if (::setsockopt(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, &defer, sizeof defer) != 0)
    spdlog::warn("could not defer accept on the listening socket: idle connections will take workers");
}

void GuardedServer::stop_serving() {
  stopping_ = true;
  stop();
}

void GuardedServer::refuse_busy(int fd) {
  events_->note("refused with 503 (all workers busy and the queue full)");
  if (tls_) {  // a plain-text answer means nothing to a TLS client; it retries after the close
    ::close(fd);
    return;
  }
  set_nonblocking(fd);
  const std::string answer = busy_answer(options_.retry_after);
  (void)::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd, SHUT_WR);
  closer_.add(fd);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  if (BoundedTaskQueue::overflowing()) {
    refuse_busy(sock);
    return false;
  }
  const ConnectionLimits& limits = options_.limits;
  auto channel = SocketChannel::open(sock, tls_.get(), stopping_);
  if (!channel->handshake(SocketChannel::Clock::now() + limits.header_timeout)) {
    if (!stopping_) events_->note("cut in the TLS handshake");
    return false;
  }
  GuardedStream stream(*channel, limits);
  bool ok = false;
  for (size_t served = 0; served < limits.max_requests_per_connection && !stopping_; ++served) {
    // With deferred accept the first request is usually there already; later ones may
    // follow after an idle pause of at most keep_alive_idle.
    if (!stream.wait_for_request(served == 0 ? limits.header_timeout : limits.keep_alive_idle)) break;
    stream.begin_request();
    bool closed = false;
    const bool last = served + 1 == limits.max_requests_per_connection;
    ok = process_request(stream, last, closed, [&stream](httplib::Request&) { stream.headers_done(); });
    if (*stream.cut_reason()) events_->note(std::string("cut: ") + stream.cut_reason());
    if (!ok || closed) break;
  }
  return ok;
}

}  // namespace nastavnik::server::http
