#include "client/model/record_changes.h"

namespace nastavnik::model {

nlohmann::json record_changes(const nlohmann::json& base, const nlohmann::json& edited) {
  nlohmann::json out = nlohmann::json::object();
  if (!base.is_object() || !edited.is_object()) return out;
  for (const auto& [field, value] : edited.items()) {
    auto before = base.find(field);
    if (before == base.end() || *before != value) out[field] = value;
  }
  for (const auto& [field, value] : base.items())
    if (!edited.contains(field) && !value.is_null()) out[field] = nullptr;
  return out;
}

}  // namespace nastavnik::model
