// `compact --store ADDRESS [--inactive-days N] [--dry-run] [--json]`: removes from the op log
// and the pull feed the ops no current value comes from, below the lowest cursor of the
// active devices (admin/compaction.h). Safe while the server runs: it is one transaction,
// and devices below the point start over from the compacted feed.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "syncserver/admin/compaction.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/person_name.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/cli/time_text.h"

namespace nastavnik::server::cli {
namespace {

using nlohmann::json;

struct Options {
  StoreChoice store;
  int inactive_days = 180;
  bool dry_run = false, json = false;
};

void print_plan(CentralStore& store, const CompactionPlan& plan, const Options& o) {
  std::cout << "feed head          " << plan.feed_head << "\n"
            << "compaction point   " << plan.point << "\n"
            << "devices            " << plan.active << " counted, " << plan.not_started
            << " not past their first pull (they start from the compacted feed), " << plan.inactive
            << " not seen for " << o.inactive_days << " days (they start over when they return)\n";
  for (const auto& d : plan.holding)
    std::cout << "held back by       " << d.id.substr(0, 12) << " " << person_name(store, d.person_id) << ", last sync "
              << utc_text(d.last_seen_ms) << "\n";
}

CommandStatus run_compact(const Options& o) {
  if (CommandStatus s = require_store(o.store); !s.ok()) return s;
  if (o.inactive_days < 1) return CommandStatus::Usage("--inactive-days must be at least 1");
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, open_store(o.store));
  const uint64_t window = static_cast<uint64_t>(o.inactive_days) * 24 * 3600 * 1000;
  NASTAVNIK_ASSIGN_OR_RETURN(auto plan, plan_compaction(*store, system_wall_clock_ms(), window));
  CompactionReport report;
  if (!o.dry_run) {
    NASTAVNIK_ASSIGN_OR_RETURN(report, compact_store(*store, plan));
  }
  NASTAVNIK_ASSIGN_OR_RETURN(auto stats, store->stats());
  if (o.json) {
    json holding = json::array();
    for (const auto& d : plan.holding) holding.push_back({{"id", d.id}, {"person_id", d.person_id}, {"cursor", d.cursor}});
    std::cout << json{{"feed_head", plan.feed_head},  {"point", plan.point},
                      {"active", plan.active},        {"not_started", plan.not_started},
                      {"inactive", plan.inactive},    {"held_back_by", holding},
                      {"dry_run", o.dry_run},         {"ops_removed", report.ops_removed},
                      {"ops_left", stats.ops}}
                     .dump(2)
              << "\n";
    return Status::Ok();
  }
  print_plan(*store, plan, o);
  if (o.dry_run) {
    std::cout << "dry run: nothing was removed\n";
    return Status::Ok();
  }
  std::cout << "removed            " << report.ops_removed << " superseded ops (and their places in the feed)\n"
            << "ops kept           " << stats.ops << "\n";
  return Status::Ok();
}

}  // namespace

void add_compact_command(CLI::App& root, Commands& out) {
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = add_command(
      root, "compact",
      "Remove superseded ops from the op log and the pull feed, below the lowest cursor of the active devices",
      "  nastavnik-server compact --store central.db --dry-run\n"
      "  nastavnik-server compact --store central.db --inactive-days 90\n");
  add_store_option(cmd, opts->store);
  cmd->add_option("--inactive-days", opts->inactive_days,
                  "A device not seen for this many days does not hold compaction back; it starts over when it "
                  "returns (default 180)")
      ->type_name("N");
  cmd->add_flag("--dry-run", opts->dry_run, "Show the compaction point and what holds it, remove nothing");
  cmd->add_flag("--json", opts->json, "Print JSON instead of text");
  out.push_back({cmd, [opts] { return run_compact(*opts); }});
}

}  // namespace nastavnik::server::cli
