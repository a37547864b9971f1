#pragma once
// The CLI's commands. Each add_* function adds its subcommands to the root app and, for
// every leaf command, a Command whose run() does the work once the command line has been
// parsed. Options are bound to state owned by those run() closures.

#include <functional>
#include <string>
#include <vector>

#include "client/cli/exit_status.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace nastavnik::cli {

class CliContext;

struct Command {
  CLI::App* app = nullptr;
  std::function<ExitStatus()> run;
};
using Commands = std::vector<Command>;

// --data and --lang on the root app; with fallthrough they are accepted after any
// subcommand name too.
void add_global_options(CLI::App& root, CliContext& ctx);

// A subcommand described by catalog keys: "cli.help.<key>" (one line) and
// "cli.examples.<key>" (the footer, followed by a note on the global options).
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& key, CliContext& ctx);

// Refuses values of `option` outside `allowed` (a usage error naming them); the allowed
// values are shown by the option's own type name, so CLI11 does not repeat them.
void restrict_to(CLI::Option* option, const std::vector<std::string>& allowed);

void add_init_status_commands(CLI::App& root, CliContext& ctx, Commands& out);  // init, status
void add_record_commands(CLI::App& root, CliContext& ctx,
                         Commands& out);  // session, visit, assessment, record
void add_list_show_commands(CLI::App& root, CliContext& ctx, Commands& out);       // list, show
void add_history_command(CLI::App& root, CliContext& ctx, Commands& out);          // history
void add_pending_command(CLI::App& root, CliContext& ctx, Commands& out);          // pending
// What is pending and the sync budget; `dry_run`: as `sync --dry-run` (says nothing was sent).
ExitStatus run_pending(CliContext& ctx, bool as_json, bool dry_run);
void add_export_command(CLI::App& root, CliContext& ctx, Commands& out);           // export
void add_import_registry_command(CLI::App& root, CliContext& ctx, Commands& out);  // import-registry
void add_instruments_command(CLI::App& root, CliContext& ctx, Commands& out);      // instruments
void add_sync_commands(CLI::App& root, CliContext& ctx, Commands& out);  // enroll, sync, resend, conflicts, rejections
void add_bundle_commands(CLI::App& root, CliContext& ctx, Commands& out);         // bundle export | import
void add_handover_commands(CLI::App& root, CliContext& ctx, Commands& out);       // handover export | import
void add_schema_command(CLI::App& root, CliContext& ctx, Commands& out);          // schema
void add_report_command(CLI::App& root, CliContext& ctx, Commands& out);          // report

}  // namespace nastavnik::cli
