// `report`: the half-year monitoring report of the replica's programme — every indicator
// of assets/indicators for the municipality, each pair and each school, beside the
// previous half-year — as PDF, XLSX or CSV, computed by the same engine as the window's.

#include <CLI/CLI.hpp>
#include <memory>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/output_path.h"
#include "client/cli/record_batch.h"
#include "client/model/monitoring_source.h"
#include "client/report/report_writers.h"
#include "shared/assets_dir.h"
#include "shared/core/csv_writer.h"

namespace nastavnik::cli {
namespace {

struct ReportOptions {
  std::string period, format, out, separator, as_of;
  bool force = false;
};

// The format named by --format, else by the file's extension.
std::string format_of(const ReportOptions& o) {
  if (!o.format.empty()) return o.format;
  const std::string ext = std::filesystem::path(o.out).extension().string();
  if (ext == ".pdf" || ext == ".xlsx" || ext == ".csv") return ext.substr(1);
  return "";
}

ExitStatus run_report(CliContext& ctx, const ReportOptions& o) {
  const std::string format = format_of(o);
  if (format.empty()) return ExitStatus::Usage(ctx.tr("cli.report.format_needed"));
  if (!o.separator.empty() && (format != "csv" || o.separator.size() != 1))
    return ExitStatus::Usage(ctx.tr("cli.report.bad_separator"));
  std::optional<monitoring::Period> period;
  if (!o.period.empty()) {
    period = monitoring::Period::parse(o.period);
    if (!period) return ExitStatus::Usage(ctx.format("cli.report.bad_period", {{"period", o.period}}));
  }
  if (!o.as_of.empty() && !monitoring::Period::of_date(o.as_of))
    return ExitStatus::Usage(ctx.format("cli.report.bad_as_of", {{"date", o.as_of}}));
  if (ExitStatus s = check_output_path(ctx, o.out, o.force); !s.ok()) return s;
  auto catalog = monitoring::IndicatorCatalog::load_dir(assets_dir() / "indicators");
  if (!catalog.ok()) return ExitStatus::Failure(catalog.status().message());
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  NASTAVNIK_ASSIGN_OR_RETURN(monitoring::MonitoringSource source, model::load_monitoring_source(*replica->store));
  const std::string as_of = o.as_of.empty() ? local_date_today() : o.as_of;
  if (!period) period = monitoring::latest_period_with_data(source, as_of);
  if (!period) return ExitStatus::Failure(ctx.tr("cli.report.no_data"));
  NASTAVNIK_ASSIGN_OR_RETURN(const InstrumentRegistry* instruments, ctx.instruments());

  const report::Report built = report::build_report(*catalog, source, *period, ctx.catalog(), *instruments, as_of);
  const Status written = report::write_report(built, ctx.catalog(), format, o.out,
                                              o.separator.empty() ? csv_separator(ctx.catalog().lang()) : o.separator[0]);
  if (!written.ok()) return ExitStatus::Failure(written.message());
  ctx.out() << ctx.format("cli.report.done", {{"period", built.period_name}, {"path", o.out}}) << "\n";
  return Status::Ok();
}

}  // namespace

void add_report_command(CLI::App& root, CliContext& ctx, Commands& out) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = add_command(root, "report", "report", ctx);
  cmd->add_option("--period", o->period, ctx.tr("cli.opt.report_period"))->type_name("YYYY/YY-H");
  restrict_to(cmd->add_option("--format", o->format, ctx.tr("cli.opt.report_format"))->type_name("pdf|xlsx|csv"),
              {"pdf", "xlsx", "csv"});
  cmd->add_option("--out", o->out, ctx.tr("cli.opt.report_out"))->required()->type_name("FILE");
  cmd->add_option("--as-of", o->as_of, ctx.tr("cli.opt.report_as_of"))->type_name("YYYY-MM-DD");
  cmd->add_option("--separator", o->separator, ctx.tr("cli.opt.report_separator"))->type_name("CHAR");
  cmd->add_flag("--force", o->force, ctx.tr("cli.opt.force"));
  out.push_back({cmd, [&ctx, o] { return run_report(ctx, *o); }});
}

}  // namespace nastavnik::cli
