#pragma once
// A TCP proxy on 127.0.0.1 between a client and a server, for tests of bad links: it can
// cut connections in the middle of a response, delay every chunk (latency) and limit the
// rate (bandwidth). Loopback only; every loop is bounded by the connections it serves.
//
// Two link models:
//  - the simple one (`latency_ms`, `bytes_per_second`): each forwarded chunk waits its
//    delay before the next is read, so latency is paid per chunk, not per round trip;
//  - the shaped one (`one_way_delay_ms` or `loss_per_mille` set): each direction is a link
//    with a serialisation rate and a propagation delay, like a real slow line. A chunk
//    leaves the link at max(arrival, link free) + size / rate and is delivered
//    `one_way_delay_ms` later, while later chunks keep flowing, so a round trip costs
//    2 x delay however much data is in flight; a new connection first pays one round trip
//    for the TCP handshake. TCP below the proxy never loses bytes, so
//    loss is modelled by its effect: a lost chunk (and everything behind it, in order)
//    arrives one retransmission timeout (a round trip + 200 ms) late.
// Byte counters count what was forwarded, i.e. the bytes on the wire.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace nastavnik::testing {

struct FaultPlan {
  // Cut once: the connection that carries the server's answer byte at which the answers
  // forwarded since set_plan, over all connections, reach this many bytes is closed there
  // (0: no cut). Counting over all connections keeps the cut where it was planned however
  // the client spreads its requests over connections (keep-alive ending on a slow run).
  uint64_t cut_after_response_bytes = 0;
  uint64_t latency_ms = 0;           // added before each forwarded chunk, each direction
  uint64_t bytes_per_second = 0;     // 0: unlimited
  uint64_t one_way_delay_ms = 0;     // shaped link: propagation delay per direction
  uint32_t loss_per_mille = 0;       // shaped link: chunks lost (and retransmitted), per 1000
  uint64_t loss_seed = 1;            // makes the losses of a run repeatable
};

class FaultProxy {
 public:
  // Forwards to 127.0.0.1:`upstream_port`; its connections to the upstream come from the
  // loopback address `source_address` when given (127.0.1.7, say), so that a server or front
  // limiting per address sees each proxied device as its own client.
  explicit FaultProxy(int upstream_port, std::string source_address = "");
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  void set_plan(const FaultPlan& plan);
  uint64_t bytes_up() const { return up_; }      // client -> server
  uint64_t bytes_down() const { return down_; }  // server -> client
  int connections() const { return connections_; }
  int cuts() const { return cuts_; }
  uint64_t chunks_lost() const { return lost_; }  // shaped link only

 private:
  void accept_loop();
  void serve(int client_fd);
  void serve_shaped(int client_fd, int server_fd, const FaultPlan& plan);
  // Of `n` answer bytes just read, how many to forward; sets `cut_here` when the cut falls
  // within them (the connection is closed after the bytes returned).
  size_t admit_response(size_t n, bool* cut_here);
  void pace(uint64_t bytes);

  int upstream_port_;
  std::string source_address_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> up_{0}, down_{0};
  std::atomic<int> connections_{0}, cuts_{0};
  std::atomic<uint64_t> lost_{0};
  std::mutex mu_;
  FaultPlan plan_;
  uint64_t response_bytes_ = 0;  // answers forwarded since set_plan
  bool cut_done_ = false;
  std::thread acceptor_;
  std::vector<std::thread> workers_;
};

}  // namespace nastavnik::testing
