#pragma once
// Copying a central store to another engine (`nastavnik-server migrate-store`): every table
// of store_tables.h, row by row, into a new store, then the feed's counter; and comparing
// two stores table by table (row counts and a digest of every row in each table's order),
// each read through its own engine, so a copy is checked against what actually landed.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "shared/core/status.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

// The setting a copy sets on its target while it runs: a store holding it is refused by
// open_store (a copy cut short is never served).
inline constexpr const char* kIncompleteCopyKey = "incomplete_copy";

struct TableSummary {
  std::string table;
  int64_t rows = 0;
  std::string digest;  // BLAKE2b chained over the table's rows in its order
};

struct StoreSummary {
  std::vector<TableSummary> tables;
  uint64_t feed_head = 0;
};

// Called after each chunk copied: the table and how many of its rows are copied so far.
using CopyProgress = std::function<void(const std::string& table, int64_t rows)>;

// Copies `from` into `to`, which must be a new, empty store. `to` is marked incomplete until
// the copy and its check are done (mark_copy_complete).
Status copy_store(CentralStore& from, CentralStore& to, const std::string& from_display, const CopyProgress& progress);
Result<StoreSummary> summarize_store(CentralStore& store);
// Every difference between two summaries, readable; empty when they hold the same.
std::vector<std::string> store_differences(const StoreSummary& a, const StoreSummary& b);
Status mark_copy_complete(CentralStore& to);
// FailedPrecondition when a copy into `store` was cut short.
Status check_copy_complete(CentralStore& store);

}  // namespace nastavnik::server
