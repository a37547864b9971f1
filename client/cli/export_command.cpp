// `export --format csv|json`: records for spreadsheets and other programs, with the same
// filters as `list`. Written to --out atomically (never half a file), or to stdout.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <sstream>

#include "client/cli/atomic_file.h"
#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/output_path.h"
#include "shared/core/csv_writer.h"
#include "client/cli/record_filters.h"
#include "client/cli/record_text.h"

namespace nastavnik::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct ExportOptions {
  std::string format;
  std::string out;
  bool force = false;
  RecordFilters filters;
};

// Header: id, entity, the kind's fields in schema order (and "deleted" when asked for).
std::string to_csv(const EntitySchema& entity, const std::vector<Record>& records, bool with_deleted) {
  std::ostringstream text;
  CsvWriter csv(text);
  std::vector<std::string> header = {"id", "entity"};
  for (const auto& f : entity.fields) header.push_back(f.name);
  if (with_deleted) header.push_back("deleted");
  csv.write_row(header);
  for (const auto& r : records) {
    std::vector<std::string> row = {r.id, r.entity};
    for (const auto& f : entity.fields) row.push_back(plain_value(r.data.value(f.name, json())));
    if (with_deleted) row.push_back(r.deleted ? "true" : "false");
    csv.write_row(row);
  }
  return text.str();
}

std::string to_json(const std::vector<Record>& records) {
  json array = json::array();
  for (const auto& r : records) array.push_back(record_to_json(r));
  return dump_json(array, 2) + "\n";
}

ExitStatus run_export(CliContext& ctx, const ExportOptions& o) {
  auto entities = check_filters(o.filters, ctx.catalog());
  if (!entities.ok()) return ExitStatus::Usage(entities.status().message());
  if (o.format == "csv" && o.filters.entity.empty())
    return ExitStatus::Usage(ctx.tr("cli.error.csv_needs_entity"));
  if (ExitStatus s = check_output_path(ctx, o.out, o.force); !s.ok()) return s;
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(RecordPage page, fetch_records(replica->store->reader(), o.filters, *entities));
  const std::string content =
      o.format == "csv" ? to_csv(*entities->front(), page.records, o.filters.deleted) : to_json(page.records);
  if (o.out.empty()) {
    ctx.out() << content;
    return Status::Ok();
  }
  if (Status s = write_file_atomically(o.out, content, o.force); !s.ok()) {
    if (s.code() == StatusCode::kFailedPrecondition)
      return ExitStatus::Failure(ctx.format("cli.error.out_exists", {{"path", o.out}}));
    return s;
  }
  ctx.out() << ctx.format("cli.export.done",
                          {{"count", std::to_string(page.records.size())}, {"path", o.out}})
            << "\n";
  return Status::Ok();
}

}  // namespace

void add_export_command(CLI::App& root, CliContext& ctx, Commands& out) {
  auto o = std::make_shared<ExportOptions>();
  o->filters.limit = 0;  // an export takes everything unless asked otherwise
  CLI::App* cmd = add_command(root, "export", "export", ctx);
  restrict_to(
      cmd->add_option("--format", o->format, ctx.tr("cli.opt.format"))->required()->type_name("csv|json"),
      {"csv", "json"});
  cmd->add_option("--out", o->out, ctx.tr("cli.opt.out"))->type_name("FILE");
  cmd->add_flag("--force", o->force, ctx.tr("cli.opt.force"));
  add_filter_options(*cmd, o->filters, ctx.catalog());
  out.push_back({cmd, [&ctx, o] { return run_export(ctx, *o); }});
}

}  // namespace nastavnik::cli
