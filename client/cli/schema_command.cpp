// `schema`: the domain schema as docs/PROTOCOL.md §3.1 prints it (Markdown), or as JSON, for
// people writing another client and for the test that keeps the document current.

#include <CLI/CLI.hpp>
#include <memory>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/record_text.h"
#include "shared/domain/schema_reference.h"

namespace nastavnik::cli {

void add_schema_command(CLI::App& root, CliContext& ctx, Commands& out) {
  auto as_json = std::make_shared<bool>(false), markdown = std::make_shared<bool>(false);
  CLI::App* cmd = add_command(root, "schema", "schema", ctx);
  cmd->add_flag("--markdown", *markdown, ctx.tr("cli.opt.markdown"));
  cmd->add_flag("--json", *as_json, ctx.tr("cli.opt.json"))->excludes("--markdown");
  // The flags' storage lives as long as the command's closure (CLI11 writes to it at parse).
  out.push_back({cmd, [&ctx, as_json, markdown] {
                   if (*as_json) ctx.out() << dump_json(schema_json(), 2) << "\n";
                   else ctx.out() << schema_markdown();
                   return ExitStatus(Status::Ok());
                 }});
}

}  // namespace nastavnik::cli
