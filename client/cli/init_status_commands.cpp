// `init`: create the data directory, the device key and the replica.
// `status`: who this device is, what the replica holds, what waits to be sent.

#include <CLI/CLI.hpp>
#include <memory>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/record_text.h"
#include "client/cli/table_printer.h"
#include "shared/core/ids.h"

namespace nastavnik::cli {
namespace {

struct InitOptions {
  std::string person, school;
  std::vector<std::string> roles;
};

ExitStatus run_init(CliContext& ctx, const InitOptions& o) {
  for (const auto& [flag, value] : {std::pair{"--person", &o.person}, {"--school", &o.school}})
    if (!value->empty() && !is_record_id(*value))
      return ExitStatus::Usage(ctx.format("cli.error.bad_id_option", {{"flag", flag}, {"value", *value}}));
  Actor actor;
  actor.person_id = o.person;
  actor.school_id = o.school;
  actor.roles = {o.roles.begin(), o.roles.end()};
  NASTAVNIK_ASSIGN_OR_RETURN(DataDir dir, ctx.data_dir());
  auto created = dir.initialise(actor);
  if (!created.ok() && created.status().code() == StatusCode::kFailedPrecondition)
    return ExitStatus::Failure(ctx.format("cli.error.already_initialised", {{"dir", dir.root().string()}}));
  if (!created.ok()) return created.status();
  ctx.out() << ctx.tr("cli.label.device") << ": " << created->store->device_id() << "\n"
            << ctx.tr("cli.label.data_dir") << ": " << dir.root().string() << "\n";
  return Status::Ok();
}

std::string roles_text(const Actor& actor, const Catalog& catalog) {
  std::string out;
  for (const auto& role : actor.roles) out += (out.empty() ? "" : ", ") + catalog.enum_label("role", role);
  return out;
}

ExitStatus run_status(CliContext& ctx) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  const LocalStore& store = *replica->store;
  const Actor& actor = store.actor();
  RecordNames names(store.reader());
  const std::string unbound = ctx.tr("cli.value.unbound");
  std::ostream& out = ctx.out();
  NASTAVNIK_ASSIGN_OR_RETURN(DataDir dir, ctx.data_dir());
  out << ctx.tr("cli.label.device") << ": " << store.device_id() << "\n"
      << ctx.tr("cli.label.data_dir") << ": " << dir.root().string() << "\n"
      << ctx.tr("cli.label.person") << ": "
      << (actor.person_id.empty() ? unbound : names.describe(actor.person_id)) << "\n"
      << ctx.tr("cli.label.roles") << ": "
      << (actor.roles.empty() ? unbound : roles_text(actor, ctx.catalog())) << "\n";
  if (!actor.school_id.empty())
    out << ctx.tr("cli.label.school") << ": " << names.describe(actor.school_id) << "\n";

  TablePrinter counts({ctx.tr("cli.column.kind"), ctx.tr("cli.column.count")});
  for (const auto& entity : DomainSchema::instance().entities()) {
    RecordQuery q;
    q.entity = entity.name;
    NASTAVNIK_ASSIGN_OR_RETURN(int64_t n, store.reader().count(q));
    if (n > 0) counts.add_row({ctx.tr("entity." + entity.name), std::to_string(n)});
  }
  out << "\n";
  if (counts.row_count() == 0)
    out << ctx.tr("cli.list.empty") << "\n";
  else
    counts.print(out);

  NASTAVNIK_ASSIGN_OR_RETURN(PendingSummary p, store.outbox().pending());
  out << "\n"
      << ctx.format("cli.status.pending", {{"ops", std::to_string(p.unsealed_ops)},
                                           {"changesets", std::to_string(p.unacked_changesets)},
                                           {"changeset_ops", std::to_string(p.ops_in_unacked)}})
      << "\n";
  if (p.open_conflicts > 0)
    out << ctx.format("cli.status.conflicts", {{"count", std::to_string(p.open_conflicts)}}) << "\n";
  if (p.flagged_ops > 0)
    out << ctx.format("cli.status.flagged", {{"count", std::to_string(p.flagged_ops)}}) << "\n";
  return Status::Ok();
}

}  // namespace

void add_init_status_commands(CLI::App& root, CliContext& ctx, Commands& out) {
  auto init = std::make_shared<InitOptions>();
  CLI::App* cmd = add_command(root, "init", "init", ctx);
  cmd->add_option("--person", init->person, ctx.tr("cli.opt.init_person"))->type_name("ID");
  const auto& roles = *DomainSchema::instance().enum_values("role");
  std::string role_names;
  for (const auto& r : roles) role_names += (role_names.empty() ? "" : "|") + r;
  restrict_to(cmd->add_option("--role", init->roles, ctx.tr("cli.opt.init_role"))
                  ->type_name(role_names)
                  ->expected(1)
                  ->allow_extra_args(false)
                  ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll),
              roles);
  cmd->add_option("--school", init->school, ctx.tr("cli.opt.init_school"))->type_name("ID");
  out.push_back({cmd, [&ctx, init] { return run_init(ctx, *init); }});

  CLI::App* status = add_command(root, "status", "status", ctx);
  out.push_back({status, [&ctx] { return run_status(ctx); }});
}

}  // namespace nastavnik::cli
