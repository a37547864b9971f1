#include "syncserver/ingest/registry_snapshot.h"

namespace nastavnik::server {

RegistrySnapshot::RegistrySnapshot(const std::vector<Record>& records) {
  for (const auto& r : records) {
    if (r.deleted) continue;
    if (r.entity == "person") people_[r.id] = r.data;
    else if (r.entity == "pair") pairs_[r.id] = r.data;
    else if (r.entity == "assignment") assignments_[r.id] = r.data;
  }
}

const nlohmann::json* RegistrySnapshot::person(const std::string& id) const {
  auto it = people_.find(id);
  return it == people_.end() ? nullptr : &it->second;
}

}  // namespace nastavnik::server
