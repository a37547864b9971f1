#pragma once
// How the server opens its store: the engine the address names (store/store_engines.h), with
// the feed tagged under the schema's current read rules before any request is served.

#include <memory>
#include <string>

#include "shared/core/status.h"
#include "syncserver/store/central_store.h"
#include "syncserver/store/store_address.h"

namespace nastavnik::server {

Result<std::unique_ptr<CentralStore>> open_store(const StoreAddress& address);
Result<std::unique_ptr<CentralStore>> create_store(const StoreAddress& address);
// The same, from an address's text (store_address.h).
Result<std::unique_ptr<CentralStore>> open_store(const std::string& address);

}  // namespace nastavnik::server
