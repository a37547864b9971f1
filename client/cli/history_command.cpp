// `history ID`: who changed which field of a record when, from the writes this laptop's op
// log keeps (client/store/record_history.h), oldest first, with what was not yet delivered
// or was refused.

#include <CLI/CLI.hpp>
#include <ctime>
#include <memory>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/record_lookup.h"
#include "client/cli/record_text.h"
#include "shared/core/ids.h"
#include "shared/domain/schema.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

std::string local_time(uint64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

const char* kind_key(const Op& op, bool first) {
  if (op.kind == OpKind::kDelete) return "cli.history.deleted";
  return first && op.bases.empty() ? "cli.history.created" : "cli.history.changed";
}

json entry_json(const replica::HistoryEntry& e) {
  json j = op_to_json(e.op);
  j["time_ms"] = e.op.hlc.ms;
  j["written_here"] = e.written_here;
  j["delivered"] = e.delivered;
  if (!e.flag.empty()) j["flag"] = e.flag;
  if (!e.refusal.empty()) j["refused"] = e.refusal;
  return j;
}

void print_entry(CliContext& ctx, const EntitySchema& entity, const replica::HistoryEntry& e, bool first,
                 RecordNames& names) {
  std::ostream& out = ctx.out();
  std::string marks;
  if (e.written_here) marks += " · " + ctx.tr("cli.history.this_device");
  if (!e.delivered) marks += " · " + ctx.tr("cli.history.pending");
  if (!e.refusal.empty()) marks += " · " + ctx.format("cli.history.refused", {{"reason", e.refusal}});
  if (!e.flag.empty()) marks += " · " + ctx.tr("cli.history.untrusted");
  const std::string author = e.op.author.empty() ? "" : names.name(e.op.author);
  out << local_time(e.op.hlc.ms) << "  "
      << (!author.empty() ? author : e.op.author.empty() ? "—" : short_id(e.op.author) + "…") << "  "
      << ctx.tr(kind_key(e.op, first)) << marks << "\n";
  const Catalog& catalog = ctx.catalog();
  for (const auto& [field, value] : e.op.fields.items())
    out << "    " << catalog.field_label(entity.name, field) << ": "
        << (value.is_null() ? ctx.tr("cli.history.cleared") : display_value(entity, field, value, catalog, names, true))
        << "\n";
  for (const auto& [field, elements] : e.op.added)
    for (const auto& element : elements)
      out << "    " << catalog.field_label(entity.name, field) << ": + "
          << display_value(entity, field, json::array({element}), catalog, names, true) << "\n";
  for (const auto& [field, elements] : e.op.removed)
    for (const auto& element : elements)
      out << "    " << catalog.field_label(entity.name, field) << ": − "
          << display_value(entity, field, json::array({element}), catalog, names, true) << "\n";
}

ExitStatus run_history(CliContext& ctx, const std::string& id, bool as_json) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  const LocalStore& store = *replica->store;
  NASTAVNIK_ASSIGN_OR_RETURN(Record record, find_record(store.reader(), id, ctx.catalog()));
  NASTAVNIK_ASSIGN_OR_RETURN(auto history, store.history(record.id));
  if (as_json) {
    json out = json::array();
    for (const auto& e : history) out.push_back(entry_json(e));
    ctx.out() << dump_json({{"id", record.id}, {"entity", record.entity}, {"history", out}}, 2) << "\n";
    return Status::Ok();
  }
  const EntitySchema* entity = DomainSchema::instance().entity(record.entity);
  if (!entity) return Status::Corruption("record " + record.id + " has unknown kind " + record.entity);
  RecordNames names(store.reader());
  ctx.out() << ctx.format("cli.history.title", {{"entity", ctx.tr("entity." + record.entity)},
                                                {"id", short_id(record.id)},
                                                {"count", std::to_string(history.size())}})
            << "\n";
  for (size_t i = 0; i < history.size(); ++i) print_entry(ctx, *entity, history[i], i == 0, names);
  return Status::Ok();
}

}  // namespace

void add_history_command(CLI::App& root, CliContext& ctx, Commands& out) {
  auto id = std::make_shared<std::string>();
  auto as_json = std::make_shared<bool>(false);
  CLI::App* cmd = add_command(root, "history", "history", ctx);
  cmd->add_option("id", *id, ctx.tr("cli.opt.record_id"))->required()->type_name("ID");
  cmd->add_flag("--json", *as_json, ctx.tr("cli.opt.json"));
  out.push_back({cmd, [&ctx, id, as_json] { return run_history(ctx, *id, *as_json); }});
}

}  // namespace nastavnik::cli
