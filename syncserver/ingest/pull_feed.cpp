#include "syncserver/ingest/pull_feed.h"

namespace nastavnik::server {
namespace {

// Reads feed rows after a cursor: the whole feed for a device that reads everything, else
// only the rows tagged with something in its scope, up to the feed's head when the pull began.
class FeedSource {
 public:
  FeedSource(CentralStore& store, const DeviceScope& scope, uint64_t head)
      : store_(store), head_(head), everything_(scope.reads_everything()),
        tags_(everything_ ? std::vector<std::string>() : scope.read_tags()) {}

  Result<std::vector<FeedRow>> after(uint64_t cursor, size_t max_rows) {
    if (everything_) return store_.read_feed(cursor, max_rows, DeviceScope::read_fields());
    return store_.read_tagged_feed(cursor, head_, tags_, max_rows, DeviceScope::read_fields());
  }
  // Where the cursor may go once after() has no more rows.
  uint64_t end(uint64_t cursor) const { return everything_ ? cursor : std::max(cursor, head_); }

 private:
  CentralStore& store_;
  const uint64_t head_;
  const bool everything_;
  const std::vector<std::string> tags_;
};

}  // namespace

Result<wire::PullPage> read_page(CentralStore& store, const DeviceScope& scope, uint64_t from, uint32_t limit,
                                 uint64_t head, const std::string& requester) {
  wire::PullPage page;
  page.from = from;
  page.cursor = from;
  FeedSource feed(store, scope, head);
  const size_t max_scanned = static_cast<size_t>(limit) * 20;
  size_t scanned = 0;
  while (page.ops.size() < limit) {
    if (scanned >= max_scanned) {
      page.more = true;
      break;
    }
    const size_t want = std::min<size_t>(limit - page.ops.size(), max_scanned - scanned);
    NASTAVNIK_ASSIGN_OR_RETURN(auto rows, feed.after(page.cursor, want));
    for (const auto& row : rows) {
      page.cursor = row.seq;
      ++scanned;
      // The tags only narrow the feed down: the record as it is now decides, before the op
      // is parsed.
      if (row.hlc.ends_with(requester) || !scope.can_read(row.entity, row.record_id, row.record)) continue;
      NASTAVNIK_ASSIGN_OR_RETURN(Op op, op_from_json(nlohmann::json::parse(row.op_body, nullptr, false)));
      page.ops.push_back(std::move(op));
    }
    if (rows.size() < want) {  // nothing more for this device
      page.cursor = feed.end(page.cursor);
      return page;
    }
  }
  if (!page.more) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto next, feed.after(page.cursor, 1));
    page.more = !next.empty();
  }
  return page;
}

}  // namespace nastavnik::server
