#pragma once
// Which refused ops the person has acknowledged on the sync screen. The replica's store has
// no call to mark rejections acknowledged, so the model keeps their stamps in the meta table
// under "rejections.acknowledged" and filters with them; a rejection that arrives later is
// open again until acknowledged.

#include <vector>

#include "client/store/local_store.h"

namespace nastavnik::model {

// Rejections not yet acknowledged, oldest first.
Result<std::vector<Rejection>> open_rejections(const LocalStore& store);
// Acknowledges every rejection recorded so far.
Status acknowledge_rejections(LocalStore& store);

}  // namespace nastavnik::model
