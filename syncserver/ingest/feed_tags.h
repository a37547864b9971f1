#pragma once
// Feed tags: every feed row is tagged, when written, with what its record names that the
// entity's read rules look at, so that a pull for a device that does not read everything
// looks up the rows carrying one of its scope's tags instead of examining the whole
// municipality's feed. Both sides come from the schema's read rules alone:
//  - a record carries, for each rule of its entity, "<set>:<value>" for each value of the
//    rule's field (its id for a rule on the record itself), "*" for a rule of everyone, and
//    "me:<author>" (everyone reads what they wrote);
//  - a device asks for "<set>:<member>" for each member of each of its scope's sets.
// A record a device can read therefore carries one of the device's tags; rules that hold
// only for a role or while a field is empty tag regardless, and the pull still decides.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/domain/schema.h"

namespace nastavnik::server::feed_tags {

inline constexpr const char* kEveryone = "*";

// The tag of one member of one of a device's scope sets.
std::string member(ScopeSet set, const std::string& value);
// The tags of a record of `entity` whose read-policy fields are `record` (any other fields
// are ignored), sorted and each once.
std::vector<std::string> of_record(const EntitySchema& entity, const std::string& id, const nlohmann::json& record);
// Changes whenever a read rule of any entity changes: tags written under other rules are
// then stale, and the feed is tagged again (FeedWriter::retag_if_policy_changed).
std::string policy_fingerprint();

}  // namespace nastavnik::server::feed_tags
