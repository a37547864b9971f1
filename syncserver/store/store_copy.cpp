#include "syncserver/store/store_copy.h"

#include "shared/crypto/sodium.h"
#include "syncserver/store/store_tables.h"

namespace nastavnik::server {
namespace {

// A row as bytes no two different rows share: each value length-prefixed, NULL marked.
std::string row_bytes(const std::vector<std::optional<std::string>>& row) {
  std::string out;
  for (const auto& v : row) {
    if (!v) {
      out += "N;";
      continue;
    }
    out += std::to_string(v->size()) + ":" + *v + ";";
  }
  return out;
}

bool is_copy_marker(const TableChunk& chunk, size_t row) {
  return chunk.table == "server_meta" && chunk.rows[row][0] && *chunk.rows[row][0] == kIncompleteCopyKey;
}

Status require_empty(CentralStore& to) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto stats, to.stats());
  NASTAVNIK_ASSIGN_OR_RETURN(uint64_t head, to.feed_head());
  if (stats.devices || stats.ops || stats.changesets || head)
    return Status::FailedPrecondition("the target store is not empty: a copy goes into a new store only");
  return Status::Ok();
}

}  // namespace

Status copy_store(CentralStore& from, CentralStore& to, const std::string& from_display,
                  const CopyProgress& progress) {
  NASTAVNIK_RETURN_IF_ERROR(require_empty(to));
  NASTAVNIK_RETURN_IF_ERROR(to.set_meta(kIncompleteCopyKey, "copy from " + from_display + " under way"));
  for (const auto& table : store_tables()) {
    int64_t copied = 0;
    NASTAVNIK_RETURN_IF_ERROR(from.export_table(table.name, [&](const TableChunk& chunk) -> Status {
      TableChunk rows{chunk.table, chunk.columns, {}};
      for (size_t i = 0; i < chunk.rows.size(); ++i)
        if (!is_copy_marker(chunk, i)) rows.rows.push_back(chunk.rows[i]);
      NASTAVNIK_RETURN_IF_ERROR(to.import_rows(rows).with_context("copying " + table.name));
      copied += static_cast<int64_t>(rows.rows.size());
      if (progress) progress(table.name, copied);
      return Status::Ok();
    }));
    if (progress && copied == 0) progress(table.name, 0);
  }
  NASTAVNIK_ASSIGN_OR_RETURN(uint64_t head, from.feed_head());
  return to.set_feed_head(head);
}

Result<StoreSummary> summarize_store(CentralStore& store) {
  StoreSummary summary;
  for (const auto& table : store_tables()) {
    TableSummary t{table.name, 0, ""};
    NASTAVNIK_RETURN_IF_ERROR(store.export_table(table.name, [&](const TableChunk& chunk) -> Status {
      for (size_t i = 0; i < chunk.rows.size(); ++i) {
        // Settings only one side has by nature: the copy's own marker, and the health probe
        // each server writes on its own.
        if (is_copy_marker(chunk, i)) continue;
        if (chunk.table == "server_meta" && chunk.rows[i][0] && *chunk.rows[i][0] == "health_probe") continue;
        t.digest = crypto::hash_hex(t.digest + row_bytes(chunk.rows[i]));
        ++t.rows;
      }
      return Status::Ok();
    }));
    summary.tables.push_back(std::move(t));
  }
  NASTAVNIK_ASSIGN_OR_RETURN(summary.feed_head, store.feed_head());
  return summary;
}

std::vector<std::string> store_differences(const StoreSummary& a, const StoreSummary& b) {
  std::vector<std::string> out;
  for (size_t i = 0; i < a.tables.size() && i < b.tables.size(); ++i) {
    const auto &x = a.tables[i], &y = b.tables[i];
    if (x.rows != y.rows)
      out.push_back(x.table + ": " + std::to_string(x.rows) + " rows against " + std::to_string(y.rows));
    else if (x.digest != y.digest)
      out.push_back(x.table + ": the same " + std::to_string(x.rows) + " rows in number, but not in content");
  }
  if (a.tables.size() != b.tables.size()) out.push_back("the stores hold different tables");
  if (a.feed_head != b.feed_head)
    out.push_back("feed head: " + std::to_string(a.feed_head) + " against " + std::to_string(b.feed_head));
  return out;
}

Status mark_copy_complete(CentralStore& to) { return to.set_meta(kIncompleteCopyKey, ""); }

Status check_copy_complete(CentralStore& store) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto marker, store.meta(kIncompleteCopyKey));
  if (marker && !marker->empty())
    return Status::FailedPrecondition("this store is an unfinished copy (" + *marker +
                                      "): empty it (for PostgreSQL: dropdb and createdb) and run "
                                      "`nastavnik-server migrate-store` again");
  return Status::Ok();
}

}  // namespace nastavnik::server
