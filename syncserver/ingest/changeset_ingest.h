#pragma once
// Ingest of one signed changeset: verify -> authorize -> merge (DESIGN §4.5).
//  1. decode the payload and find the signing device: unknown or revoked devices are refused;
//  2. verify the Ed25519 signature over the bytes as received;
//  3. check versions (older domain schemas are upgraded, newer ones refused);
//  4. check the device's hash chain: a replay is acknowledged again, a gap reported;
//  5. authorize every op against the signing device's role scope; refused ops are listed
//     with a readable reason, the rest are merged;
//  6. record the changeset and its result, all in one transaction, durable before the
//     receipt is signed.
// Store failures come back as a Status; everything about the changeset itself comes back
// in its ChangesetResult.

#include <map>
#include <memory>

#include "shared/core/hlc.h"
#include "shared/ops/changeset.h"
#include "shared/protocol/sync_messages.h"
#include "syncserver/ingest/device_scope.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

// Role scopes of the devices met in one request, built once each.
class ScopeCache {
 public:
  explicit ScopeCache(const RegistrySnapshot& registry) : registry_(registry) {}
  const DeviceScope& scope_for(const Device& device);

 private:
  const RegistrySnapshot& registry_;
  std::map<std::string, DeviceScope> scopes_;
};

struct IngestSettings {
  uint64_t max_drift_ms = kDefaultMaxDriftMs;  // ops stamped further ahead are refused
};

Result<wire::ChangesetResult> ingest_changeset(CentralStore& store, const SealedChangeset& sealed,
                                               ScopeCache& scopes, uint64_t now_ms,
                                               const IngestSettings& settings = {});

}  // namespace nastavnik::server
