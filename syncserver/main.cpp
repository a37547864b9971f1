// nastavnik-server: the sync server and the methodologist's administration commands.
// Parsing and dispatch only; each command lives in its own file under cli/, and every
// failure ends as one line on stderr: "nastavnik-server: <reason>".

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include <sys/stat.h>

#include "shared/core/control_characters.h"
#include "shared/crypto/sodium.h"
#include "syncserver/cli/commands.h"

namespace {

using nastavnik::server::cli::ExitCode;

int fail(const std::string& reason, ExitCode code) {
  std::cout.flush();
  std::cerr << nastavnik::server::cli::kProgram << ": " << reason << std::endl;
  return static_cast<int>(code);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nastavnik::server::cli;
  // The store, its WAL and the key files are the service user's alone.
  ::umask(077);
  // Device names and registry text are printed, never obeyed by the terminal.
  nastavnik::EscapeControlCharacters safe_out(std::cout), safe_err(std::cerr);

  CLI::App app("The Nastavnik sync server and its administration commands", kProgram);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  nastavnik-server init --store central.db\n"
      "  nastavnik-server import-registry registry.json --store central.db\n"
      "  nastavnik-server enroll-code --store central.db --person <id> --role tutor\n"
      "  nastavnik-server serve --store central.db --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key "
      "key.pem\n"
      "  nastavnik-server migrate-store --from sqlite:central.db --to postgresql://nastavnik@db/nastavnik\n"
      "Every command takes --store ADDRESS (PATH, sqlite:PATH or postgresql://...) or reads $NASTAVNIK_STORE,\n"
      "and --server-key FILE when the key is not next to a SQLite store. See docs/OPERATIONS.md.");

  Commands commands;
  add_init_command(app, commands);
  add_import_registry_command(app, commands);
  add_enroll_code_command(app, commands);
  add_devices_command(app, commands);
  add_revoke_command(app, commands);
  add_stats_command(app, commands);
  add_compact_command(app, commands);
  add_archive_command(app, commands);
  add_import_bundle_command(app, commands);
  add_audit_command(app, commands);
  add_migrate_store_command(app, commands);
  add_serve_command(app, commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help
    return fail(e.what(), ExitCode::kUsage);
  }
  if (nastavnik::Status s = nastavnik::crypto::ensure_initialised(); !s.ok())
    return fail(s.message(), ExitCode::kFailure);

  for (const Command& command : commands) {
    if (!command.app->parsed()) continue;
    CommandStatus status;
    try {
      status = command.run();
    } catch (const std::exception& e) {
      // Last resort: a library threw where it should not have. Still one line, exit 1.
      return fail(std::string("internal error: ") + e.what(), ExitCode::kFailure);
    }
    std::cout.flush();
    if (!status.ok()) return fail(status.reason(), status.code());
    return 0;
  }
  return fail("no command given: see --help", ExitCode::kUsage);
}
