#pragma once
#include <cstdint>
#include <memory>

#include "shared/core/hlc.h"

namespace nastavnik::testing {

// A wall clock the test moves by hand, so nothing depends on real time.
class ManualClock {
 public:
  explicit ManualClock(uint64_t start_ms = 1'790'000'000'000ULL) : now_(std::make_shared<uint64_t>(start_ms)) {}
  WallClock fn() const {
    auto now = now_;
    return [now] { return *now; };
  }
  uint64_t now() const { return *now_; }
  void set(uint64_t ms) { *now_ = ms; }
  void advance(int64_t ms) { *now_ = static_cast<uint64_t>(static_cast<int64_t>(*now_) + ms); }

 private:
  std::shared_ptr<uint64_t> now_;
};

}  // namespace nastavnik::testing
