#pragma once
// Names for command output: the methodologist recognises people, not UUIDs.

#include <optional>
#include <string>

#include "syncserver/store/central_store.h"

namespace nastavnik::server::cli {

// The person's full name from the registry (registry_person_name, device_directory.h), or
// "(unknown person <id>)" when the registry does not hold them (deleted, never imported).
std::string person_name(CentralStore& store, const std::string& person_id);
// `name` when known, else "(unknown person <id>)".
std::string person_label(const std::optional<std::string>& name, const std::string& person_id);

}  // namespace nastavnik::server::cli
