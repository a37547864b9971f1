#include "shared/core/hlc.h"

#include <chrono>
#include <algorithm>
#include <cstdio>
#include <tuple>

namespace nastavnik {
namespace {

constexpr uint32_t kMaxCounter = 0xffff;
constexpr uint64_t kMaxMs = 0xffffffffffffULL;

bool parse_hex(std::string_view text, uint64_t& out) {
  if (text.empty() || text.size() > 16) return false;
  out = 0;
  for (char c : text) {
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else return false;
    out = out * 16 + static_cast<uint64_t>(d);
  }
  return true;
}

bool is_device_id(std::string_view text) {
  if (text.size() != 32) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string Hlc::str() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%012llx-%04x-", static_cast<unsigned long long>(ms), counter);
  return std::string(buf) + device;
}

Result<Hlc> Hlc::parse(std::string_view text) {
  // 12 hex + '-' + 4 hex + '-' + 32 hex
  if (text.size() != 12 + 1 + 4 + 1 + 32 || text[12] != '-' || text[17] != '-')
    return Status::InvalidArgument("malformed clock stamp '" + std::string(text.substr(0, 64)) + "'");
  Hlc h;
  uint64_t counter = 0;
  if (!parse_hex(text.substr(0, 12), h.ms) || !parse_hex(text.substr(13, 4), counter) ||
      !is_device_id(text.substr(18)))
    return Status::InvalidArgument("malformed clock stamp '" + std::string(text) + "'");
  h.counter = static_cast<uint32_t>(counter);
  h.device = std::string(text.substr(18));
  return h;
}

uint64_t system_wall_clock_ms() {
  using namespace std::chrono;
  return static_cast<uint64_t>(
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

HlcClock::HlcClock(std::string device, WallClock wall, uint64_t max_drift_ms)
    : device_(std::move(device)), wall_(std::move(wall)), max_drift_ms_(max_drift_ms) {
  last_.device = device_;
}

Hlc HlcClock::now() {
  const uint64_t wall = std::min(wall_(), kMaxMs);
  Hlc next{last_.ms, last_.counter, device_};
  if (wall > last_.ms) {
    next.ms = wall;
    next.counter = 0;
  } else if (last_.counter < kMaxCounter) {
    next.counter = last_.counter + 1;
  } else {
    // The counter is exhausted within one ms: borrow the next millisecond.
    next.ms = last_.ms + 1;
    next.counter = 0;
  }
  last_ = next;
  return next;
}

bool HlcClock::is_from_future(const Hlc& stamp) const {
  return stamp.ms > wall_() + max_drift_ms_;
}

bool HlcClock::observe(const Hlc& remote) {
  if (is_from_future(remote)) return false;
  if (std::tie(remote.ms, remote.counter) > std::tie(last_.ms, last_.counter)) {
    last_.ms = remote.ms;
    last_.counter = remote.counter;
  }
  return true;
}

void HlcClock::restore(const Hlc& last) {
  if (std::tie(last.ms, last.counter) > std::tie(last_.ms, last_.counter)) {
    last_.ms = last.ms;
    last_.counter = last.counter;
  }
}

}  // namespace nastavnik
