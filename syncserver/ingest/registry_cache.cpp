#include "syncserver/ingest/registry_cache.h"

namespace nastavnik::server {

Result<std::shared_ptr<const RegistrySnapshot>> RegistryCache::current() {
  std::lock_guard<std::mutex> g(mu_);
  NASTAVNIK_ASSIGN_OR_RETURN(uint64_t version, store_.registry_version());
  if (snapshot_ && version == version_) return snapshot_;
  NASTAVNIK_ASSIGN_OR_RETURN(auto records, store_.registry_records());
  snapshot_ = std::make_shared<const RegistrySnapshot>(records);
  version_ = version;
  return snapshot_;
}

}  // namespace nastavnik::server
