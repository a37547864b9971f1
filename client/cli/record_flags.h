#pragma once
// Command-line flags for record fields, generated from the domain schema: field
// `duration_min` becomes `--duration-min`. Set fields are repeatable (`--mentees A
// --mentees B`, the list replaces the set), booleans take true/false, numbers are parsed
// strictly, object fields (`--scores`, `--answers`) take JSON text. `created_by` is never a
// flag: the store sets it.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "shared/core/status.h"
#include "shared/domain/schema.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace nastavnik {
class Catalog;
}

namespace nastavnik::cli {

struct RecordFlagOptions {
  std::set<std::string> skip;                      // fields that get no flag
  std::map<std::string, std::string> extra_names;  // field -> further names, e.g. "--instrument"
  // field -> catalog key of the note that replaces "required" in --help, for fields the
  // command fills in itself (the date, the author, the instrument version)
  std::map<std::string, std::string> defaults;
};

class RecordFlags {
 public:
  // Adds a flag for every field of `entities` to `cmd`. With several entities (the generic
  // `record` group) a field name shared by several entities is a single flag, interpreted
  // by the schema of the entity chosen at run time.
  RecordFlags(CLI::App& cmd, const std::vector<const EntitySchema*>& entities, const Catalog& catalog,
              const RecordFlagOptions& options = {});
  RecordFlags(const RecordFlags&) = delete;
  RecordFlags& operator=(const RecordFlags&) = delete;

  bool any_given() const;
  // The given flags as typed field values for `entity` (sets as lists). InvalidArgument with
  // a translated message for a value that cannot be parsed or a flag that is not a field
  // of `entity`; callers report it as a usage error.
  Result<nlohmann::json> values(const EntitySchema& entity, const Catalog& catalog) const;

 private:
  struct Flag {
    std::string field;
    std::vector<std::string> raw;
    CLI::Option* option = nullptr;
  };
  std::vector<std::unique_ptr<Flag>> flags_;
};

// "--duration-min" for "duration_min".
std::string flag_for_field(const std::string& field);
// "duration_min" for "duration_min", "duration-min" or "--duration-min".
std::string field_for_flag(const std::string& text);

// Parses one command-line value for `field` (a single element for set fields).
// InvalidArgument with a translated message naming `flag` on failure.
Result<nlohmann::json> parse_field_text(const FieldSchema& field, const std::string& flag,
                                        const std::string& text, const Catalog& catalog);

}  // namespace nastavnik::cli
