#include "syncserver/store/store_engines.h"

#include "syncserver/store/sqlite_central_store.h"

namespace nastavnik::server {

static Status no_postgresql(const StoreAddress& address) {
  return Status::FailedPrecondition("this nastavnik-server has no PostgreSQL store engine yet (" + address.display() +
                                    "): use a SQLite store, sqlite:PATH");
}

Result<std::unique_ptr<CentralStore>> open_store_engine(const StoreAddress& address) {
  if (address.engine == StoreAddress::Engine::kPostgresql) return no_postgresql(address);
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, SqliteCentralStore::open(address.target));
  return std::unique_ptr<CentralStore>(std::move(store));
}

Result<std::unique_ptr<CentralStore>> create_store_engine(const StoreAddress& address) {
  if (address.engine == StoreAddress::Engine::kPostgresql) return no_postgresql(address);
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, SqliteCentralStore::create(address.target));
  return std::unique_ptr<CentralStore>(std::move(store));
}

}  // namespace nastavnik::server
