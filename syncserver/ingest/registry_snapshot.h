#pragma once
// The registry (people, pairs, assignments) as one consistent in-memory view, taken per
// request: role scopes are computed from it.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/records/record.h"

namespace nastavnik::server {

class RegistrySnapshot {
 public:
  explicit RegistrySnapshot(const std::vector<Record>& registry_records);

  const nlohmann::json* person(const std::string& id) const;
  const std::map<std::string, nlohmann::json>& people() const { return people_; }
  const std::map<std::string, nlohmann::json>& pairs() const { return pairs_; }
  const std::map<std::string, nlohmann::json>& assignments() const { return assignments_; }

 private:
  std::map<std::string, nlohmann::json> people_, pairs_, assignments_;
};

}  // namespace nastavnik::server
