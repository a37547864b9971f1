#pragma once
// The archive read in batches (CentralStore::for_each_changeset), whatever the engine: a
// batch is read with the store held, then handed out with the store free, so ingest goes on
// during a long export.

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "shared/core/status.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

// Changesets after a place in the order of receipt, each with its own place.
using ChangesetBatch = std::vector<std::pair<int64_t, ArchivedChangeset>>;

// Calls `each` for every changeset `read_after(place)` gives, starting after place 0, until
// a batch shorter than `batch_size` ends it.
Status for_each_in_batches(int64_t batch_size, const std::function<Result<ChangesetBatch>(int64_t)>& read_after,
                           const std::function<Status(const ArchivedChangeset&)>& each);

}  // namespace nastavnik::server
