#include <catch2/catch.hpp>

#include <random>

#include "shared/core/hlc.h"
#include "tests/support/wall_clock.h"

using nastavnik::Hlc;
using nastavnik::HlcClock;
using nastavnik::testing::ManualClock;

namespace {
const std::string kDeviceA(32, 'a');
const std::string kDeviceB(32, 'b');
}  // namespace

TEST_CASE("stamps increase while the wall clock stands still", "[hlc]") {
  ManualClock wall;
  HlcClock clock(kDeviceA, wall.fn());
  Hlc prev = clock.now();
  for (int i = 0; i < 1000; ++i) {
    Hlc next = clock.now();
    REQUIRE(prev < next);
    REQUIRE(prev.str() < next.str());
    prev = next;
  }
  CHECK(prev.ms == wall.now());
  CHECK(prev.counter == 1000);
}

TEST_CASE("stamps stay monotonic when the wall clock jumps backwards", "[hlc]") {
  ManualClock wall;
  HlcClock clock(kDeviceA, wall.fn());
  const Hlc before = clock.now();
  wall.advance(-3'600'000);  // an hour back: a laptop whose battery died, a bad NTP sync
  const Hlc after = clock.now();
  CHECK(before < after);
  CHECK(after.ms == before.ms);
  wall.advance(7'200'000);
  const Hlc later = clock.now();
  CHECK(later.ms == wall.now());
  CHECK(later.counter == 0);
}

TEST_CASE("random wall clock jumps never break monotonicity", "[hlc]") {
  std::mt19937_64 rng(42);
  ManualClock wall;
  HlcClock clock(kDeviceA, wall.fn());
  Hlc prev = clock.now();
  for (int i = 0; i < 20000; ++i) {
    wall.advance(static_cast<int64_t>(rng() % 2001) - 1000);
    Hlc next = clock.now();
    REQUIRE(prev < next);
    prev = next;
  }
}

TEST_CASE("counter exhaustion borrows the next millisecond", "[hlc]") {
  ManualClock wall;
  HlcClock clock(kDeviceA, wall.fn());
  Hlc prev = clock.now();
  for (int i = 0; i < 0x10000 + 5; ++i) {
    Hlc next = clock.now();
    REQUIRE(prev < next);
    prev = next;
  }
  CHECK(prev.ms == wall.now() + 1);
}

TEST_CASE("observing a remote stamp orders later local stamps after it", "[hlc]") {
  ManualClock wall;
  HlcClock clock(kDeviceA, wall.fn());
  const Hlc remote{wall.now() + 60'000, 7, kDeviceB};  // a minute ahead: within drift
  REQUIRE(clock.observe(remote));
  const Hlc local = clock.now();
  CHECK(local > remote);
  CHECK(local.ms == remote.ms);
  CHECK(local.counter == 8);
}

TEST_CASE("a stamp far in the future does not poison the clock", "[hlc]") {
  ManualClock wall;
  HlcClock clock(kDeviceA, wall.fn(), 5 * 60 * 1000);
  const Hlc poison{wall.now() + 365ULL * 24 * 3600 * 1000, 0, kDeviceB};
  CHECK(clock.is_from_future(poison));
  CHECK_FALSE(clock.observe(poison));
  const Hlc local = clock.now();
  CHECK(local.ms == wall.now());
  CHECK(local < poison);
}

TEST_CASE("restore keeps stamps monotonic across restarts", "[hlc]") {
  ManualClock wall;
  HlcClock first(kDeviceA, wall.fn());
  for (int i = 0; i < 10; ++i) (void)first.now();
  const Hlc last = first.last();
  wall.advance(-10'000);  // the laptop restarts with its clock behind
  HlcClock second(kDeviceA, wall.fn());
  second.restore(last);
  CHECK(second.now() > last);
}

TEST_CASE("stamps round-trip through text and reject malformed text", "[hlc]") {
  const Hlc h{0x0123456789ab, 0x00ff, kDeviceA};
  auto parsed = Hlc::parse(h.str());
  REQUIRE(parsed.ok());
  CHECK(*parsed == h);
  for (const char* bad : {"", "0123456789ab-00ff", "0123456789ab-00ff-xyz",
                          "0123456789AB-00ff-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                          "0123456789ab_00ff_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
    INFO(bad);
    CHECK_FALSE(Hlc::parse(bad).ok());
  }
}
