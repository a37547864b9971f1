#pragma once
// Compaction of the central store: ops that no current value comes from leave the op log
// and the pull feed once every active device has pulled past them. The compaction point is
// the lowest cursor of the active devices — not revoked, seen (or enrolled) within the
// inactivity window, and past their first page: a device that has pulled nothing yet, or
// comes back below the point, starts over from the compacted feed, a snapshot of its scope
// (docs/PROTOCOL.md §8). The signed changesets stay as the audit archive.

#include <cstdint>
#include <vector>

#include "shared/core/status.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

struct CompactionPlan {
  uint64_t point = 0;            // compact the feed up to here
  uint64_t feed_head = 0;
  std::vector<Device> holding;   // the active devices at the lowest cursor
  int64_t active = 0, inactive = 0, not_started = 0;
};

Result<CompactionPlan> plan_compaction(CentralStore& store, uint64_t now_ms, uint64_t inactive_after_ms);
Result<CompactionReport> compact_store(CentralStore& store, const CompactionPlan& plan);

}  // namespace nastavnik::server
