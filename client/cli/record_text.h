#pragma once
// Records as text: the JSON shape of `list --json` / `export --format json`, plain values
// for CSV, and labelled values for people (`show`, tables), where enum values become their
// labels and record ids become the names of the records they point to.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "shared/domain/schema.h"
#include "shared/records/record.h"
#include "shared/sqlite/record_reader.h"

namespace nastavnik {
class Catalog;
}

namespace nastavnik::cli {

// {"id", "entity", "deleted", "fields": {...}}.
nlohmann::json record_to_json(const Record& record);

// A value as machine text: strings as they are, sets joined with "; ", objects as compact
// JSON, numbers and booleans as JSON writes them, null as "".
std::string plain_value(const nlohmann::json& value);

// JSON text that never throws on bad UTF-8 (replaced), for output of stored data.
std::string dump_json(const nlohmann::json& value, int indent = -1);

// Names of referenced records, looked up in the replica and remembered.
class RecordNames {
 public:
  explicit RecordNames(const replica::ReplicaReader& reader) : reader_(reader) {}
  // The referenced record's title (a school's short name, a person's full name, ...), or
  // "" when the replica does not hold it.
  std::string name(const std::string& id);
  // "Name (1a2b3c4d)" when known, the id itself otherwise.
  std::string describe(const std::string& id);

 private:
  const replica::ReplicaReader& reader_;
  std::map<std::string, std::string> cache_;
};

// A field value for people: enum labels, "yes"/"no", names for ids, lists joined "; ".
// `short_refs`: unknown ids shown as short ids (tables) instead of full ids (show).
std::string display_value(const EntitySchema& entity, const std::string& field, const nlohmann::json& value,
                          const Catalog& catalog, RecordNames& names, bool short_refs);

}  // namespace nastavnik::cli
