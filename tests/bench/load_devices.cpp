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

LoadDeviceResult run_load_device(const LoadDevicePlan& plan, const std::function<void()>& wait_for_start) {
  LoadDeviceResult result;
  try {
    auto created = LibraryDevice::create(plan.replica, plan.server_url);
    if (!created.ok()) throw BenchError("replica: " + created.status().to_string());
    LibraryDevice& device = **created;
    wait_for_start();
    double start = now_ms();
    if (Status s = device.enroll(plan.code, "load device " + std::to_string(plan.index)); !s.ok())
      throw BenchError("enroll: " + s.to_string());
    result.enroll_ms = now_ms() - start;
    for (int round = 0; round < 2; ++round) {
      auto ids = device.add_sessions(plan.batches[round]);
      if (!ids.ok()) throw BenchError("record sessions: " + ids.status().to_string());
      result.created_ids.insert(result.created_ids.end(), ids->begin(), ids->end());
      start = now_ms();
      auto summary = device.sync();
      if (!summary.ok()) throw BenchError("sync " + std::to_string(round + 1) + ": " + summary.status().to_string());
      result.sync_ms[round] = now_ms() - start;
      result.requests[round] = summary->requests;
      result.ops_sent += summary->ops_sent;
      result.changesets_sent += summary->changesets_sent;
      result.rejected += static_cast<int64_t>(summary->rejected.size() + summary->refused_changesets.size());
    }
    auto unacked = device.unacked_changesets();
    if (!unacked.ok()) throw BenchError("outbox: " + unacked.status().to_string());
    result.unacked_after = *unacked;
    result.ok = true;
  } catch (const std::exception& e) {
    result.error = "device " + std::to_string(plan.index) + ": " + e.what();
  }
  return result;
}

}  // namespace nastavnik::bench
