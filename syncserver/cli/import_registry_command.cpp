// `import-registry FILE --store ADDRESS`: writes a registry file (schools, people, pairs,
// assignments, roadmap) into the central store as server-stamped ops, so that it reaches
// devices with their next pull. The whole file is checked first: any field error is
// listed and nothing is written. Importing the same file again changes nothing.

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "shared/assets_dir.h"
#include "shared/domain/registry_file.h"
#include "shared/domain/schema.h"
#include "shared/i18n/catalog.h"
#include "syncserver/admin/registry_import.h"
#include "syncserver/admin/server_identity.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/cli/text_table.h"

namespace nastavnik::server::cli {
namespace {

// Field errors are rendered in English, like the rest of the server's output; without the
// catalog the message key alone is still printed.
Catalog message_catalog() {
  auto catalog = Catalog::load(assets_dir() / "i18n", "en");
  return catalog.ok() ? std::move(catalog).value() : Catalog();
}

CommandStatus report_field_errors(const std::string& path, const RegistryFile& file) {
  const Catalog catalog = message_catalog();
  std::set<size_t> records;
  for (const auto& [index, error] : file.errors) {
    records.insert(index);
    const std::string id = index < file.entries.size() ? ", id " + file.entries[index].id : "";
    std::cerr << "  record " << index + 1 << " (" << error.entity << "." << error.field << id
              << "): " << error.key << ": " << render_error(error, catalog) << "\n";
  }
  return CommandStatus::Failure(path + ": " + std::to_string(file.errors.size()) + " field error(s) in " +
                                std::to_string(records.size()) +
                                " record(s), listed above; nothing was imported");
}

void print_report(const ImportReport& report) {
  TextTable table({"ENTITY", "CREATED", "UPDATED", "UNCHANGED"});
  auto count = [](const std::map<std::string, int>& m, const std::string& entity) {
    auto it = m.find(entity);
    return std::to_string(it == m.end() ? 0 : it->second);
  };
  for (const auto& entity : DomainSchema::instance().entities()) {
    const std::string& e = entity.name;
    if (!report.created.count(e) && !report.updated.count(e) && !report.unchanged.count(e)) continue;
    table.add_row({e, count(report.created, e), count(report.updated, e), count(report.unchanged, e)});
  }
  table.print(std::cout);
}

CommandStatus run_import(const std::string& registry_path, const StoreChoice& store_path) {
  if (CommandStatus s = require_store(store_path); !s.ok()) return s;
  auto file = read_registry_file(registry_path);
  if (!file.ok()) {
    const std::string& why = file.status().message();
    return CommandStatus::Failure(why.find(registry_path) == std::string::npos ? registry_path + ": " + why
                                                                               : why);
  }
  if (!file->errors.empty()) return report_field_errors(registry_path, *file);

  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(store_path));
  NASTAVNIK_ASSIGN_OR_RETURN(auto key, open_server_key(store_path));
  NASTAVNIK_ASSIGN_OR_RETURN(auto clock, restore_server_clock(*store, key, system_wall_clock_ms));
  NASTAVNIK_ASSIGN_OR_RETURN(auto report, import_registry(*store, *file, clock, key, system_wall_clock_ms()));
  NASTAVNIK_RETURN_IF_ERROR(save_server_clock(*store, clock));
  print_report(report);
  std::cout << file->entries.size() << " records read from " << registry_path
            << "; devices receive the changes with their next sync\n";
  return Status::Ok();
}

}  // namespace

void add_import_registry_command(CLI::App& root, Commands& out) {
  struct Options {
    std::string registry;
    StoreChoice store;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd =
      add_command(root, "import-registry",
                  "Import a registry file (schools, people, pairs, assignments, roadmap) into the store",
                  "  nastavnik-server import-registry assets/demo/volosovo.json --store central.db\n"
                  "  NASTAVNIK_STORE=central.db nastavnik-server import-registry registry-2026.json\n");
  cmd->add_option("file", opts->registry, "A \"nastavnik-registry\" JSON file")
      ->required()
      ->type_name("FILE");
  add_store_option(cmd, opts->store);
  out.push_back({cmd, [opts] { return run_import(opts->registry, opts->store); }});
}

}  // namespace nastavnik::server::cli
