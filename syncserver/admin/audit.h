#pragma once
// `audit verify`: every changeset the store keeps — the devices' and the server's own signed
// registry imports — checked again as on arrival, from the stored bytes: the frame is whole,
// its signature verifies with the key of the device named in it, the stored hash is the
// payload's, and each device's chain runs without a gap or a broken link up to the head the
// store records for it. A changeset altered in the store, one removed from the middle of a
// chain, or a chain head moved shows up as a break. Frames pruned to an archive file
// (`archive prune`) are checked in that file: a chain may start after them.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "shared/crypto/key_pair.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

struct AuditBreak {
  std::string device;
  uint64_t seq = 0;
  std::string problem;
};

struct AuditReport {
  int64_t changesets = 0;
  int64_t devices = 0;
  int64_t server_changesets = 0;  // registry imports signed by the server
  std::vector<AuditBreak> breaks;
};

// `progress` is called every few thousand changesets with how many were checked.
Result<AuditReport> verify_store(CentralStore& store, const crypto::KeyPair& server_key,
                                 const std::function<void(int64_t)>& progress = nullptr);

}  // namespace nastavnik::server
