#include "syncserver/http/enroll_limiter.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "syncserver/http/printable_text.h"

namespace nastavnik::server::http {

EnrollLimiter::EnrollLimiter(EnrollLimiterSettings settings, std::function<Clock::time_point()> now)
    : settings_(settings), now_(std::move(now)) {}

void EnrollLimiter::forgive(Bucket& b, Clock::time_point now) const {
  const double seconds = std::chrono::duration<double>(now - b.updated).count();
  const double rate = settings_.max_failures / static_cast<double>(settings_.window.count());
  b.failures = std::max(0.0, b.failures - seconds * rate);
  b.updated = now;
}

int64_t EnrollLimiter::retry_after(const std::string& address) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(address);
  if (it == buckets_.end()) return 0;
  Bucket& b = it->second;
  forgive(b, now_());
  if (b.failures + 1 <= settings_.max_failures) return 0;
  const double rate = settings_.max_failures / static_cast<double>(settings_.window.count());
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil((b.failures + 1 - settings_.max_failures) / rate)));
}

void EnrollLimiter::note_failure(const std::string& address) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = now_();
  if (buckets_.size() >= settings_.max_addresses && !buckets_.count(address)) drop_forgiven(now);
  Bucket& b = buckets_[address];
  if (b.updated == Clock::time_point{}) b.updated = now;
  forgive(b, now);
  b.failures += 1;
  if (b.failures + 1 > settings_.max_failures && b.failures <= settings_.max_failures) {
    spdlog::warn("enrollment: {} wrong codes from {} within {} s; its further attempts are answered 429 for a while",
                 static_cast<int64_t>(settings_.max_failures), printable(address, 64), settings_.window.count());
  }
}

void EnrollLimiter::drop_forgiven(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    forgive(it->second, now);
    if (it->second.failures < 1) it = buckets_.erase(it);
    else ++it;
  }
  // Still full: forget the whole table rather than grow without bound.
  if (buckets_.size() >= settings_.max_addresses) buckets_.clear();
}

}  // namespace nastavnik::server::http
