#include <CLI/CLI.hpp>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"

namespace nastavnik::cli {

void add_global_options(CLI::App& root, CliContext& ctx) {
  root.add_option("--data", ctx.options().data_dir, ctx.tr("cli.opt.data"))->type_name("DIR");
  root.add_option("--lang", ctx.options().lang, ctx.tr("cli.opt.lang"))->type_name("ru|en");
  restrict_to(root.get_option("--lang"), {"ru", "en"});
}

void restrict_to(CLI::Option* option, const std::vector<std::string>& allowed) {
  option->check(CLI::IsMember(allowed).description(""));
}

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& key, CliContext& ctx) {
  CLI::App* cmd = parent.add_subcommand(name, ctx.tr("cli.help." + key));
  std::string footer;
  if (ctx.catalog().has("cli.examples." + key)) footer = "\n" + ctx.tr("cli.examples." + key) + "\n";
  footer += "\n" + ctx.tr("cli.help.global_options");
  cmd->footer(footer);
  return cmd;
}

}  // namespace nastavnik::cli
