#pragma once
// import-registry: writes a registry file into the central store as ops stamped by the
// server's own clock, so the registry reaches devices through the ordinary pull. A record
// that exists already gets only its changed fields; importing the same file twice writes
// nothing the second time. The ops of an import are one changeset signed by the server key
// and chained like a device's (device id: the server key id), kept in the archive beside
// the devices' changesets: `audit verify` checks them, and who changed the registry when is
// as provable as any other change.

#include "shared/crypto/key_pair.h"
#include <filesystem>
#include <map>
#include <string>

#include "shared/core/hlc.h"
#include "shared/domain/registry_file.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

struct ImportReport {
  std::map<std::string, int> created, updated, unchanged;  // by entity
};

// All or nothing: any invalid record (reported with its position) leaves the store as it
// was. `clock` is the server's clock (its device id is the server key id).
Result<ImportReport> import_registry(CentralStore& store, const RegistryFile& file, HlcClock& clock,
                                     const crypto::KeyPair& server_key, uint64_t now_ms);

}  // namespace nastavnik::server
