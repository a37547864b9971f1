// `instruments`: the self-assessment questionnaires and observation protocols shipped in
// assets/instruments, with the ids to give to `assessment add --instrument`.

#include <CLI/CLI.hpp>
#include <memory>

#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/record_text.h"
#include "client/cli/table_printer.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

std::string text_in(const json& titles, const std::string& lang, const std::string& fallback) {
  if (titles.contains(lang) && titles[lang].is_string()) return titles[lang].get<std::string>();
  if (titles.contains("ru") && titles["ru"].is_string()) return titles["ru"].get<std::string>();
  return fallback;
}

ExitStatus run_instruments(CliContext& ctx, bool as_json) {
  NASTAVNIK_ASSIGN_OR_RETURN(const InstrumentRegistry* registry, ctx.instruments());
  const std::string& lang = ctx.options().lang;
  if (as_json) {
    json array = json::array();
    for (const Instrument* in : registry->all()) {
      json areas = json::array();
      for (const auto& a : in->areas)
        areas.push_back({{"id", a.id}, {"title", text_in(a.title, lang, a.id)}});
      json items = json::array();
      for (const auto& i : in->items)
        items.push_back({{"id", i.id}, {"area", i.area}, {"text", text_in(i.text, lang, i.id)}});
      array.push_back({{"id", in->id},
                       {"version", in->version},
                       {"kind", in->kind},
                       {"subject", in->subject},
                       {"title", in->title_in(lang)},
                       {"items", items},
                       {"scale", {{"min", in->scale_min}, {"max", in->scale_max}}},
                       {"areas", areas}});
    }
    ctx.out() << dump_json(array, 2) << "\n";
    return Status::Ok();
  }
  TablePrinter table({ctx.tr("cli.column.instrument"), ctx.tr("cli.column.version"),
                      ctx.tr("cli.column.subject"), ctx.tr("cli.column.title"), ctx.tr("cli.column.items"),
                      ctx.tr("cli.column.areas")});
  table.set_max_width(3, 60);
  for (const Instrument* in : registry->all())
    table.add_row({in->id, std::to_string(in->version), ctx.tr("cli.subject." + in->subject),
                   in->title_in(lang), std::to_string(in->items.size()), std::to_string(in->areas.size())});
  table.print(ctx.out());
  return Status::Ok();
}

}  // namespace

void add_instruments_command(CLI::App& root, CliContext& ctx, Commands& out) {
  auto as_json = std::make_shared<bool>(false);
  CLI::App* cmd = add_command(root, "instruments", "instruments", ctx);
  cmd->add_flag("--json", *as_json, ctx.tr("cli.opt.instruments_json"));
  out.push_back({cmd, [&ctx, as_json] { return run_instruments(ctx, *as_json); }});
}

}  // namespace nastavnik::cli
