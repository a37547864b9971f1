// `pending`: what this device has not yet handed to the server: local ops not yet sealed
// into a changeset (per kind), sealed changesets the server has not acknowledged, ops held
// back as untrusted, and open conflicts.

#include <CLI/CLI.hpp>
#include <memory>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/record_text.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

ExitStatus run_pending(CliContext& ctx, bool as_json) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  const LocalStore& store = *replica->store;
  NASTAVNIK_ASSIGN_OR_RETURN(PendingSummary p, store.outbox().pending());
  NASTAVNIK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> unacked, store.outbox().unacked());
  const auto& by_entity = p.unsealed_by_entity;
  if (as_json) {
    json j{{"unsealed_ops", p.unsealed_ops},      {"unsealed_by_entity", json::object()},
           {"unacked_changesets", json::array()}, {"ops_in_unacked", p.ops_in_unacked},
           {"flagged_ops", p.flagged_ops},        {"open_conflicts", p.open_conflicts}};
    for (const auto& [entity, n] : by_entity) j["unsealed_by_entity"][entity] = n;
    for (const auto& e : unacked)
      j["unacked_changesets"].push_back({{"seq", e.seq}, {"ops", e.op_count}, {"created_ms", e.created_ms}});
    ctx.out() << dump_json(j, 2) << "\n";
    return Status::Ok();
  }
  std::ostream& out = ctx.out();
  out << ctx.format("cli.pending.unsealed", {{"count", std::to_string(p.unsealed_ops)}}) << "\n";
  for (const auto& [entity, n] : by_entity) out << "  " << ctx.tr("entity." + entity) << ": " << n << "\n";
  out << ctx.format("cli.pending.unacked", {{"count", std::to_string(p.unacked_changesets)},
                                            {"ops", std::to_string(p.ops_in_unacked)}})
      << "\n";
  for (const auto& e : unacked)
    out << "  "
        << ctx.format("cli.pending.changeset",
                      {{"seq", std::to_string(e.seq)}, {"ops", std::to_string(e.op_count)}})
        << "\n";
  out << ctx.format("cli.pending.flagged", {{"count", std::to_string(p.flagged_ops)}}) << "\n"
      << ctx.format("cli.pending.conflicts", {{"count", std::to_string(p.open_conflicts)}}) << "\n";
  return Status::Ok();
}

}  // namespace

void add_pending_command(CLI::App& root, CliContext& ctx, Commands& out) {
  auto as_json = std::make_shared<bool>(false);
  CLI::App* cmd = add_command(root, "pending", "pending", ctx);
  cmd->add_flag("--json", *as_json, ctx.tr("cli.opt.json"));
  out.push_back({cmd, [&ctx, as_json] { return run_pending(ctx, *as_json); }});
}

}  // namespace nastavnik::cli
