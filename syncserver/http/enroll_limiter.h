#pragma once
// Limits guesses of enrollment codes per client address. A code has 31^12 values, but an
// unlimited guesser still costs the server work and fills the log. Each address may fail
// `max_failures` times; failed attempts are then forgiven at max_failures per `window`
// (a token bucket). While an address is over its limit, /v1/enroll answers it 429 with
// Retry-After before looking at the code. One warning line is logged when an address
// reaches the limit, with what it tried, not one per attempt.
// Behind the nginx front every request comes from the proxy's address; the real client's
// address is taken from X-Real-IP only for requests from a trusted proxy (http_server.h).

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace nastavnik::server::http {

struct EnrollLimiterSettings {
  double max_failures = 10;
  std::chrono::seconds window{600};
  size_t max_addresses = 100000;  // memory bound: forgiven addresses are dropped first
};

class EnrollLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit EnrollLimiter(EnrollLimiterSettings settings, std::function<Clock::time_point()> now = Clock::now);

  // Seconds `address` must wait before its next attempt is looked at; 0 when it may try.
  int64_t retry_after(const std::string& address);
  // A wrong, used or expired code from `address`.
  void note_failure(const std::string& address);

 private:
  struct Bucket {
    double failures = 0;  // failures not yet forgiven
    Clock::time_point updated;
  };
  void forgive(Bucket& b, Clock::time_point now) const;
  void drop_forgiven(Clock::time_point now);

  const EnrollLimiterSettings settings_;
  const std::function<Clock::time_point()> now_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace nastavnik::server::http
