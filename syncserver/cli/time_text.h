#pragma once
// Times as the methodologist reads them in command output. UTC, said explicitly, because
// the server may run in another time zone than the schools.

#include <cstdint>
#include <string>

namespace nastavnik::server::cli {

// "2026-11-20 14:05 UTC"; "never" for 0.
std::string utc_text(uint64_t ms);
// ISO 8601 for JSON output: "2026-11-20T14:05:09Z"; "" for 0.
std::string iso_utc(uint64_t ms);

}  // namespace nastavnik::server::cli
