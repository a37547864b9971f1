#pragma once
// The simulated devices of nastavnik-load: each is a LibraryDevice (its own small replica
// file and key, the product's sync engine and HTTP transport) acting for one person of the
// Volosovo demo registry in one of that person's roles, on its own thread.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nastavnik::bench {

class LibraryDevice;

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
  double initial_pull_ms = 0;    // the first sync right after enrolling: the registry in scope
  int64_t initial_pull_ops = 0;
  double sync_ms[2] = {0, 0};  // from the first attempt to the finished sync, re-runs included
  int requests[2] = {0, 0};    // answered requests of the finished run
  int runs[2] = {0, 0};        // engine runs needed (a run that gave up is repeated, as a user would)
  int attempts = 0, failed_attempts = 0;  // HTTP requests tried, and those that failed and were retried
  int64_t ops_sent = 0, changesets_sent = 0, rejected = 0;
  size_t unacked_after = 0;
  std::vector<std::string> created_ids;
};

// One simulated device across the phases of the run. Its methods never throw: failures end
// up in result().
class LoadDevice {
 public:
  explicit LoadDevice(LoadDevicePlan plan) : plan_(std::move(plan)) {}
  ~LoadDevice();
  LoadDevice(LoadDevice&&) noexcept;
  // Creates the replica, enrolls with the plan's code and pulls what the person may see,
  // as a new laptop does once before its first day of work. False on failure.
  bool enroll();
  // Waits for `start`, then records batch 0, syncs, records batch 1, syncs.
  void work(const std::function<void()>& wait_for_start);
  const LoadDeviceResult& result() const { return result_; }

 private:
  double sync_until_done(int round);

  LoadDevicePlan plan_;
  std::unique_ptr<LibraryDevice> device_;
  LoadDeviceResult result_;
};

}  // namespace nastavnik::bench
