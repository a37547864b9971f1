#pragma once
// What a replica remembers about its server, kept in the replica's meta table: the address,
// the pinned server key, the pull cursor and scope, and whether the device was revoked.

#include <optional>
#include <string>

#include "client/store/local_store.h"
#include "shared/crypto/sodium.h"

namespace nastavnik {

struct SyncState {
  std::string server_url;
  std::string server_key_hex;  // pinned at enrollment
  uint64_t cursor = 0;
  std::string scope;
  uint64_t last_sync_ms = 0;
  std::string revoked_message;  // non-empty once the server said the device is revoked
  std::string person_name;
  // The server's clock minus this device's, as last seen in an answer: requests are signed
  // with the corrected time (signed_post.h).
  int64_t clock_offset_ms = 0;
  // The certificate authority to trust for an https server address with a certificate of
  // the municipality's own CA (empty: the system's authorities).
  std::string ca_cert_file;

  bool enrolled() const { return !server_key_hex.empty(); }
  // FailedPrecondition when the replica was never enrolled.
  static Result<SyncState> load(const LocalStore& store);
  Status save(LocalStore& store) const;
  Result<crypto::PublicKey> server_key() const;
};

}  // namespace nastavnik
