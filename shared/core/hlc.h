#pragma once
// Hybrid logical clock. A stamp is (physical ms, counter, device id); stamps order
// lexicographically in that order, and their text form sorts the same way as the stamps.

#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik {

struct Hlc {
  uint64_t ms = 0;        // wall clock, milliseconds since the Unix epoch (48 bits used)
  uint32_t counter = 0;   // logical counter within one ms (16 bits used)
  std::string device;     // 32 lowercase hex digits

  // "0189abcdef01-0003-<device>": fixed-width hex so that string order is stamp order.
  std::string str() const;
  static Result<Hlc> parse(std::string_view text);
  bool empty() const { return ms == 0 && counter == 0 && device.empty(); }

  auto operator<=>(const Hlc&) const = default;
  bool operator==(const Hlc&) const = default;
};

// Milliseconds since the epoch; injectable so tests can make the wall clock jump.
using WallClock = std::function<uint64_t()>;
uint64_t system_wall_clock_ms();

// Default tolerance for stamps from the future: a remote stamp more than this far ahead
// of our wall clock is not allowed to move our clock.
inline constexpr uint64_t kDefaultMaxDriftMs = 5 * 60 * 1000;

class HlcClock {
 public:
  HlcClock(std::string device, WallClock wall, uint64_t max_drift_ms = kDefaultMaxDriftMs);

  // A new stamp, strictly greater than every stamp issued or accepted before, even when
  // the wall clock jumps backwards.
  Hlc now();

  // Takes a remote stamp into account so that later local stamps order after it.
  // Returns false, and leaves the clock untouched, when the stamp is further in the
  // future than the allowed drift: such a stamp must be flagged, never trusted.
  bool observe(const Hlc& remote);

  // True when the stamp lies beyond wall clock + allowed drift.
  bool is_from_future(const Hlc& stamp) const;

  // Restores the last stamp persisted by the store, so restarts stay monotonic.
  void restore(const Hlc& last);
  const Hlc& last() const { return last_; }
  const std::string& device() const { return device_; }

 private:
  std::string device_;
  WallClock wall_;
  uint64_t max_drift_ms_;
  Hlc last_;
};

}  // namespace nastavnik
