// `handover export FILE` and `handover import FILE`: a laptop that was revoked, broke or was
// replaced still holds work no server accepted. Export writes those records (works without
// the server); another enrolled device of the same person imports them and sends them with
// its next sync as its own writes. A handover of another person's work is refused.

#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>
#include <sstream>

#include "client/cli/atomic_file.h"
#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/output_path.h"
#include "client/cli/record_text.h"
#include "shared/core/hlc.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

constexpr const char* kHandoverFormat = "nastavnik-handover";
constexpr int kHandoverVersion = 1;

ExitStatus run_handover_export(CliContext& ctx, const std::string& path, bool force) {
  if (ExitStatus s = check_output_path(ctx, path, force); !s.ok()) return s;
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  const LocalStore& store = *replica->store;
  if (store.actor().person_id.empty()) return ExitStatus::Failure(ctx.tr("cli.handover.no_person"));
  NASTAVNIK_ASSIGN_OR_RETURN(auto ids, store.outbox().records_with_unaccepted_work());
  json records = json::array();
  for (const auto& id : ids) {
    NASTAVNIK_ASSIGN_OR_RETURN(Record r, store.reader().get(id));
    json fields = r.data;
    fields.erase(kCreatedByField);  // the importing device writes as its own person
    records.push_back({{"entity", r.entity}, {"id", r.id}, {"deleted", r.deleted}, {"fields", fields}});
  }
  if (records.empty()) return ExitStatus::Failure(ctx.tr("cli.handover.nothing"));
  const json file{{"format", kHandoverFormat},       {"version", kHandoverVersion},
                  {"person", store.actor().person_id}, {"from_device", store.device_id()},
                  {"created_ms", system_wall_clock_ms()}, {"records", records}};
  NASTAVNIK_RETURN_IF_ERROR(write_file_atomically(path, file.dump(1) + "\n", force));
  ctx.out() << ctx.format("cli.handover.written", {{"path", path}, {"count", std::to_string(records.size())}}) << "\n";
  return Status::Ok();
}

Result<json> read_handover(CliContext& ctx, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  json j = json::parse(text.str(), nullptr, false);
  if (!j.is_object() || j.value("format", "") != kHandoverFormat || !j.value("records", json()).is_array())
    return Status::InvalidArgument(ctx.format("cli.handover.not_a_handover", {{"path", path}}));
  if (j.value("version", 0) != kHandoverVersion)
    return Status::FailedPrecondition(ctx.format("cli.handover.other_version", {{"path", path}}));
  return j;
}

ExitStatus run_handover_import(CliContext& ctx, const std::string& path) {
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  LocalStore& store = *replica->store;
  auto file = read_handover(ctx, path);
  if (!file.ok()) return ExitStatus::Failure(file.status().message());
  if (file->value("person", "") != store.actor().person_id)
    return ExitStatus::Failure(ctx.tr("cli.handover.other_person"));
  // New records in one transaction (all or nothing); records this device holds already are
  // then brought to the handed-over values, as this device's own edits.
  std::vector<NewRecord> fresh;
  std::vector<json> known, deleted;
  for (const auto& r : (*file)["records"]) {
    if (!r.is_object() || !r.value("fields", json()).is_object())
      return ExitStatus::Failure(ctx.format("cli.handover.not_a_handover", {{"path", path}}));
    auto here = store.reader().get(r.value("id", ""));
    const bool exists = here.ok();
    if (!exists && here.status().code() != StatusCode::kNotFound) return here.status();
    if (r.value("deleted", false)) {
      if (exists && !here->deleted) deleted.push_back(r);
    } else if (exists) {
      known.push_back(r);
    } else {
      fresh.push_back({r.value("entity", ""), r.value("id", ""), r["fields"]});
    }
  }
  std::vector<FieldError> errors;
  if (!fresh.empty()) {
    auto created = store.create_records(fresh, &errors);
    if (!created.ok())
      return ExitStatus::Failure(ctx.format("cli.handover.refused", {{"detail", errors.empty() ? created.status().message()
                                                                                               : render_errors(errors, ctx.catalog())}}));
  }
  for (const auto& r : known)
    NASTAVNIK_RETURN_IF_ERROR(store.put_record(r.value("entity", ""), r.value("id", ""), r["fields"], &errors));
  for (const auto& r : deleted) NASTAVNIK_RETURN_IF_ERROR(store.delete_record(r.value("id", ""), &errors));
  ctx.out() << ctx.format("cli.handover.taken", {{"count", std::to_string(fresh.size() + known.size() + deleted.size())},
                                                 {"device", file->value("from_device", "").substr(0, 8)}})
            << "\n";
  return Status::Ok();
}

}  // namespace

void add_handover_commands(CLI::App& root, CliContext& ctx, Commands& out) {
  CLI::App* handover = add_command(root, "handover", "handover", ctx);
  handover->require_subcommand(1);
  auto e_path = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  CLI::App* ex = add_command(*handover, "export", "handover_export", ctx);
  ex->add_option("file", *e_path, ctx.tr("cli.opt.handover_file"))->required()->type_name("FILE");
  ex->add_flag("--force", *force, ctx.tr("cli.opt.force"));
  out.push_back({ex, [&ctx, e_path, force] { return run_handover_export(ctx, *e_path, *force); }});
  auto i_path = std::make_shared<std::string>();
  CLI::App* im = add_command(*handover, "import", "handover_import", ctx);
  im->add_option("file", *i_path, ctx.tr("cli.opt.handover_file"))->required()->check(CLI::ExistingFile)->type_name("FILE");
  out.push_back({im, [&ctx, i_path] { return run_handover_import(ctx, *i_path); }});
}

}  // namespace nastavnik::cli
