#include "tests/bench/load_devices.h"

#include <fstream>
#include <map>
#include <set>

#include "tests/bench/bench_env.h"
#include "tests/bench/library_device.h"

namespace nastavnik::bench {

using nlohmann::json;

std::vector<LoadPerson> load_people(const std::filesystem::path& registry_file) {
  std::ifstream in(registry_file, std::ios::binary);
  const json registry = json::parse(in, nullptr, false);
  if (!registry.is_object()) throw BenchError("cannot read the demo registry " + registry_file.string());
  std::map<std::string, std::string> role_of;  // first role seen wins
  for (const auto& r : registry.value("records", json::array())) {
    if (r.value("entity", "") != "assignment") continue;
    const json& f = r["fields"];
    const bool teachers = f.value("kind", "") == "teacher_teacher";
    role_of.emplace(f.value("mentor_id", ""), teachers ? "tutor" : "mentor");
    for (const auto& m : f.value("mentee_ids", json::array())) role_of.emplace(m.get<std::string>(), teachers ? "teacher" : "school_admin");
  }
  std::vector<LoadPerson> out;
  for (const auto& [person, role] : role_of)
    if (!person.empty()) out.push_back({person, role});
  return out;
}

LoadDevice::~LoadDevice() = default;
LoadDevice::LoadDevice(LoadDevice&&) noexcept = default;

bool LoadDevice::enroll() {
  try {
    auto created = LibraryDevice::create(plan_.replica, plan_.server_url);
    if (!created.ok()) throw BenchError("replica: " + created.status().to_string());
    device_ = std::move(created).value();
    const double start = now_ms();
    if (Status s = device_->enroll(plan_.code, "load device " + std::to_string(plan_.index)); !s.ok())
      throw BenchError("enroll: " + s.to_string());
    result_.enroll_ms = now_ms() - start;
    const double pull_start = now_ms();
    auto first = device_->sync();
    if (!first.ok()) throw BenchError("initial pull: " + first.status().to_string());
    result_.initial_pull_ms = now_ms() - pull_start;
    result_.initial_pull_ops = first->ops_received;
    return true;
  } catch (const std::exception& e) {
    result_.error = "device " + std::to_string(plan_.index) + ": " + e.what();
    return false;
  }
}

// Runs the sync engine until a run finishes; a run that gave up (the server did not answer
// within the transport's timeouts, or answered busy, four times) is started again, as a
// device's next sync would resume it, at most kMaxRuns times.
double LoadDevice::sync_until_done(int round) {
  constexpr int kMaxRuns = 5;
  const double start = now_ms();
  for (int run = 1;; ++run) {
    result_.runs[round] = run;
    auto summary = device_->sync();
    if (summary.ok()) {
      result_.requests[round] = summary->requests;
      result_.ops_sent += summary->ops_sent;
      result_.changesets_sent += summary->changesets_sent;
      result_.rejected += static_cast<int64_t>(summary->rejected.size() + summary->refused_changesets.size());
      return now_ms() - start;
    }
    const StatusCode code = summary.status().code();
    const bool try_again = code == StatusCode::kUnavailable || code == StatusCode::kServerFault;
    if (!try_again || run == kMaxRuns)
      throw BenchError("sync " + std::to_string(round + 1) + ", run " + std::to_string(run) + ": " +
                       summary.status().to_string());
  }
}

void LoadDevice::work(const std::function<void()>& wait_for_start) {
  wait_for_start();
  try {
    if (!device_) throw BenchError("not enrolled");
    for (int round = 0; round < 2; ++round) {
      auto ids = device_->add_sessions(plan_.batches[round]);
      if (!ids.ok()) throw BenchError("record sessions: " + ids.status().to_string());
      result_.created_ids.insert(result_.created_ids.end(), ids->begin(), ids->end());
      result_.sync_ms[round] = sync_until_done(round);
    }
    auto unacked = device_->unacked_changesets();
    if (!unacked.ok()) throw BenchError("outbox: " + unacked.status().to_string());
    result_.unacked_after = *unacked;
    result_.ok = true;
  } catch (const std::exception& e) {
    result_.error = "device " + std::to_string(plan_.index) + ": " + e.what();
  }
  result_.attempts = device_ ? device_->sync_attempts() : 0;
  result_.failed_attempts = device_ ? device_->failed_sync_attempts() : 0;
  device_.reset();  // closes the replica: 1000 open SQLite files are not needed afterwards
}

}  // namespace nastavnik::bench
