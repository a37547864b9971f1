// `migrate-store --from ADDRESS --to ADDRESS [--json]`: copies a central store into a new
// store of another engine (typically sqlite:PATH to postgresql://...; the other way works
// too) and checks that both hold the same: every table row by row, and the feed's head
// (store/store_copy.h). The server key is not part of a store: it stays where it was.
// The source must not be served meanwhile (the check would find the difference).

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "syncserver/cli/commands.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/ingest/store_opening.h"
#include "syncserver/store/store_copy.h"
#include "syncserver/store/store_engines.h"

namespace nastavnik::server::cli {
namespace {

using nlohmann::json;

struct Options {
  std::string from, to;
  bool json = false;
};

Result<StoreAddress> parse_named(const std::string& option, const std::string& text) {
  auto address = parse_store_address(text);
  if (!address.ok()) return Status::InvalidArgument(option + ": " + address.status().message());
  return address;
}

void print_summary(const StoreSummary& summary, const Options& o) {
  if (o.json) {
    json tables = json::object();
    for (const auto& t : summary.tables) tables[t.table] = t.rows;
    std::cout << json{{"copied", true}, {"tables", tables}, {"feed_head", summary.feed_head}}.dump(2) << "\n";
    return;
  }
  for (const auto& t : summary.tables) {
    std::string name = t.table;
    name.resize(20, ' ');
    std::cout << name << t.rows << " rows, the same in both\n";
  }
  std::cout << "feed head           " << summary.feed_head << ", the same in both\n";
}

CommandStatus run_migrate(const Options& o) {
  if (o.from.empty() || o.to.empty()) return CommandStatus::Usage("give both --from ADDRESS and --to ADDRESS");
  auto from_address = parse_named("--from", o.from);
  if (!from_address.ok()) return CommandStatus::Usage(from_address.status().message());
  auto to_address = parse_named("--to", o.to);
  if (!to_address.ok()) return CommandStatus::Usage(to_address.status().message());
  if (from_address->engine == to_address->engine && from_address->target == to_address->target)
    return CommandStatus::Usage("--from and --to name the same store");

  auto from = server::open_store(*from_address);
  if (!from.ok()) return from.status().with_context("--from");
  auto to = create_store_engine(*to_address);
  if (!to.ok()) return to.status().with_context("--to");

  const bool tell = !o.json;
  // A line per 50,000 rows and one at each table's end: a long copy shows it is moving.
  auto progress = [tell, table_rows = std::map<std::string, int64_t>()](const std::string& table,
                                                                         int64_t rows) mutable {
    if (!tell) return;
    int64_t& shown = table_rows[table];
    if (rows == 0 || rows / 50000 > shown / 50000) std::cerr << "copying " << table << ": " << rows << " rows\n";
    shown = rows;
  };
  NASTAVNIK_RETURN_IF_ERROR(copy_store(**from, **to, from_address->display(), progress));
  if (tell) std::cerr << "copied; checking that both stores hold the same\n";
  NASTAVNIK_ASSIGN_OR_RETURN(auto source, summarize_store(**from));
  NASTAVNIK_ASSIGN_OR_RETURN(auto copy, summarize_store(**to));
  const auto differences = store_differences(source, copy);
  if (!differences.empty()) {
    std::string list;
    for (const auto& d : differences) list += (list.empty() ? "" : "; ") + d;
    return CommandStatus::Failure("the copy differs from the source (was the source served meanwhile?): " + list +
                                  ". The copy is marked unfinished and will not be served");
  }
  NASTAVNIK_RETURN_IF_ERROR(mark_copy_complete(**to));
  print_summary(source, o);
  if (tell)
    std::cout << "The server key is not in the store: keep using the same key files with the new store "
                 "(--server-key FILE; a SQLite store kept it next to its file, STORE.server.key).\n";
  return Status::Ok();
}

}  // namespace

void add_migrate_store_command(CLI::App& root, Commands& out) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = add_command(
      root, "migrate-store",
      "Copy the central store into a new store of another engine and check that both hold the same",
      "  createdb nastavnik   # as the PostgreSQL user that will own the store\n"
      "  nastavnik-server migrate-store --from sqlite:/var/lib/nastavnik/central.db \\\n"
      "      --to postgresql://nastavnik@db.example/nastavnik\n"
      "Stop the server first: what it ingests during the copy would be missing from it.\n");
  cmd->add_option("--from", opts->from, "The store to copy: sqlite:PATH or postgresql://...")->type_name("ADDRESS");
  cmd->add_option("--to", opts->to,
                  "The new store: a PostgreSQL database with no store in it yet, or a SQLite file that does not "
                  "exist")
      ->type_name("ADDRESS");
  cmd->add_flag("--json", opts->json, "Print the tables' row counts as JSON");
  out.push_back({cmd, [opts] { return run_migrate(*opts); }});
}

}  // namespace nastavnik::server::cli
