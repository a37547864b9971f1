#pragma once
// The record filters shared by `list` and `export`: kind, person, pair, school, date range,
// paging and deleted records. Without --entity the three everyday kinds (sessions, visits,
// self-assessments) are listed together, newest first.

#include <cstdint>
#include <string>
#include <vector>

#include "shared/core/status.h"
#include "shared/domain/schema.h"
#include "shared/records/record.h"
#include "shared/sqlite/record_reader.h"

namespace CLI {
class App;
}
namespace nastavnik {
class Catalog;
}

namespace nastavnik::cli {

struct RecordFilters {
  std::string entity;  // schema name or alias; empty: the everyday kinds
  std::string person, pair, school;
  std::string from, to;  // inclusive, YYYY-MM-DD
  int64_t limit = 50;    // 0: no limit
  int64_t offset = 0;
  bool deleted = false;
};

// Adds --entity, --person, --pair, --school, --from, --to, --limit, --offset, --deleted.
void add_filter_options(CLI::App& cmd, RecordFilters& filters, const Catalog& catalog);

// The kinds the filters select. InvalidArgument (translated) for an unknown --entity or a
// malformed id, date or limit: the caller reports it as a usage error.
Result<std::vector<const EntitySchema*>> check_filters(const RecordFilters& filters, const Catalog& catalog);

struct RecordPage {
  std::vector<Record> records;  // newest date first, then by id
  int64_t total = 0;            // matching records before paging
};

// The matching records of `entities`, paged by limit/offset across all of them.
Result<RecordPage> fetch_records(const replica::ReplicaReader& reader, const RecordFilters& filters,
                                 const std::vector<const EntitySchema*>& entities);

}  // namespace nastavnik::cli
