#include "shared/domain/registry_file.h"

#include <fstream>
#include <set>

#include "shared/core/ids.h"
#include "shared/domain/schema.h"

namespace nastavnik {

Result<RegistryFile> read_registry_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::error_code ec;
  // A folder opens like a file, and reading it would throw from inside the JSON parser.
  if (std::filesystem::is_directory(path, ec))
    return Status::NotFound("cannot read " + path.string() + ": it is a folder");
  if (!in) return Status::NotFound("cannot read " + path.string());
  auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded()) return Status::InvalidArgument(path.string() + " is not valid JSON");
  auto parsed = parse_registry(doc);
  if (!parsed.ok()) return parsed.status().with_context(path.string());
  return parsed;
}

Result<RegistryFile> parse_registry(const nlohmann::json& doc) {
  if (!doc.is_object() || !doc.contains("format") || doc["format"] != "nastavnik-registry")
    return Status::InvalidArgument("not a registry file (\"format\" must be \"nastavnik-registry\")");
  if (!doc.contains("version") || doc["version"] != 1)
    return Status::InvalidArgument("registry file version " + doc.value("version", nlohmann::json()).dump() +
                                   " is not supported (expected 1)");
  if (!doc.contains("records") || !doc["records"].is_array())
    return Status::InvalidArgument("a registry file needs a \"records\" list");
  RegistryFile file;
  std::set<std::string> ids;
  const auto& records = doc["records"];
  for (size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    const std::string where = "record " + std::to_string(i + 1);
    if (!r.is_object() || !r.contains("entity") || !r["entity"].is_string() || !r.contains("id") ||
        !r["id"].is_string() || !r.contains("fields") || !r["fields"].is_object())
      return Status::InvalidArgument(where + " needs \"entity\", \"id\" and \"fields\"");
    RegistryEntry e{r["entity"].get<std::string>(), r["id"].get<std::string>(), r["fields"]};
    const EntitySchema* entity = DomainSchema::instance().entity(e.entity);
    if (!entity) return Status::InvalidArgument(where + ": unknown kind of record '" + e.entity + "'");
    if (!is_record_id(e.id)) return Status::InvalidArgument(where + ": '" + e.id + "' is not a record id (UUID)");
    if (!ids.insert(e.id).second) return Status::InvalidArgument(where + ": id " + e.id + " appears twice");
    if (e.fields.contains(kCreatedByField))
      return Status::InvalidArgument(where + ": created_by is set by the program, not by the file");
    for (auto& err : validate_record(*entity, e.fields)) file.errors.emplace_back(i, std::move(err));
    file.entries.push_back(std::move(e));
  }
  return file;
}

}  // namespace nastavnik
