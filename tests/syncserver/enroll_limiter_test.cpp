#include <catch2/catch.hpp>

#include "syncserver/http/enroll_limiter.h"

using nastavnik::server::http::EnrollLimiter;
using nastavnik::server::http::EnrollLimiterSettings;

TEST_CASE("wrong codes are limited per address and forgiven over time", "[enroll][limit]") {
  EnrollLimiter::Clock::time_point now{std::chrono::hours(1)};
  EnrollLimiterSettings settings;
  settings.max_failures = 10;
  settings.window = std::chrono::seconds(600);  // one failure forgiven a minute
  EnrollLimiter limiter(settings, [&] { return now; });

  for (int i = 0; i < 9; ++i) {
    CHECK(limiter.retry_after("203.0.113.7") == 0);
    limiter.note_failure("203.0.113.7");
  }
  CHECK(limiter.retry_after("203.0.113.7") == 0);  // the tenth attempt is still looked at
  limiter.note_failure("203.0.113.7");
  const int64_t wait = limiter.retry_after("203.0.113.7");
  CHECK(wait > 0);
  CHECK(wait <= 60);
  CHECK(limiter.retry_after("198.51.100.2") == 0);  // another address is not held up

  now += std::chrono::seconds(wait);
  CHECK(limiter.retry_after("203.0.113.7") == 0);  // one attempt forgiven: one more try
  limiter.note_failure("203.0.113.7");
  CHECK(limiter.retry_after("203.0.113.7") > 0);
  now += std::chrono::seconds(600);
  CHECK(limiter.retry_after("203.0.113.7") == 0);  // all forgiven after the window
}
