// `enroll`, `sync`, `conflicts` and `rejections`: the device's side of the municipal server.
// Enrollment pins the server key; a sync pushes pending changesets and pulls what this
// person may see, with progress on stderr and a summary on stdout.

#include <CLI/CLI.hpp>
#include <memory>
#include <unistd.h>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/record_text.h"
#include "client/sync/courier.h"
#include "client/sync/enrollment_client.h"
#include "shared/core/ids.h"
#include "client/sync/http_transport.h"
#include "client/sync/sync_engine.h"
#include "client/sync/sync_state.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

HttpTransportOptions transport_options(const std::string& ca_cert) {
  HttpTransportOptions o;
  o.ca_cert_file = ca_cert;
  return o;
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "device";
  return buf;
}

ExitStatus run_enroll(CliContext& ctx, const std::string& server, const std::string& code, const std::string& name,
                      const std::string& expect_key, const std::string& ca_cert) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(auto transport, HttpTransport::connect(server, transport_options(ca_cert)));
  NASTAVNIK_ASSIGN_OR_RETURN(auto result, enroll_device(*replica->store, replica->key, *transport, server, code,
                                                        name.empty() ? host_name() : name, expect_key, ca_cert));
  std::string roles;
  for (const auto& r : result.roles) roles += (roles.empty() ? "" : ", ") + ctx.catalog().enum_label("role", r);
  ctx.out() << ctx.format("cli.enroll.done", {{"person", result.person_name}, {"roles", roles}, {"server", server},
                                              {"key", result.server_key_id.substr(0, 16)}})
            << "\n";
  return Status::Ok();
}

// "Волосовская СОШ № 2 — Волосовская СОШ № 1" for a pair this replica holds, else its id.
std::string pair_title(const LocalStore& store, const std::string& pair_id) {
  auto pair = store.reader().get(pair_id);
  if (!pair.ok()) return pair_id;
  RecordNames names(store.reader());
  const std::string low = names.name(pair->data.value("low_school_id", ""));
  const std::string partner = names.name(pair->data.value("partner_school_id", ""));
  if (low.empty() || partner.empty()) return pair_id;
  return low + " — " + partner;
}

// The person's scope shrank: which pairs left and what left this laptop with them.
void print_scope_notice(CliContext& ctx, const LocalStore& store, const SyncSummary& s) {
  if (s.left_pairs.empty() && s.removed_out_of_scope == 0) return;
  std::string pairs;
  for (const auto& p : s.left_pairs) pairs += (pairs.empty() ? "«" : ", «") + pair_title(store, p) + "»";
  ctx.out() << ctx.format("cli.sync.scope_left", {{"pairs", pairs.empty() ? "—" : pairs},
                                                  {"count", std::to_string(s.removed_out_of_scope)}})
            << "\n";
}

void print_summary(CliContext& ctx, const SyncSummary& s) {
  std::ostream& out = ctx.out();
  out << ctx.format("cli.sync.summary", {{"sent", std::to_string(s.changesets_sent)},
                                         {"ops", std::to_string(s.ops_sent)},
                                         {"received", std::to_string(s.ops_received)},
                                         {"rejected", std::to_string(s.rejected.size())},
                                         {"conflicts", std::to_string(s.new_conflicts)},
                                         {"requests", std::to_string(s.requests)}})
      << "\n";
  for (const auto& r : s.rejected)
    out << "  " << ctx.format("cli.sync.rejected_op", {{"op", r.hlc.substr(0, 17)}, {"reason", r.message}}) << "\n";
  for (const auto& c : s.refused_changesets) out << "  " << ctx.format("cli.sync.refused", {{"reason", c}}) << "\n";
  if (s.restamped > 0) out << ctx.format("cli.sync.restamped", {{"count", std::to_string(s.restamped)}}) << "\n";
  if (s.clock_warning)
    out << ctx.format("cli.sync.clock", {{"minutes", std::to_string(s.clock_offset_ms / 60000)}}) << "\n";
}

json summary_json(const SyncSummary& s) {
  json rejected = json::array();
  for (const auto& r : s.rejected) rejected.push_back({{"op", r.hlc}, {"code", r.code}, {"message", r.message}});
  return {{"requests", s.requests},          {"changesets_sent", s.changesets_sent}, {"ops_sent", s.ops_sent},
          {"ops_received", s.ops_received},  {"new_conflicts", s.new_conflicts},     {"rejected", rejected},
          {"refused_changesets", s.refused_changesets}, {"restamped", s.restamped},
          {"left_pairs", s.left_pairs}, {"removed_out_of_scope", s.removed_out_of_scope}, {"clock_offset_ms", s.clock_offset_ms},
          {"clock_warning", s.clock_warning}};
}

ExitStatus run_sync(CliContext& ctx, bool as_json, bool quiet, const std::string& ca_cert) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(*replica->store));
  if (!state.enrolled()) return ExitStatus::Failure(ctx.tr("cli.sync.not_enrolled"));
  if (!ca_cert.empty() && ca_cert != state.ca_cert_file) {  // remembered for the next syncs
    state.ca_cert_file = ca_cert;
    NASTAVNIK_RETURN_IF_ERROR(state.save(*replica->store));
  }
  NASTAVNIK_ASSIGN_OR_RETURN(auto transport,
                             HttpTransport::connect(state.server_url, transport_options(state.ca_cert_file)));
  SyncEngine engine(*replica->store, replica->key, *transport);
  auto progress = [&ctx, quiet](const SyncProgress& p) {
    if (quiet) return;
    ctx.err() << ctx.format("cli.sync.progress", {{"sent", std::to_string(p.changesets_sent)},
                                                  {"total", std::to_string(p.changesets_total)},
                                                  {"received", std::to_string(p.ops_received)},
                                                  {"requests", std::to_string(p.requests)}})
              << "\n";
  };
  auto summary = engine.run(progress);
  if (!summary.ok()) {
    if (summary.status().code() == StatusCode::kUnavailable)
      return ExitStatus::Failure(ctx.format("cli.sync.offline", {{"detail", summary.status().message()}}));
    if (summary.status().code() == StatusCode::kServerFault)
      return ExitStatus::Failure(ctx.format("cli.sync.server_fault", {{"detail", summary.status().message()}}));
    return summary.status();
  }
  // Envelopes this laptop carries for others go with the same connection.
  auto carried = Courier(*replica->store, replica->key).deliver_carried(*transport);
  json result = summary_json(*summary);
  if (carried.ok()) result["carried"] = {{"delivered", carried->delivered}, {"refused", carried->refusals}};
  if (as_json) {
    ctx.out() << dump_json(result, 2) << "\n";
  } else {
    print_summary(ctx, *summary);
    print_scope_notice(ctx, *replica->store, *summary);
  }
  if (!carried.ok()) {
    ctx.err() << ctx.format("cli.sync.carry_failed", {{"detail", carried.status().message()}}) << "\n";
  } else if (!as_json && carried->delivered + carried->refused > 0) {
    ctx.out() << ctx.format("cli.sync.carried", {{"delivered", std::to_string(carried->delivered)},
                                                 {"refused", std::to_string(carried->refused)}})
              << "\n";
    for (const auto& r : carried->refusals) ctx.out() << "  " << ctx.format("cli.bundle.refused", {{"reason", r}}) << "\n";
  }
  return Status::Ok();
}

// What the server refused for a clock that ran ahead is stamped again from the clock as it
// is now, then sent: one action for the person once the date and time are right.
ExitStatus run_resend(CliContext& ctx, bool no_sync, bool as_json, bool quiet, const std::string& ca_cert) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(const int64_t restamped, replica->store->resend_refused_for_clock());
  std::ostream& told = as_json ? ctx.err() : ctx.out();
  if (restamped == 0) told << ctx.tr("cli.resend.none") << "\n";
  else told << ctx.format("cli.resend.done", {{"count", std::to_string(restamped)}}) << "\n";
  if (no_sync || restamped == 0) return Status::Ok();
  return run_sync(ctx, as_json, quiet, ca_cert);
}

ExitStatus run_conflicts(CliContext& ctx, bool as_json, bool acknowledge_all) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(auto conflicts, replica->store->reader().conflicts(false));
  if (as_json) {
    json out = json::array();
    for (const auto& c : conflicts)
      out.push_back({{"record", c.record_id}, {"entity", c.entity}, {"field", c.field}, {"kind", c.kind},
                     {"your_value", c.loser_value}, {"kept_value", c.winner_value},
                     {"loser", c.loser_hlc}, {"winner", c.winner_hlc}});
    ctx.out() << dump_json(out, 2) << "\n";
  } else {
    if (conflicts.empty()) ctx.out() << ctx.tr("cli.conflicts.none") << "\n";
    for (const auto& c : conflicts)
      ctx.out() << ctx.format("cli.conflicts.line",
                              {{"id", short_id(c.record_id)}, {"entity", ctx.tr("entity." + c.entity)},
                               {"field", c.field == "*" ? "*" : ctx.catalog().field_label(c.entity, c.field)},
                               {"lost", c.loser_value.dump()}, {"kept", c.winner_value.dump()}})
                << "\n";
  }
  if (acknowledge_all)
    for (const auto& c : conflicts) NASTAVNIK_RETURN_IF_ERROR(replica->store->acknowledge_conflict(c));
  return Status::Ok();
}

ExitStatus run_rejections(CliContext& ctx, bool as_json) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(auto rejections, replica->store->rejections(true));
  if (as_json) {
    json out = json::array();
    for (const auto& r : rejections)
      out.push_back({{"op", r.hlc}, {"record", r.record_id}, {"entity", r.entity}, {"code", r.code}, {"message", r.message}});
    ctx.out() << dump_json(out, 2) << "\n";
    return Status::Ok();
  }
  if (rejections.empty()) ctx.out() << ctx.tr("cli.rejections.none") << "\n";
  for (const auto& r : rejections)
    ctx.out() << ctx.format("cli.rejections.line", {{"id", short_id(r.record_id)}, {"entity", ctx.tr("entity." + r.entity)},
                                                    {"reason", r.message}})
              << "\n";
  return Status::Ok();
}

}  // namespace

void add_sync_commands(CLI::App& root, CliContext& ctx, Commands& out) {
  struct EnrollOptions {
    std::string server, code, name, expect_key, ca_cert;
  };
  auto e = std::make_shared<EnrollOptions>();
  CLI::App* enroll = add_command(root, "enroll", "enroll", ctx);
  enroll->add_option("--server", e->server, ctx.tr("cli.opt.server"))->required();
  enroll->add_option("--code", e->code, ctx.tr("cli.opt.code"))->required();
  enroll->add_option("--name", e->name, ctx.tr("cli.opt.device_name"));
  enroll->add_option("--expect-server-key", e->expect_key, ctx.tr("cli.opt.expect_key"));
  enroll->add_option("--ca-cert", e->ca_cert, ctx.tr("cli.opt.ca_cert"))->check(CLI::ExistingFile)->type_name("FILE");
  out.push_back(
      {enroll, [&ctx, e] { return run_enroll(ctx, e->server, e->code, e->name, e->expect_key, e->ca_cert); }});

  auto sync_json = std::make_shared<bool>(false), quiet = std::make_shared<bool>(false);
  auto dry_run = std::make_shared<bool>(false);
  auto sync_ca = std::make_shared<std::string>();
  CLI::App* sync = add_command(root, "sync", "sync", ctx);
  sync->add_flag("--json", *sync_json, ctx.tr("cli.opt.json"));
  sync->add_flag("--quiet", *quiet, ctx.tr("cli.opt.quiet"));
  sync->add_flag("--dry-run", *dry_run, ctx.tr("cli.opt.dry_run"));
  sync->add_option("--ca-cert", *sync_ca, ctx.tr("cli.opt.ca_cert"))->check(CLI::ExistingFile)->type_name("FILE");
  out.push_back({sync, [&ctx, sync_json, quiet, dry_run, sync_ca] {
                   if (*dry_run) return run_pending(ctx, *sync_json, true);
                   return run_sync(ctx, *sync_json, *quiet, *sync_ca);
                 }});

  struct ResendOptions {
    bool no_sync = false, as_json = false, quiet = false;
    std::string ca_cert;
  };
  auto rs = std::make_shared<ResendOptions>();
  CLI::App* resend = add_command(root, "resend", "resend", ctx);
  resend->add_flag("--no-sync", rs->no_sync, ctx.tr("cli.opt.no_sync"));
  resend->add_flag("--json", rs->as_json, ctx.tr("cli.opt.json"));
  resend->add_flag("--quiet", rs->quiet, ctx.tr("cli.opt.quiet"));
  resend->add_option("--ca-cert", rs->ca_cert, ctx.tr("cli.opt.ca_cert"))->check(CLI::ExistingFile)->type_name("FILE");
  out.push_back({resend, [&ctx, rs] { return run_resend(ctx, rs->no_sync, rs->as_json, rs->quiet, rs->ca_cert); }});

  auto c_json = std::make_shared<bool>(false), ack = std::make_shared<bool>(false);
  CLI::App* conflicts = add_command(root, "conflicts", "conflicts", ctx);
  conflicts->add_flag("--json", *c_json, ctx.tr("cli.opt.json"));
  conflicts->add_flag("--acknowledge", *ack, ctx.tr("cli.opt.acknowledge"));
  out.push_back({conflicts, [&ctx, c_json, ack] { return run_conflicts(ctx, *c_json, *ack); }});

  auto r_json = std::make_shared<bool>(false);
  CLI::App* rejections = add_command(root, "rejections", "rejections", ctx);
  rejections->add_flag("--json", *r_json, ctx.tr("cli.opt.json"));
  out.push_back({rejections, [&ctx, r_json] { return run_rejections(ctx, *r_json); }});
}

}  // namespace nastavnik::cli
