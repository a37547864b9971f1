// `list`: records as a table (or JSON) with filters and paging.
// `show ID`: one record with labelled fields and its open conflicts.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <memory>

#include "client/cli/assessment_prep.h"
#include "client/cli/cli_context.h"
#include "client/cli/commands.h"
#include "client/cli/record_filters.h"
#include "client/cli/record_lookup.h"
#include "client/cli/record_text.h"
#include "client/cli/table_printer.h"
#include "client/cli/utf8_text.h"
#include "shared/core/ids.h"

namespace nastavnik::cli {
namespace {

using nlohmann::json;

constexpr size_t kTitleWidth = 48;
constexpr size_t kPeopleWidth = 40;

struct ListOptions {
  RecordFilters filters;
  bool json = false;
};

struct ShowOptions {
  std::string id;
  bool json = false;
};

std::string field_text(const Record& r, const EntitySchema& e, const std::string& field,
                       const Catalog& catalog, RecordNames& names) {
  if (field.empty()) return "";
  auto it = r.data.find(field);
  if (it == r.data.end()) return "";
  return display_value(e, field, *it, catalog, names, /*short_refs=*/true);
}

// People named by the record (mentor, mentees, visitor, ...), as names when known.
std::string people_text(const Record& r, const EntitySchema& e, const Catalog& catalog, RecordNames& names) {
  std::string out;
  for (const auto& field : e.person_fields) {
    const std::string text = field_text(r, e, field, catalog, names);
    if (!text.empty()) out += (out.empty() ? "" : "; ") + text;
  }
  return out;
}

ExitStatus run_list(CliContext& ctx, const ListOptions& o) {
  auto entities = check_filters(o.filters, ctx.catalog());
  if (!entities.ok()) return ExitStatus::Usage(entities.status().message());
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  const auto& reader = replica->store->reader();
  NASTAVNIK_ASSIGN_OR_RETURN(RecordPage page, fetch_records(reader, o.filters, *entities));
  if (o.json) {
    json array = json::array();
    for (const auto& r : page.records) array.push_back(record_to_json(r));
    ctx.out() << dump_json(array, 2) << "\n";
    return Status::Ok();
  }
  if (page.records.empty()) {
    ctx.out() << ctx.tr("cli.list.empty") << "\n";
    return Status::Ok();
  }
  RecordNames names(reader);
  TablePrinter table({ctx.tr("cli.column.id"), ctx.tr("cli.column.kind"), ctx.tr("cli.column.date"),
                      ctx.tr("cli.column.title"), ctx.tr("cli.column.people"), ctx.tr("cli.column.pair")});
  table.set_max_width(3, kTitleWidth);
  table.set_max_width(4, kPeopleWidth);
  for (const auto& r : page.records) {
    const EntitySchema* e = DomainSchema::instance().entity(r.entity);
    if (!e) continue;
    std::string kind = ctx.tr("entity." + r.entity);
    if (r.deleted) kind += " " + ctx.tr("cli.list.deleted_mark");
    table.add_row({short_id(r.id), kind, field_text(r, *e, e->date_field, ctx.catalog(), names),
                   field_text(r, *e, e->title_field, ctx.catalog(), names),
                   people_text(r, *e, ctx.catalog(), names),
                   field_text(r, *e, e->pair_field, ctx.catalog(), names)});
  }
  table.print(ctx.out());
  const int64_t first = o.filters.offset + 1;
  ctx.out() << ctx.format("cli.list.shown",
                          {{"from", std::to_string(first)},
                           {"to", std::to_string(first + static_cast<int64_t>(page.records.size()) - 1)},
                           {"total", std::to_string(page.total)}})
            << "\n";
  return Status::Ok();
}

json conflict_to_json(const ConflictRecord& c) {
  return json{{"field", c.field},
              {"kind", c.kind},
              {"loser_value", c.loser_value},
              {"winner_value", c.winner_value},
              {"loser_author", c.loser_author},
              {"winner_author", c.winner_author},
              {"loser_hlc", c.loser_hlc},
              {"winner_hlc", c.winner_hlc}};
}

// "Label   value" lines, labels padded to one width; multi-line values stay multi-line,
// their continuation lines indented under the value.
void print_fields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& rows) {
  size_t width = 0;
  for (const auto& [label, value] : rows) width = std::max(width, utf8_width(label));
  for (const auto& [label, value] : rows) {
    std::string indented;
    for (char c : value) {
      if (c == '\r') continue;
      indented += c;
      if (c == '\n') indented += std::string(width + 2, ' ');
    }
    out << label << std::string(width - utf8_width(label) + 2, ' ') << indented << "\n";
  }
}

void print_record(CliContext& ctx, const Record& r, const EntitySchema& e,
                  const std::vector<ConflictRecord>& conflicts, RecordNames& names) {
  std::ostream& out = ctx.out();
  const Catalog& catalog = ctx.catalog();
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back(ctx.tr("cli.column.kind"), ctx.tr("entity." + r.entity));
  rows.emplace_back(ctx.tr("cli.column.id"), r.id);
  if (r.deleted) rows.emplace_back(ctx.tr("cli.label.state"), ctx.tr("cli.list.deleted_mark"));
  const InstrumentRegistry* instruments = nullptr;
  if (auto loaded = ctx.instruments(); loaded.ok()) instruments = *loaded;
  for (const auto& f : e.fields) {
    auto it = r.data.find(f.name);
    if (it == r.data.end() || it->is_null()) continue;
    std::string value = display_value(e, f.name, *it, catalog, names, /*short_refs=*/false);
    if (r.entity == "self_assessment" && f.name == "deficits" && instruments) {
      value.clear();
      for (const auto& t : deficit_titles(r.data, *instruments, ctx.options().lang))
        value += (value.empty() ? "" : "; ") + t;
    }
    rows.emplace_back(catalog.field_label(e.name, f.name), value);
  }
  print_fields(out, rows);
  if (conflicts.empty()) return;
  out << "\n" << ctx.tr("cli.show.conflicts") << ":\n";
  for (const auto& c : conflicts) {
    const std::string field =
        c.field == "*" ? ctx.tr("cli.show.whole_record") : catalog.field_label(e.name, c.field);
    out << "  - "
        << ctx.format(c.kind == "edit_of_deleted" ? "cli.show.conflict_deleted" : "cli.show.conflict_write",
                      {{"field", field},
                       {"loser", plain_value(c.loser_value)},
                       {"winner", plain_value(c.winner_value)},
                       {"loser_author", c.loser_author.empty() ? "?" : names.describe(c.loser_author)},
                       {"winner_author", c.winner_author.empty() ? "?" : names.describe(c.winner_author)}})
        << "\n";
  }
}

ExitStatus run_show(CliContext& ctx, const ShowOptions& o) {
  if (!looks_like_record_id(o.id))
    return ExitStatus::Usage(ctx.format("cli.error.bad_record_id", {{"id", o.id}}));
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica * replica, ctx.replica());
  const auto& reader = replica->store->reader();
  NASTAVNIK_ASSIGN_OR_RETURN(Record r, find_record(reader, o.id, ctx.catalog()));
  const EntitySchema* e = DomainSchema::instance().entity(r.entity);
  if (!e) return Status::Corruption("record " + r.id + " has unknown kind " + r.entity);
  NASTAVNIK_ASSIGN_OR_RETURN(auto all_conflicts, reader.conflicts(false));
  std::vector<ConflictRecord> conflicts;
  for (auto& c : all_conflicts)
    if (c.record_id == r.id) conflicts.push_back(std::move(c));
  if (o.json) {
    json j = record_to_json(r);
    j["conflicts"] = json::array();
    for (const auto& c : conflicts) j["conflicts"].push_back(conflict_to_json(c));
    ctx.out() << dump_json(j, 2) << "\n";
    return Status::Ok();
  }
  RecordNames names(reader);
  print_record(ctx, r, *e, conflicts, names);
  return Status::Ok();
}

}  // namespace

void add_list_show_commands(CLI::App& root, CliContext& ctx, Commands& out) {
  auto list = std::make_shared<ListOptions>();
  CLI::App* list_cmd = add_command(root, "list", "list", ctx);
  add_filter_options(*list_cmd, list->filters, ctx.catalog());
  list_cmd->add_flag("--json", list->json, ctx.tr("cli.opt.json"));
  out.push_back({list_cmd, [&ctx, list] { return run_list(ctx, *list); }});

  auto show = std::make_shared<ShowOptions>();
  CLI::App* show_cmd = add_command(root, "show", "show", ctx);
  show_cmd->add_option("id", show->id, ctx.tr("cli.opt.record_id"))->required()->type_name("ID");
  show_cmd->add_flag("--json", show->json, ctx.tr("cli.opt.json"));
  out.push_back({show_cmd, [&ctx, show] { return run_show(ctx, *show); }});
}

}  // namespace nastavnik::cli
