#pragma once
// Registry files ("nastavnik-registry", version 1): municipality, schools, people, pairs,
// assignments and roadmap events with fixed ids, as in assets/demo/volosovo.json. Both the
// server (import-registry) and the offline CLI read them through this parser.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/domain/validation.h"

namespace nastavnik {

struct RegistryEntry {
  std::string entity;
  std::string id;
  nlohmann::json fields;
};

struct RegistryFile {
  std::vector<RegistryEntry> entries;
  // Field errors of the entries, each naming the entry's position in "records".
  std::vector<std::pair<size_t, FieldError>> errors;
};

// Reads and checks the whole file. A Status error for an unreadable file or a wrong format;
// otherwise the entries and any field errors (the caller writes nothing if there are any).
Result<RegistryFile> read_registry_file(const std::filesystem::path& path);
Result<RegistryFile> parse_registry(const nlohmann::json& document);

}  // namespace nastavnik
