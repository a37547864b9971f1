#pragma once
// Many school laptops syncing a week of work at once over 2G links (issue 9). Each laptop
// is a real replica with the real sync engine and its own shaping proxy (64 kbit/s each
// way, 600 ms round trip by default), connecting to the front from its own loopback
// address as separate schools would. Each stands for one tutor of a copy of the Volosovo
// registry (fleet_registry below): ten tutors per copy, so a laptop's pair holds the
// weeks of two tutors, as in a real district, not of dozens of laptops of the same person. First one laptop syncs its week alone on the same
// link (the baseline), then all the others at once, while a fast client asks /healthz
// every 200 ms. Used by field_tests (a short run in CI, the full one in scripts/soak) and by
// nastavnik-field-bench, which prints the figures. No Catch2 inside: it runs from threads.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace nastavnik::testing {

struct FleetOptions {
  int laptops = 200;
  int sessions_per_laptop = 30;      // a teacher's week
  uint64_t bytes_per_second = 8000;  // 64 kbit/s each way
  uint64_t one_way_delay_ms = 300;   // 600 ms round trip
};

struct FleetResult {
  double alone_seconds = 0;                // the baseline laptop, alone on its link
  uint64_t alone_bytes_up = 0, alone_bytes_down = 0;
  std::vector<double> sync_seconds;        // every other laptop, all at once (sorted)
  std::vector<uint64_t> bytes_down;        // per laptop, all at once
  double healthz_max_seconds = 0;          // the slowest /healthz during the fleet's syncs
  int healthz_checks = 0, healthz_failures = 0;
  int64_t ops_sent = 0, ops_expected = 0;  // ops the receipts acknowledged / recorded
  std::vector<std::string> errors;         // a laptop whose sync failed, with why

  double percentile(double p) const;  // of sync_seconds
};

// Writes the registry the fleet's server must import: enough copies of `demo_registry`.
void write_fleet_registry(const std::filesystem::path& demo_registry, const FleetOptions& options,
                          const std::filesystem::path& target);

// `issue_code(person, role)` issues an enrollment code (the caller runs the admin command);
// `front_port` is where the laptops' proxies connect. Laptops live under `dir`.
FleetResult run_fleet(int front_port, const std::function<std::string(const std::string&, const std::string&)>& issue_code,
                      const std::filesystem::path& dir, const FleetOptions& options);

}  // namespace nastavnik::testing
