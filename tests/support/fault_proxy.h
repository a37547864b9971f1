#pragma once
// A TCP proxy on 127.0.0.1 between a client and a server, for tests of bad links: it can
// cut connections in the middle of a response, delay every chunk (latency) and limit the
// rate (bandwidth). Loopback only; every loop is bounded by the connections it serves.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace nastavnik::testing {

struct FaultPlan {
  // Cut this many upcoming connections after forwarding `cut_after_response_bytes` of
  // the server's answer (0 connections: no cuts).
  int cut_connections = 0;
  uint64_t cut_after_response_bytes = 0;
  uint64_t latency_ms = 0;           // added before each forwarded chunk, each direction
  uint64_t bytes_per_second = 0;     // 0: unlimited
};

class FaultProxy {
 public:
  explicit FaultProxy(int upstream_port);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  void set_plan(const FaultPlan& plan);
  uint64_t bytes_up() const { return up_; }      // client -> server
  uint64_t bytes_down() const { return down_; }  // server -> client
  int connections() const { return connections_; }
  int cuts() const { return cuts_; }

 private:
  void accept_loop();
  void serve(int client_fd);
  bool take_cut(uint64_t& cut_after);
  void pace(uint64_t bytes);

  int upstream_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> up_{0}, down_{0};
  std::atomic<int> connections_{0}, cuts_{0};
  std::mutex mu_;
  FaultPlan plan_;
  std::thread acceptor_;
  std::vector<std::thread> workers_;
};

}  // namespace nastavnik::testing
