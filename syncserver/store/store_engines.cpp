#include "syncserver/store/store_engines.h"

#include "syncserver/store/postgres_central_store.h"
#include "syncserver/store/sqlite_central_store.h"

namespace nastavnik::server {

Result<std::unique_ptr<CentralStore>> open_store_engine(const StoreAddress& address) {
  if (address.engine == StoreAddress::Engine::kPostgresql) {
    auto store = PostgresCentralStore::open(address.target);
    if (!store.ok()) return store.status().with_context(address.display());
    return std::unique_ptr<CentralStore>(std::move(store).value());
  }
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, SqliteCentralStore::open(address.target));
  return std::unique_ptr<CentralStore>(std::move(store));
}

Result<std::unique_ptr<CentralStore>> create_store_engine(const StoreAddress& address) {
  if (address.engine == StoreAddress::Engine::kPostgresql) {
    auto store = PostgresCentralStore::create(address.target);
    if (!store.ok()) return store.status().with_context(address.display());
    return std::unique_ptr<CentralStore>(std::move(store).value());
  }
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, SqliteCentralStore::create(address.target));
  return std::unique_ptr<CentralStore>(std::move(store));
}

}  // namespace nastavnik::server
