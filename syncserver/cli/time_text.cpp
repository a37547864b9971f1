#include "syncserver/cli/time_text.h"

#include <ctime>

namespace nastavnik::server::cli {
namespace {

std::string format(uint64_t ms, const char* pattern) {
  const time_t t = static_cast<time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, pattern, &tm);
  return buf;
}

}  // namespace

std::string utc_text(uint64_t ms) { return ms == 0 ? "never" : format(ms, "%Y-%m-%d %H:%M UTC"); }

std::string iso_utc(uint64_t ms) { return ms == 0 ? "" : format(ms, "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace nastavnik::server::cli
