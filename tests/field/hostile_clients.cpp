// nastavnik-hostile-clients: opens and keeps open the connections a hostile or broken
// network throws at a server, from one loopback address, until SIGTERM. Loopback only.
//   --slowloris N       N connections trickling one header byte every --interval-ms
//   --idle N            N connections that never send anything
//   --declared-body N   N POSTs declaring a 16 MB body and sending none of it
//   --long-line-mib M   one request line of M MiB without a newline, sent as fast as it goes
// A connection the server closes is opened again (the attacker does not give up), except
// the long line, which is sent once. Prints "ready" once every connection is open, and on
// SIGTERM one JSON line: what was opened, cut by the server, and sent.
// Single-threaded with poll(): the test process itself never holds these descriptors.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "tests/support/spawn.h"
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> g_stop{false};

enum class Kind { kSlowloris, kIdle, kDeclaredBody, kLongLine };

struct Conn {
  explicit Conn(Kind k) : kind(k) {}
  Kind kind;
  int fd = -1;
  std::string pending;       // bytes still to send now
  uint64_t line_left = 0;    // long line: bytes of it still to send
  Clock::time_point next_byte;
  bool done = false;         // the long line was sent or cut: not reopened
};

struct Totals {
  uint64_t opened = 0, cut = 0, bytes = 0, refused = 0;
};

void open_conn(Conn& c, const std::string& from, int port, uint64_t line_bytes, Totals& t) {
  c.fd = nastavnik::testing::connect_loopback(port, from, true);
  if (c.fd < 0) {
    ++t.refused;
    return;
  }
  ++t.opened;
  c.next_byte = Clock::now();
  switch (c.kind) {
    case Kind::kSlowloris:
      c.pending = "POST /v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
      break;
    case Kind::kIdle:
      c.pending.clear();
      break;
    case Kind::kDeclaredBody:
      c.pending =
          "POST /v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-nastavnik-sync\r\n"
          "Content-Length: 16000000\r\n\r\n";
      break;
    case Kind::kLongLine:
      c.pending = "GET /";
      c.line_left = line_bytes;
      break;
  }
}

// Sends what the connection has to send now; false when the server closed it.
bool pump(Conn& c, uint64_t interval_ms, Totals& t) {
  static const std::string kChunk(64 * 1024, 'a');
  if (c.kind == Kind::kSlowloris && c.pending.empty() && Clock::now() >= c.next_byte) {
    c.pending = "a";
    c.next_byte = Clock::now() + std::chrono::milliseconds(interval_ms);
  }
  if (c.kind == Kind::kLongLine && c.pending.empty() && c.line_left > 0) {
    c.pending = kChunk.substr(0, std::min<uint64_t>(kChunk.size(), c.line_left));
    c.line_left -= c.pending.size();
  }
  while (!c.pending.empty()) {
    const ssize_t n = ::send(c.fd, c.pending.data(), c.pending.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      t.bytes += static_cast<uint64_t>(n);
      c.pending.erase(0, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOTCONN)) break;
    return false;
  }
  char buf[4096];
  const ssize_t r = ::recv(c.fd, buf, sizeof buf, MSG_DONTWAIT);
  if (r == 0) return false;  // the server closed it (after an answer or without one)
  if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, slowloris = 0, idle = 0, declared = 0;
  uint64_t long_line_mib = 0, interval_ms = 2000;
  std::string from = "127.0.0.2";
  CLI::App app("Hostile connections against a server on 127.0.0.1 (tests only)");
  app.add_option("--port", port, "The server's port on 127.0.0.1")->required();
  app.add_option("--from", from, "Loopback source address of every connection (default 127.0.0.2)");
  app.add_option("--slowloris", slowloris, "Connections trickling header bytes");
  app.add_option("--interval-ms", interval_ms, "Milliseconds between two trickled bytes (default 2000)");
  app.add_option("--idle", idle, "Connections that send nothing");
  app.add_option("--declared-body", declared, "POSTs declaring 16 MB and sending nothing");
  app.add_option("--long-line-mib", long_line_mib, "One request line of this many MiB, no newline");
  CLI11_PARSE(app, argc, argv);
  ::signal(SIGTERM, [](int) { g_stop = true; });
  ::signal(SIGINT, [](int) { g_stop = true; });
  ::signal(SIGPIPE, SIG_IGN);

  std::vector<Conn> conns;
  for (int i = 0; i < slowloris; ++i) conns.emplace_back(Kind::kSlowloris);
  for (int i = 0; i < idle; ++i) conns.emplace_back(Kind::kIdle);
  for (int i = 0; i < declared; ++i) conns.emplace_back(Kind::kDeclaredBody);
  if (long_line_mib > 0) conns.emplace_back(Kind::kLongLine);
  const uint64_t line_bytes = long_line_mib * 1024 * 1024;
  Totals t;
  for (auto& c : conns) open_conn(c, from, port, line_bytes, t);
  std::printf("ready\n");
  std::fflush(stdout);

  std::vector<pollfd> fds;
  while (!g_stop) {
    fds.clear();
    for (auto& c : conns) fds.push_back({c.fd, static_cast<short>(POLLIN | (c.pending.empty() ? 0 : POLLOUT)), 0});
    ::poll(fds.data(), fds.size(), 50);
    for (auto& c : conns) {
      if (c.done) continue;
      if (c.fd >= 0 && pump(c, interval_ms, t)) continue;
      if (c.fd >= 0) {
        ::close(c.fd);
        c.fd = -1;
        ++t.cut;
        c.next_byte = Clock::now() + std::chrono::milliseconds(200);  // reopen a moment later
      }
      if (c.kind == Kind::kLongLine) {
        c.done = true;
        continue;
      }
      if (Clock::now() >= c.next_byte) open_conn(c, from, port, line_bytes, t);
    }
  }
  for (auto& c : conns)
    if (c.fd >= 0) ::close(c.fd);
  std::printf("{\"opened\":%llu,\"cut\":%llu,\"bytes_sent\":%llu,\"connect_failures\":%llu}\n",
              static_cast<unsigned long long>(t.opened), static_cast<unsigned long long>(t.cut),
              static_cast<unsigned long long>(t.bytes), static_cast<unsigned long long>(t.refused));
  return 0;
}
