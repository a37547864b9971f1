#pragma once
// The subcommands of nastavnik-server, one file each (docs/OPERATIONS.md describes them
// for the methodologist). Each add_* function adds its subcommand to the root app and a
// Command to `out`.

#include "syncserver/cli/command.h"

namespace nastavnik::server::cli {

void add_init_command(CLI::App& root, Commands& out);             // init
void add_import_registry_command(CLI::App& root, Commands& out);  // import-registry
void add_enroll_code_command(CLI::App& root, Commands& out);      // enroll-code
void add_devices_command(CLI::App& root, Commands& out);          // devices
void add_revoke_command(CLI::App& root, Commands& out);           // revoke
void add_stats_command(CLI::App& root, Commands& out);            // stats
void add_compact_command(CLI::App& root, Commands& out);          // compact
void add_archive_command(CLI::App& root, Commands& out);          // archive export | prune
void add_import_bundle_command(CLI::App& root, Commands& out);    // import-bundle
void add_audit_command(CLI::App& root, Commands& out);            // audit verify
void add_migrate_store_command(CLI::App& root, Commands& out);    // migrate-store
void add_serve_command(CLI::App& root, Commands& out);            // serve

}  // namespace nastavnik::server::cli
