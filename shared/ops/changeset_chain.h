#pragma once
// The next link of a device's changeset chain (docs/PROTOCOL.md §4.4): a device's outbox
// and the server's own signed registry imports both chain their changesets this way.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "shared/ops/changeset.h"

namespace nastavnik {

// The changeset that follows `head` (the chain's last sequence number and hash; 0 and
// kGenesisHash before the first) in `device`'s chain, holding `ops`.
Changeset next_in_chain(const std::string& device, const std::pair<uint64_t, std::string>& head, int schema,
                        std::vector<Op> ops, uint64_t now_ms);

}  // namespace nastavnik
