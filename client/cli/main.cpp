// nastavnik-cli: the headless client. Setup and dispatch only; each command lives in its
// own file (see commands.h), and every failure ends as one line on stderr.

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include <sys/stat.h>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/utf8_text.h"
#include "shared/assets_dir.h"
#include "shared/core/control_characters.h"
#include "shared/crypto/sodium.h"

namespace {

constexpr const char* kProgram = "nastavnik-cli";

int fail(const std::string& reason, nastavnik::cli::ExitCode code) {
  std::cerr << kProgram << ": " << nastavnik::cli::one_line(reason) << std::endl;
  return static_cast<int>(code);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nastavnik;
  using namespace nastavnik::cli;
  // Files this program creates (replica, WAL, key, exports) are the user's alone.
  ::umask(077);
  // Record text comes from other people's devices: it is printed, never obeyed.
  EscapeControlCharacters safe_out(std::cout), safe_err(std::cerr);

  const std::string lang = language_from_args(argc, argv);
  if (!is_known_language(lang))
    return fail("unknown language '" + lang + "': use --lang ru or --lang en", ExitCode::kUsage);
  auto catalog = Catalog::load(assets_dir() / "i18n", lang);
  if (!catalog.ok()) return fail(catalog.status().message() + " (set NASTAVNIK_ASSETS)", ExitCode::kFailure);
  if (Status s = crypto::ensure_initialised(); !s.ok()) return fail(s.message(), ExitCode::kFailure);

  CliContext ctx(std::move(catalog).value(), std::cout, std::cerr);
  CLI::App app(ctx.tr("cli.help.root"), kProgram);
  app.fallthrough();  // global options after the subcommand name; inherited by subcommands
  app.require_subcommand(1);
  app.footer("\n" + ctx.tr("cli.examples.root"));
  add_global_options(app, ctx);

  Commands commands;
  add_init_status_commands(app, ctx, commands);
  add_record_commands(app, ctx, commands);
  add_list_show_commands(app, ctx, commands);
  add_history_command(app, ctx, commands);
  add_pending_command(app, ctx, commands);
  add_export_command(app, ctx, commands);
  add_bundle_commands(app, ctx, commands);
  add_handover_commands(app, ctx, commands);
  add_report_command(app, ctx, commands);
  add_import_registry_command(app, ctx, commands);
  add_instruments_command(app, ctx, commands);
  add_sync_commands(app, ctx, commands);
  add_schema_command(app, ctx, commands);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help
    return fail(e.what(), ExitCode::kUsage);
  }

  for (const Command& command : commands) {
    if (!command.app->parsed()) continue;
    ExitStatus status;
    try {
      status = command.run();
    } catch (const std::exception& e) {
      // Last resort: a library threw where it should not have. Still one line, exit 1.
      return fail(ctx.format("cli.error.internal", {{"detail", e.what()}}), ExitCode::kFailure);
    }
    std::cout.flush();
    if (!status.ok()) return fail(status.reason(ctx.catalog()), static_cast<ExitCode>(status.exit_code()));
    return 0;
  }
  return fail(ctx.tr("cli.error.no_command"), ExitCode::kUsage);
}
