#include "syncserver/admin/compaction.h"

#include <algorithm>

namespace nastavnik::server {

Result<CompactionPlan> plan_compaction(CentralStore& store, uint64_t now_ms, uint64_t inactive_after_ms) {
  CompactionPlan plan;
  NASTAVNIK_ASSIGN_OR_RETURN(plan.feed_head, store.feed_head());
  NASTAVNIK_ASSIGN_OR_RETURN(auto devices, store.list_devices());
  const uint64_t horizon = now_ms > inactive_after_ms ? now_ms - inactive_after_ms : 0;
  plan.point = plan.feed_head;
  for (const auto& d : devices) {
    if (d.revoked()) continue;
    if (std::max(d.last_seen_ms, d.enrolled_ms) < horizon) {
      ++plan.inactive;
      continue;
    }
    if (d.cursor == 0) {
      ++plan.not_started;
      continue;
    }
    ++plan.active;
    if (d.cursor < plan.point) {
      plan.point = d.cursor;
      plan.holding.clear();
    }
    if (d.cursor == plan.point) plan.holding.push_back(d);
  }
  return plan;
}

Result<CompactionReport> compact_store(CentralStore& store, const CompactionPlan& plan) {
  return store.compact(plan.point);
}

}  // namespace nastavnik::server
