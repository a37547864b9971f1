#include "syncserver/ingest/registry_cache.h"

#include "shared/domain/schema.h"
#include "syncserver/ingest/feed_writer.h"

namespace nastavnik::server {

Result<std::shared_ptr<const RegistrySnapshot>> RegistryCache::current() {
  std::lock_guard<std::mutex> g(mu_);
  NASTAVNIK_ASSIGN_OR_RETURN(uint64_t version, FeedWriter::registry_version(store_));
  if (snapshot_ && version == version_) return snapshot_;
  NASTAVNIK_ASSIGN_OR_RETURN(auto records, store_.live_records(DomainSchema::instance().registry_entities()));
  snapshot_ = std::make_shared<const RegistrySnapshot>(records);
  version_ = version;
  return snapshot_;
}

}  // namespace nastavnik::server
