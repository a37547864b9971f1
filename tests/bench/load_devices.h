#pragma once
// The simulated devices of nastavnik-load: each is a LibraryDevice (its own small replica
// file and key, the product's sync engine and HTTP transport) acting for one person of the
// Volosovo demo registry in one of that person's roles, on its own thread.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nastavnik::bench {

// Who a simulated device acts for.
struct LoadPerson {
  std::string person_id, role;
};

// Everyone of the demo registry who takes part in mentoring sessions (mentors and tutors,
// their mentees), with the role they work in.
std::vector<LoadPerson> load_people(const std::filesystem::path& registry_file);

struct LoadDevicePlan {
  int index = 0;
  LoadPerson person;
  std::string code;                 // one-time enrollment code
  std::filesystem::path replica;    // file to create
  std::string server_url;
  std::vector<nlohmann::json> batches[2];  // sessions recorded before the first and the second sync
};

struct LoadDeviceResult {
  bool ok = false;
  std::string error;
  double enroll_ms = 0;
  double sync_ms[2] = {0, 0};
  int requests[2] = {0, 0};
  int64_t ops_sent = 0, changesets_sent = 0, rejected = 0;
  size_t unacked_after = 0;
  std::vector<std::string> created_ids;
};

// Runs one device: create the replica, wait for `start` to open, enroll, record batch 0,
// sync, record batch 1, sync. Never throws: failures end up in the result.
LoadDeviceResult run_load_device(const LoadDevicePlan& plan, const std::function<void()>& wait_for_start);

}  // namespace nastavnik::bench
