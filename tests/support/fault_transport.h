#pragma once
// A SyncTransport that misbehaves like a bad network between a device and its server:
// requests lost on the way, answers lost after the server acted, requests delivered twice,
// an earlier request delivered again late (reordered), answers cut short, and partitions
// (offline). Every decision comes from a seeded generator, so a failing run replays
// exactly with the same seed. It wraps any transport: InProcessTransport or HttpTransport.

#include <cstdint>
#include <deque>
#include <random>
#include <string>

#include "client/sync/sync_transport.h"
#include "tests/support/forwarding_transport.h"

namespace nastavnik::testing {

// Probabilities per request, each in [0, 1]; all zero: a perfect network.
struct TransportFaults {
  double drop_request = 0;    // never reaches the server: the device sees a network error
  double drop_reply = 0;      // the server handled it, the answer is lost
  double duplicate = 0;       // the same request reaches the server twice
  double replay_stale = 0;    // an earlier request of this device arrives again, first
  double truncate_reply = 0;  // the answer arrives cut short

  static TransportFaults none() { return {}; }
};

// What was injected, for the test's summary (and to prove faults really happened).
struct FaultCounts {
  int64_t requests = 0, dropped_requests = 0, dropped_replies = 0, duplicates = 0, stale_replays = 0,
          truncated = 0, offline_refusals = 0;
  FaultCounts& operator+=(const FaultCounts& o);
};

class FaultTransport : public ForwardingTransport {
 public:
  FaultTransport(SyncTransport& inner, uint64_t seed) : ForwardingTransport(inner), rng_(seed) {}

  void set_faults(const TransportFaults& faults) { faults_ = faults; }
  // A partition: while offline every call fails as if the network were down.
  void set_offline(bool offline) { offline_ = offline; }
  bool offline() const { return offline_; }
  const FaultCounts& counts() const { return counts_; }

  Result<HttpReply> post(const std::string& path, const std::string& content_type, const std::string& body,
                         const HttpHeaders& headers) override;
  Result<HttpReply> get(const std::string& path) override;

 private:
  struct Sent {
    std::string path, content_type, body;
    HttpHeaders headers;
  };
  bool roll(double p);

  std::mt19937_64 rng_;
  TransportFaults faults_;
  bool offline_ = false;
  FaultCounts counts_;
  std::deque<Sent> history_;  // the last requests that reached the server, for late replays
};

}  // namespace nastavnik::testing
