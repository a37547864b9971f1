#pragma once
// Opens or creates the central store an address names, with the engine it names.

#include <memory>

#include "shared/core/status.h"
#include "syncserver/store/central_store.h"
#include "syncserver/store/store_address.h"

namespace nastavnik::server {

// NotFound when no store is there; FailedPrecondition for an engine this build lacks.
Result<std::unique_ptr<CentralStore>> open_store_engine(const StoreAddress& address);
// FailedPrecondition when a store exists there already.
Result<std::unique_ptr<CentralStore>> create_store_engine(const StoreAddress& address);

}  // namespace nastavnik::server
