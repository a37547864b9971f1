#include "syncserver/ingest/store_opening.h"

#include "syncserver/ingest/feed_writer.h"
#include "syncserver/store/store_copy.h"
#include "syncserver/store/store_engines.h"

namespace nastavnik::server {

static Result<std::unique_ptr<CentralStore>> ready(Result<std::unique_ptr<CentralStore>> store) {
  if (!store.ok()) return store;
  NASTAVNIK_RETURN_IF_ERROR(check_copy_complete(**store));
  NASTAVNIK_RETURN_IF_ERROR(FeedWriter::retag_if_policy_changed(**store).with_context("tagging the pull feed"));
  return store;
}

Result<std::unique_ptr<CentralStore>> open_store(const StoreAddress& address) {
  return ready(open_store_engine(address));
}

Result<std::unique_ptr<CentralStore>> create_store(const StoreAddress& address) {
  return ready(create_store_engine(address));
}

Result<std::unique_ptr<CentralStore>> open_store(const std::string& address) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto parsed, parse_store_address(address));
  return open_store(parsed);
}

}  // namespace nastavnik::server
