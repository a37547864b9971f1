#pragma once
// The registry snapshot kept between requests. Every sync request needs it (role scopes are
// computed from it) but the registry changes rarely: it is read again only when the store's
// registry version has moved, whether by this server's ingest or by another process
// (nastavnik-server import-registry) writing the same store file.

#include <cstdint>
#include <memory>
#include <mutex>

#include "syncserver/ingest/registry_snapshot.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

class RegistryCache {
 public:
  explicit RegistryCache(CentralStore& store) : store_(store) {}
  // The registry as of now: the version is read before the records, so a snapshot is never
  // labelled with a version newer than its contents.
  Result<std::shared_ptr<const RegistrySnapshot>> current();

 private:
  CentralStore& store_;
  std::mutex mu_;
  uint64_t version_ = 0;
  std::shared_ptr<const RegistrySnapshot> snapshot_;
};

}  // namespace nastavnik::server
