// `pending`: what this device has not yet handed to the server: local ops not yet sealed
// into a changeset (per kind), sealed changesets the server has not acknowledged, ops held
// back as untrusted, and open conflicts.

#include <CLI/CLI.hpp>
#include <memory>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/record_text.h"
#include "client/sync/sync_budget.h"
#include "client/sync/sync_engine.h"
#include "client/sync/sync_state.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

struct CourierLoad {
  replica::CarriedCount carried;
  int64_t unanswered = 0;
};

Result<CourierLoad> courier_load(const LocalStore& store) {
  CourierLoad load;
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(store));
  if (!state.enrolled()) return load;
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey server_key, state.server_key());
  NASTAVNIK_ASSIGN_OR_RETURN(load.carried, store.courier().count(crypto::key_id(server_key)));
  NASTAVNIK_ASSIGN_OR_RETURN(load.unanswered, store.courier().unanswered());
  return load;
}

json budget_json(const SyncBudget& b) {
  json j{{"bytes_to_send", b.pending.bytes_to_send}, {"requests", b.requests}, {"estimated_ms", b.estimated_ms}};
  if (b.last)
    j["last_sync"] = {{"at_ms", b.last->at_ms},           {"bytes_sent", b.last->bytes_sent},
                      {"bytes_received", b.last->bytes_received}, {"ops_received", b.last->ops_received},
                      {"bytes_per_s", b.last->bytes_per_s}, {"round_trip_ms", b.last->round_trip_ms}};
  return j;
}

std::string kilobytes(uint64_t bytes) { return std::to_string((bytes + 1023) / 1024); }

void print_budget(CliContext& ctx, const SyncBudget& b) {
  std::ostream& out = ctx.out();
  out << ctx.format("cli.budget.send", {{"kb", kilobytes(static_cast<uint64_t>(b.pending.bytes_to_send))},
                                        {"requests", std::to_string(b.requests)}})
      << "\n";
  if (!b.last) {
    out << ctx.tr("cli.budget.unmeasured") << "\n";
    return;
  }
  out << ctx.format("cli.budget.receive", {{"ops", std::to_string(b.last->ops_received)},
                                           {"kb", kilobytes(b.last->bytes_received)}})
      << "\n";
  out << ctx.format("cli.budget.estimate", {{"seconds", std::to_string((b.estimated_ms + 999) / 1000)},
                                            {"speed", std::to_string(b.last->bytes_per_s / 1024)},
                                            {"when", ctx.catalog().date_time(b.last->at_ms)}})
      << "\n";
}

}  // namespace

ExitStatus run_pending(CliContext& ctx, bool as_json, bool dry_run) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(const SyncBudget budget, sync_budget(*replica->store, SyncSettings{}.max_request_bytes));
  const LocalStore& store = *replica->store;
  NASTAVNIK_ASSIGN_OR_RETURN(PendingSummary p, store.outbox().pending());
  NASTAVNIK_ASSIGN_OR_RETURN(std::vector<OutboxEntry> unacked, store.outbox().unacked());
  const auto& by_entity = p.unsealed_by_entity;
  if (as_json) {
    json j{{"unsealed_ops", p.unsealed_ops},      {"unsealed_by_entity", json::object()},
           {"unacked_changesets", json::array()}, {"ops_in_unacked", p.ops_in_unacked},
           {"flagged_ops", p.flagged_ops},        {"open_conflicts", p.open_conflicts}};
    for (const auto& [entity, n] : by_entity) j["unsealed_by_entity"][entity] = n;
    NASTAVNIK_ASSIGN_OR_RETURN(const CourierLoad courier, courier_load(store));
    j["carried_for_server"] = courier.carried.for_server;
    j["carried_for_devices"] = courier.carried.for_devices;
    j["courier_requests_unanswered"] = courier.unanswered;
    j["budget"] = budget_json(budget);
    if (dry_run) j["dry_run"] = true;
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
  NASTAVNIK_ASSIGN_OR_RETURN(const CourierLoad courier, courier_load(store));
  if (courier.carried.for_server + courier.carried.for_devices > 0)
    out << ctx.format("cli.pending.carried", {{"server", std::to_string(courier.carried.for_server)},
                                              {"devices", std::to_string(courier.carried.for_devices)}})
        << "\n";
  if (courier.unanswered > 0)
    out << ctx.format("cli.pending.courier", {{"count", std::to_string(courier.unanswered)}}) << "\n";
  out << ctx.format("cli.pending.flagged", {{"count", std::to_string(p.flagged_ops)}}) << "\n"
      << ctx.format("cli.pending.conflicts", {{"count", std::to_string(p.open_conflicts)}}) << "\n";
  print_budget(ctx, budget);
  if (dry_run) out << ctx.tr("cli.sync.dry_run") << "\n";
  return Status::Ok();
}

void add_pending_command(CLI::App& root, CliContext& ctx, Commands& out) {
  auto as_json = std::make_shared<bool>(false);
  CLI::App* cmd = add_command(root, "pending", "pending", ctx);
  cmd->add_flag("--json", *as_json, ctx.tr("cli.opt.json"));
  out.push_back({cmd, [&ctx, as_json] { return run_pending(ctx, *as_json, false); }});
}

}  // namespace nastavnik::cli
