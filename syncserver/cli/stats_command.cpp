// `stats --store ADDRESS [--json]`: a quick look at the store: devices, changesets and ops
// received, open conflicts, and live records per entity.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "syncserver/cli/commands.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/cli/text_table.h"

namespace nastavnik::server::cli {
namespace {

using nlohmann::json;

CommandStatus run_stats(const StoreChoice& store_path, bool as_json) {
  if (CommandStatus s = require_store(store_path); !s.ok()) return s;
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(store_path));
  NASTAVNIK_ASSIGN_OR_RETURN(StoreStats stats, store->stats());
  if (as_json) {
    json records = json::object();
    for (const auto& [entity, count] : stats.records_by_entity) records[entity] = count;
    std::cout << json{{"devices", {{"total", stats.devices}, {"active", stats.active_devices}}},
                      {"changesets", stats.changesets},
                      {"ops", stats.ops},
                      {"conflicts", stats.conflicts},
                      {"records", records}}
                     .dump(2, ' ', false, json::error_handler_t::replace)
              << "\n";
    return Status::Ok();
  }
  std::cout << "devices      " << stats.devices << " (" << stats.active_devices << " active)\n"
            << "changesets   " << stats.changesets << "\n"
            << "ops          " << stats.ops << "\n"
            << "conflicts    " << stats.conflicts << "\n\n";
  TextTable table({"ENTITY", "RECORDS"});
  for (const auto& [entity, count] : stats.records_by_entity) table.add_row({entity, std::to_string(count)});
  if (table.empty())
    std::cout << "no records yet: import a registry with `nastavnik-server import-registry`\n";
  else
    table.print(std::cout);
  return Status::Ok();
}

}  // namespace

void add_stats_command(CLI::App& root, Commands& out) {
  struct Options {
    StoreChoice store;
    bool json = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = add_command(root, "stats", "Show counts of devices, changesets, ops, conflicts and records",
                              "  nastavnik-server stats --store central.db\n"
                              "  nastavnik-server stats --store central.db --json\n");
  add_store_option(cmd, opts->store);
  cmd->add_flag("--json", opts->json, "Print JSON instead of text");
  out.push_back({cmd, [opts] { return run_stats(opts->store, opts->json); }});
}

}  // namespace nastavnik::server::cli
