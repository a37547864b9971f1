#pragma once
// What an applied op means for the pull feed, decided here from the schema and not by the
// store engine: the op is appended with its record's tags (feed_tags.h); when a write
// changes whom the record is visible to, the record's earlier ops are fed again under its
// new tags so that devices that can now see it receive all of it; and an op on a registry
// entity moves the registry version (RegistryCache reads the registry again).

#include <optional>

#include "shared/core/status.h"
#include "shared/ops/op.h"
#include "shared/records/record.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

// The store setting that the registry version is kept under.
inline constexpr const char* kRegistryVersionKey = "registry_version";
// The store setting naming the read rules the feed was tagged under.
inline constexpr const char* kFeedTagPolicyKey = "feed_tag_policy";

class FeedWriter {
 public:
  // Merges `op` in `unit` and feeds it; `before` is its record as it was (absent for a new
  // record). An op already in the store changes nothing.
  static Status apply(IngestUnit& unit, const Op& op, const std::optional<Record>& before, uint64_t now_ms);
  // Tags the whole feed again, in one transaction, when it was tagged under other read
  // rules (an older schema, or a store written before tags followed the rules).
  static Status retag_if_policy_changed(CentralStore& store);
  static Result<uint64_t> registry_version(CentralStore& store);
};

}  // namespace nastavnik::server
