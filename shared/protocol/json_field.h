#pragma once
// Reading one field of a protocol JSON document with a clear error: the documents come from
// the other side of the wire, so a missing key or a wrong type names the key.

#include <string>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"

namespace nastavnik::wire {

// Reads a JSON value of the expected kind, or fails with the key's name.
template <typename T>
Status read_field(const nlohmann::json& j, const char* key, T& out) {
  if (!j.contains(key)) return Status::Corruption(std::string("missing '") + key + "'");
  try {
    out = j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    return Status::Corruption(std::string("'") + key + "' has the wrong type");
  }
  return Status::Ok();
}

}  // namespace nastavnik::wire
