#include "tests/support/registry_copies.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace nastavnik::testing {
namespace {

using nlohmann::json;

// Replaces every string that is an id of the registry (alone or in a list) by its copy.
json follow_ids(const json& value, const std::map<std::string, std::string>& ids) {
  if (value.is_string()) {
    auto it = ids.find(value.get<std::string>());
    return it == ids.end() ? value : json(it->second);
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& e : value) out.push_back(follow_ids(e, ids));
    return out;
  }
  return value;
}

}  // namespace

std::string id_in_copy(const std::string& id, int copy) {
  char head[9];
  std::snprintf(head, sizeof head, "%08x", static_cast<unsigned>(copy));
  return std::string(head) + id.substr(8);
}

void write_registry_copies(const std::filesystem::path& source, int copies, const std::filesystem::path& target) {
  std::ifstream in(source, std::ios::binary);
  json registry = json::parse(in, nullptr, false);
  if (!registry.is_object() || !registry.contains("records")) throw std::runtime_error("cannot read " + source.string());
  const json originals = registry["records"];
  for (int copy = 1; copy < copies; ++copy) {
    std::map<std::string, std::string> ids;
    for (const auto& r : originals)
      if (r.value("entity", "") != "municipality") ids[r.value("id", "")] = id_in_copy(r.value("id", ""), copy);
    for (const auto& r : originals) {
      if (r.value("entity", "") == "municipality") continue;
      json c = r;
      c["id"] = ids.at(r.value("id", ""));
      for (auto& [field, value] : c["fields"].items()) value = follow_ids(value, ids);
      registry["records"].push_back(std::move(c));
    }
  }
  std::ofstream out(target, std::ios::binary);
  out << registry.dump(1);
  if (!out) throw std::runtime_error("cannot write " + target.string());
}

}  // namespace nastavnik::testing
