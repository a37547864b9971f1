// `import-registry FILE`: loads a "nastavnik-registry" file (schools, people, pairs,
// assignments, roadmap) into the replica. Record ids are fixed by the file, so importing
// the same file again changes nothing. The whole file is checked first; if any record is
// refused, nothing is written.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/table_printer.h"
#include "shared/domain/registry_file.h"
#include "shared/domain/validation.h"
#include "shared/domain/write_policy.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "nastavnik-registry";

struct RegistryRecord {
  const EntitySchema* entity = nullptr;
  std::string id;
  json fields;
};

struct Counts {
  int64_t added = 0, updated = 0, unchanged = 0;
};

// Set fields compare as sets: the replica keeps them sorted, a file need not.
json normalised(const EntitySchema& entity, json fields) {
  fields.erase(kCreatedByField);
  for (auto& [k, v] : fields.items()) {
    const FieldSchema* f = entity.field(k);
    if (f && f->is_set() && v.is_array()) {
      std::set<std::string> unique;
      for (const auto& e : v)
        if (e.is_string()) unique.insert(e.get<std::string>());
      v = json(unique);
    }
  }
  return fields;
}

std::string roles_text(const Actor& actor, const Catalog& catalog) {
  std::string out;
  for (const auto& role : actor.roles) out += (out.empty() ? "" : ", ") + catalog.enum_label("role", role);
  return out.empty() ? catalog.tr("cli.value.unbound") : out;
}

// Parses and checks the whole file (shared/domain/registry_file.h) and then each record
// against the replica and the actor's rights. Nothing is written here.
ExitStatus read_registry(CliContext& ctx, const std::string& path, const LocalStore& store,
                         std::vector<RegistryRecord>& out) {
  std::error_code ec;
  std::ifstream in(path, std::ios::binary);
  // A folder opens like a file, and reading it would throw from inside the JSON parser.
  if (!in || std::filesystem::is_directory(path, ec))
    return ExitStatus::Failure(ctx.format("cli.error.cannot_read", {{"path", path}}));
  const json doc = json::parse(in, nullptr, false);
  if (doc.is_discarded())
    return ExitStatus::Failure(
        ctx.format("cli.error.registry_format", {{"path", path}, {"format", kFormat}}));
  auto parsed = parse_registry(doc);
  if (!parsed.ok())
    return ExitStatus::Failure(
        ctx.format("cli.error.registry_invalid", {{"path", path}, {"detail", parsed.status().message()}}));

  std::map<size_t, std::vector<FieldError>> problems;  // by position in "records"
  for (const auto& [index, error] : parsed->errors) problems[index].push_back(error);
  std::map<size_t, std::string> refusals;
  for (const auto& [index, errors] : problems) refusals[index] = render_errors(errors, ctx.catalog());

  const Actor& actor = store.actor();
  for (size_t i = 0; i < parsed->entries.size(); ++i) {
    const RegistryEntry& e = parsed->entries[i];
    const EntitySchema* entity = DomainSchema::instance().entity(e.entity);
    json record = e.fields;
    if (!actor.person_id.empty()) record[kCreatedByField] = actor.person_id;
    if (!check_write(actor, *entity, record).ok())
      return ExitStatus::Failure(
          ctx.format("cli.error.registry_not_allowed", {{"roles", roles_text(actor, ctx.catalog())}}));
    auto existing = store.reader().get(e.id);
    if (existing.ok() && existing->deleted)
      refusals.emplace(i, ctx.format("cli.error.deleted", {{"id", e.id}}));
    else if (existing.ok() && existing->entity != e.entity)
      refusals.emplace(i,
                       ctx.format("cli.error.wrong_kind", {{"id", e.id},
                                                           {"actual", ctx.tr("entity." + existing->entity)},
                                                           {"expected", ctx.tr("entity." + e.entity)}}));
    out.push_back({entity, e.id, e.fields});
  }
  if (!refusals.empty()) {
    const auto& [index, reason] = *refusals.begin();
    const std::string first =
        ctx.format("cli.where.item", {{"n", std::to_string(index + 1)}}) + ": " + reason;
    return ExitStatus::Failure(ctx.format("cli.error.batch_refused",
                                          {{"reason", first}, {"count", std::to_string(refusals.size())}}));
  }
  return Status::Ok();
}

ExitStatus run_import(CliContext& ctx, const std::string& path) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  LocalStore& store = *replica->store;
  std::vector<RegistryRecord> records;
  if (ExitStatus s = read_registry(ctx, path, store, records); !s.ok()) return s;

  std::map<std::string, Counts> counts;
  size_t written = 0;
  for (const auto& r : records) {
    Counts& c = counts[r.entity->name];
    auto existing = store.reader().get(r.id);
    const bool is_new = !existing.ok();
    if (!is_new && normalised(*r.entity, existing->data) == normalised(*r.entity, r.fields)) {
      ++c.unchanged;
      continue;
    }
    std::vector<FieldError> errors;
    if (Status s = store.put_record(r.entity->name, r.id, r.fields, &errors); !s.ok()) {
      const std::string reason =
          errors.empty() ? user_message(s, ctx.catalog()) : render_errors(errors, ctx.catalog());
      return ExitStatus::Failure(
          ctx.format("cli.error.batch_stopped",
                     {{"reason", r.id + ": " + reason}, {"written", std::to_string(written)}}));
    }
    ++written;
    ++(is_new ? c.added : c.updated);
  }

  TablePrinter table({ctx.tr("cli.column.kind"), ctx.tr("cli.column.added"), ctx.tr("cli.column.updated"),
                      ctx.tr("cli.column.unchanged")});
  for (const auto& entity : DomainSchema::instance().entities()) {
    auto it = counts.find(entity.name);
    if (it == counts.end()) continue;
    table.add_row({ctx.tr("entity." + entity.name), std::to_string(it->second.added),
                   std::to_string(it->second.updated), std::to_string(it->second.unchanged)});
  }
  table.print(ctx.out());
  ctx.out() << ctx.format("cli.import.total", {{"count", std::to_string(records.size())}}) << "\n";
  return Status::Ok();
}

}  // namespace

void add_import_registry_command(CLI::App& root, CliContext& ctx, Commands& out) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = add_command(root, "import-registry", "import_registry", ctx);
  cmd->add_option("file", *path, ctx.tr("cli.opt.registry_file"))->required()->type_name("FILE");
  out.push_back({cmd, [&ctx, path] { return run_import(ctx, *path); }});
}

}  // namespace nastavnik::cli
