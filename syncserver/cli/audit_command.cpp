// `audit verify --store ADDRESS`: re-verifies every changeset the store keeps (signature,
// stored hash, each device's chain up to its head; admin/audit.h) and lists every break.
// Exit 0 when the archive is intact, 1 when anything is broken. Reads only.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "syncserver/admin/audit.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/cli/text_table.h"

namespace nastavnik::server::cli {
namespace {

CommandStatus run_verify(const StoreChoice& choice) {
  if (CommandStatus s = require_store(choice); !s.ok()) return s;
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(choice));
  NASTAVNIK_ASSIGN_OR_RETURN(auto key, open_server_key(choice));
  NASTAVNIK_ASSIGN_OR_RETURN(AuditReport report, verify_store(*store, key, [](int64_t checked) {
    std::cerr << "checked " << checked << " changesets…\n";
  }));
  std::cout << report.changesets << " changesets of " << report.devices << " signers checked ("
            << report.server_changesets << " registry imports signed by the server)\n";
  if (report.breaks.empty()) {
    std::cout << "every signature and chain verifies\n";
    return Status::Ok();
  }
  TextTable table({"DEVICE", "CHANGESET", "PROBLEM"});
  for (const auto& b : report.breaks) table.add_row({b.device, std::to_string(b.seq), b.problem});
  table.print(std::cout);
  return CommandStatus::Failure(std::to_string(report.breaks.size()) +
                                " break(s) in the audit trail, listed above: restore the store from a backup "
                                "taken before them, or keep this list as evidence");
}

}  // namespace

void add_audit_command(CLI::App& root, Commands& out) {
  CLI::App* audit = root.add_subcommand("audit", "Check the audit trail: every stored changeset's signature and chain");
  audit->require_subcommand(1);
  auto store = std::make_shared<StoreChoice>();
  CLI::App* verify = add_command(*audit, "verify",
                                 "Re-verify every stored changeset's signature and each device's chain; list any break",
                                 "  nastavnik-server audit verify --store central.db\n");
  add_store_option(verify, *store);
  out.push_back({verify, [store] { return run_verify(*store); }});
}

}  // namespace nastavnik::server::cli
