#pragma once
// The server's signing key and clock. The key pair lives next to the store
// (<store>.server.key, mode 0600, and <store>.server.pub); the clock's last stamp is kept
// in the store so that stamps stay increasing across restarts.

#include <filesystem>

#include "shared/core/hlc.h"
#include "shared/crypto/key_pair.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

std::filesystem::path server_key_base(const std::filesystem::path& store_path);

// Creates the key pair; FailedPrecondition if one exists (a server's identity is never
// replaced by accident: devices have pinned it).
Result<crypto::KeyPair> create_server_key(const std::filesystem::path& store_path);
Result<crypto::KeyPair> load_server_key(const std::filesystem::path& store_path);

// A clock for server-authored ops, restored from the store.
Result<HlcClock> restore_server_clock(CentralStore& store, const crypto::KeyPair& key, WallClock wall);
Status save_server_clock(CentralStore& store, const HlcClock& clock);

}  // namespace nastavnik::server
