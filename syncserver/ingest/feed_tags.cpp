#include "syncserver/ingest/feed_tags.h"

#include <algorithm>

#include "shared/crypto/sodium.h"

namespace nastavnik::server::feed_tags {

using nlohmann::json;

std::string member(ScopeSet set, const std::string& value) {
  if (set == ScopeSet::kEveryone) return kEveryone;
  return std::string(scope_set_name(set)) + ":" + value;
}

static void add_values(std::vector<std::string>& tags, ScopeSet set, const json& value) {
  if (value.is_string() && !value.get<std::string>().empty()) tags.push_back(member(set, value.get<std::string>()));
  if (value.is_array())
    for (const auto& element : value) add_values(tags, set, element);
}

std::vector<std::string> of_record(const EntitySchema& entity, const std::string& id, const json& record) {
  std::vector<std::string> tags;
  if (record.is_object() && record.contains(kCreatedByField)) add_values(tags, ScopeSet::kMe, record[kCreatedByField]);
  for (const ReadRule& rule : entity.read_rules) {
    if (rule.in == ScopeSet::kEveryone) tags.push_back(kEveryone);
    else if (rule.field.empty()) tags.push_back(member(rule.in, id));
    else if (record.is_object() && record.contains(rule.field)) add_values(tags, rule.in, record[rule.field]);
  }
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

std::string policy_fingerprint() {
  json rules = {{"tag_format", 1}};
  for (const auto& e : DomainSchema::instance().entities()) {
    json list = json::array();
    for (const ReadRule& r : e.read_rules) list.push_back({r.field, scope_set_name(r.in)});
    rules[e.name] = list;
  }
  return crypto::hash_hex(rules.dump()).substr(0, 32);
}

}  // namespace nastavnik::server::feed_tags
