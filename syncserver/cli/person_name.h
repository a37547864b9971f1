#pragma once
// Names for command output: the methodologist recognises people, not UUIDs.

#include <string>

#include "syncserver/store/central_store.h"

namespace nastavnik::server::cli {

// The person's full name from the registry, or "(unknown person <id>)" when the registry
// does not hold them (deleted, or never imported).
std::string person_name(CentralStore& store, const std::string& person_id);

}  // namespace nastavnik::server::cli
