#include "syncserver/ingest/pull_feed.h"

namespace nastavnik::server {

Result<wire::PullPage> read_page(CentralStore& store, const DeviceScope& scope, uint64_t from, uint32_t limit) {
  wire::PullPage page;
  page.from = from;
  page.cursor = from;
  const size_t max_scanned = static_cast<size_t>(limit) * 20;
  size_t scanned = 0;
  while (page.ops.size() < limit) {
    if (scanned >= max_scanned) {
      page.more = true;
      break;
    }
    const size_t want = std::min<size_t>(limit - page.ops.size(), max_scanned - scanned);
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, store.read_feed(page.cursor, want, DeviceScope::kReadFields));
    for (const auto& row : rows) {
      page.cursor = row.seq;
      ++scanned;
      // Most of a municipality's feed is outside one device's scope: decide on the record
      // before parsing the op.
      if (!scope.can_read(row.entity, row.record_id, row.record)) continue;
      NASTAVNIK_ASSIGN_OR_RETURN(Op op, op_from_json(nlohmann::json::parse(row.op_body, nullptr, false)));
      page.ops.push_back(std::move(op));
    }
    if (rows.size() < want) return page;  // the feed is exhausted
  }
  if (!page.more) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto next, store.read_feed(page.cursor, 1, {}));
    page.more = !next.empty();
  }
  return page;
}

}  // namespace nastavnik::server
