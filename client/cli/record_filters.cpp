#include "client/cli/record_filters.h"

#include <CLI/CLI.hpp>
#include <algorithm>

#include "client/cli/entity_names.h"
#include "shared/core/ids.h"
#include "shared/domain/validation.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::cli {
namespace {

std::string date_of(const Record& r) {
  const EntitySchema* e = DomainSchema::instance().entity(r.entity);
  if (!e || e->date_field.empty()) return "";
  auto it = r.data.find(e->date_field);
  return it != r.data.end() && it->is_string() ? it->get<std::string>() : "";
}

// The replica's own order: date descending (records without a date last), then id.
bool newer_first(const Record& a, const Record& b) {
  const std::string da = date_of(a), db = date_of(b);
  if (da != db) return da > db;
  return a.id < b.id;
}

RecordQuery base_query(const RecordFilters& f, const std::string& entity) {
  RecordQuery q;
  q.entity = entity;
  q.person_id = f.person;
  q.pair_id = f.pair;
  q.school_id = f.school;
  q.date_from = f.from;
  q.date_to = f.to;
  q.include_deleted = f.deleted;
  return q;
}

}  // namespace

void add_filter_options(CLI::App& cmd, RecordFilters& f, const Catalog& catalog) {
  cmd.add_option("--entity", f.entity, catalog.format("cli.opt.entity", {{"names", known_entity_names()}}))
      ->type_name("KIND");
  cmd.add_option("--person", f.person, catalog.tr("cli.opt.person"))->type_name("ID");
  cmd.add_option("--pair", f.pair, catalog.tr("cli.opt.pair"))->type_name("ID");
  cmd.add_option("--school", f.school, catalog.tr("cli.opt.school"))->type_name("ID");
  cmd.add_option("--from", f.from, catalog.tr("cli.opt.from"))->type_name("YYYY-MM-DD");
  cmd.add_option("--to", f.to, catalog.tr("cli.opt.to"))->type_name("YYYY-MM-DD");
  cmd.add_option("--limit", f.limit, catalog.tr("cli.opt.limit"))->capture_default_str()->type_name("N");
  cmd.add_option("--offset", f.offset, catalog.tr("cli.opt.offset"))->type_name("N");
  cmd.add_flag("--deleted", f.deleted, catalog.tr("cli.opt.deleted"));
}

Result<std::vector<const EntitySchema*>> check_filters(const RecordFilters& f, const Catalog& catalog) {
  for (const auto& [flag, value] :
       {std::pair{"--person", &f.person}, {"--pair", &f.pair}, {"--school", &f.school}})
    if (!value->empty() && !is_record_id(*value))
      return Status::InvalidArgument(
          catalog.format("cli.error.bad_id_option", {{"flag", flag}, {"value", *value}}));
  for (const auto& [flag, value] : {std::pair{"--from", &f.from}, {"--to", &f.to}})
    if (!value->empty() && !is_iso_date(*value))
      return Status::InvalidArgument(
          catalog.format("cli.error.bad_date_option", {{"flag", flag}, {"value", *value}}));
  if (f.limit < 0 || f.offset < 0) return Status::InvalidArgument(catalog.tr("cli.error.negative_paging"));
  std::vector<const EntitySchema*> out;
  if (f.entity.empty()) {
    for (const auto& alias : kEverydayEntities) out.push_back(DomainSchema::instance().entity(alias.entity));
    return out;
  }
  const EntitySchema* e = find_entity(f.entity);
  if (!e)
    return Status::InvalidArgument(
        catalog.format("cli.error.unknown_entity", {{"value", f.entity}, {"names", known_entity_names()}}));
  out.push_back(e);
  return out;
}

Result<RecordPage> fetch_records(const replica::ReplicaReader& reader, const RecordFilters& f,
                                 const std::vector<const EntitySchema*>& entities) {
  RecordPage page;
  for (const EntitySchema* e : entities) {
    NASTAVNIK_ASSIGN_OR_RETURN(int64_t n, reader.count(base_query(f, e->name)));
    page.total += n;
  }
  if (entities.size() == 1) {
    RecordQuery q = base_query(f, entities.front()->name);
    q.limit = f.limit;
    q.offset = f.offset;
    // The reader ignores the offset when there is no limit; the merge below handles that.
    if (q.limit > 0 || q.offset == 0) {
      NASTAVNIK_ASSIGN_OR_RETURN(page.records, reader.list(q));
      return page;
    }
  }
  // Several kinds: take the first offset+limit of each, merge in the replica's order, page.
  for (const EntitySchema* e : entities) {
    RecordQuery q = base_query(f, e->name);
    q.limit = f.limit > 0 ? f.offset + f.limit : 0;
    NASTAVNIK_ASSIGN_OR_RETURN(auto records, reader.list(q));
    for (auto& r : records) page.records.push_back(std::move(r));
  }
  std::stable_sort(page.records.begin(), page.records.end(), newer_first);
  const auto skip =
      static_cast<size_t>(std::min<int64_t>(f.offset, static_cast<int64_t>(page.records.size())));
  page.records.erase(page.records.begin(), page.records.begin() + static_cast<std::ptrdiff_t>(skip));
  if (f.limit > 0 && page.records.size() > static_cast<size_t>(f.limit))
    page.records.resize(static_cast<size_t>(f.limit));
  return page;
}

}  // namespace nastavnik::cli
