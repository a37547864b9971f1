// `bundle export FILE` and `bundle import FILE`: work carried on a USB stick or through a
// mentor's laptop (client/sync/courier.h). Export writes this laptop's pending work and a
// request for what it should receive, with whatever it carries for others; import takes the
// answers meant for this laptop and keeps the rest to carry on.

#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>
#include <sstream>

#include "client/cli/atomic_file.h"
#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/output_path.h"
#include "client/cli/record_text.h"
#include "client/sync/courier.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

ExitStatus run_bundle_export(CliContext& ctx, const std::string& path, bool carried_only, bool force, bool as_json) {
  if (ExitStatus s = check_output_path(ctx, path, force); !s.ok()) return s;
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  Courier courier(*replica->store, replica->key);
  NASTAVNIK_ASSIGN_OR_RETURN(BundleContents contents, courier.make_bundle(carried_only));
  if (contents.bundle.envelopes.empty()) return ExitStatus::Failure(ctx.tr("cli.bundle.nothing"));
  const std::string text = wire::encode_bundle(contents.bundle);
  NASTAVNIK_RETURN_IF_ERROR(write_file_atomically(path, text, force));
  if (as_json) {
    ctx.out() << dump_json({{"file", path}, {"bytes", text.size()}, {"own_request", contents.own_request},
                            {"changesets", contents.own_changesets}, {"ops", contents.own_ops},
                            {"carried", contents.carried}}, 2)
              << "\n";
    return Status::Ok();
  }
  ctx.out() << ctx.format("cli.bundle.written", {{"path", path},
                                                {"changesets", std::to_string(contents.own_changesets)},
                                                {"ops", std::to_string(contents.own_ops)},
                                                {"carried", std::to_string(contents.carried)}})
            << "\n";
  return Status::Ok();
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ExitStatus run_bundle_import(CliContext& ctx, const std::string& path, bool as_json) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(std::string text, read_file(path));
  Courier courier(*replica->store, replica->key);
  auto intake = courier.take_bundle(text);
  if (!intake.ok()) return ExitStatus::Failure(ctx.format("cli.bundle.unreadable", {{"path", path}, {"detail", intake.status().message()}}));
  const BundleIntake& in = *intake;
  NASTAVNIK_ASSIGN_OR_RETURN(const replica::OutboxBacklog backlog, replica->store->outbox().backlog());
  if (as_json) {
    ctx.out() << dump_json({{"answers", in.answers}, {"repeated_answers", in.repeated_answers},
                            {"kept_to_carry", in.kept_to_carry}, {"already_carried", in.already_carried},
                            {"own_envelopes", in.own_envelopes}, {"refused", in.refused},
                            {"changesets_delivered", in.summary.changesets_sent},
                            {"ops_received", in.summary.ops_received}, {"more_to_pull", in.summary.more_to_pull},
                            {"unacked_changesets", backlog.unacked_changesets}}, 2)
              << "\n";
  } else {
    std::ostream& out = ctx.out();
    out << ctx.format("cli.bundle.taken", {{"answers", std::to_string(in.answers + in.repeated_answers)},
                                           {"delivered", std::to_string(in.summary.changesets_sent)},
                                           {"received", std::to_string(in.summary.ops_received)},
                                           {"carry", std::to_string(in.kept_to_carry)}})
        << "\n";
    if (in.repeated_answers > 0) out << ctx.format("cli.bundle.repeated", {{"count", std::to_string(in.repeated_answers)}}) << "\n";
    if (backlog.unacked_changesets > 0)
      out << ctx.format("cli.bundle.still_pending", {{"count", std::to_string(backlog.unacked_changesets)}}) << "\n";
    if (in.summary.more_to_pull) out << ctx.tr("cli.bundle.more") << "\n";
    for (const auto& r : in.summary.rejected)
      out << "  " << ctx.format("cli.sync.rejected_op", {{"op", r.hlc.substr(0, 17)}, {"reason", r.message}}) << "\n";
    for (const auto& r : in.refused) out << "  " << ctx.format("cli.bundle.refused", {{"reason", r}}) << "\n";
  }
  if (!in.refused.empty() && in.answers + in.repeated_answers + in.kept_to_carry + in.already_carried == 0)
    return ExitStatus::Failure(ctx.format("cli.bundle.nothing_taken", {{"path", path}}));
  return Status::Ok();
}

}  // namespace

void add_bundle_commands(CLI::App& root, CliContext& ctx, Commands& out) {
  CLI::App* bundle = add_command(root, "bundle", "bundle", ctx);
  bundle->require_subcommand(1);
  struct ExportOptions {
    std::string path;
    bool carried_only = false, force = false, as_json = false;
  };
  auto e = std::make_shared<ExportOptions>();
  CLI::App* ex = add_command(*bundle, "export", "bundle_export", ctx);
  ex->add_option("file", e->path, ctx.tr("cli.opt.bundle_file"))->required()->type_name("FILE");
  ex->add_flag("--carried-only", e->carried_only, ctx.tr("cli.opt.carried_only"));
  ex->add_flag("--force", e->force, ctx.tr("cli.opt.force"));
  ex->add_flag("--json", e->as_json, ctx.tr("cli.opt.json"));
  out.push_back({ex, [&ctx, e] { return run_bundle_export(ctx, e->path, e->carried_only, e->force, e->as_json); }});

  auto path = std::make_shared<std::string>();
  auto as_json = std::make_shared<bool>(false);
  CLI::App* im = add_command(*bundle, "import", "bundle_import", ctx);
  im->add_option("file", *path, ctx.tr("cli.opt.bundle_file"))->required()->check(CLI::ExistingFile)->type_name("FILE");
  im->add_flag("--json", *as_json, ctx.tr("cli.opt.json"));
  out.push_back({im, [&ctx, path, as_json] { return run_bundle_import(ctx, *path, *as_json); }});
}

}  // namespace nastavnik::cli
