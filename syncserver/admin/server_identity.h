#pragma once
// The server's signing key and clock. The key pair is two files, BASE.key (mode 0600) and
// BASE.pub: by default next to a SQLite store (<store>.server.key), anywhere the operator
// names (`--server-key FILE`), which a PostgreSQL store needs since it has no file of its
// own. The clock's last stamp is kept in the store so that stamps stay increasing across
// restarts.

#include <filesystem>

#include "shared/core/hlc.h"
#include "shared/crypto/key_pair.h"
#include "syncserver/store/central_store.h"
#include "syncserver/store/store_address.h"

namespace nastavnik::server {

// BASE for the key file named `key_file` (".key" is the secret half), or, when `key_file`
// is empty, next to the store. InvalidArgument for a name not ending in ".key";
// FailedPrecondition for a store with no file to keep it beside.
Result<std::filesystem::path> server_key_base(const StoreAddress& store, const std::string& key_file);

// Creates the key pair; FailedPrecondition if one exists (a server's identity is never
// replaced by accident: devices have pinned it).
Result<crypto::KeyPair> create_server_key(const std::filesystem::path& base);
Result<crypto::KeyPair> load_server_key(const std::filesystem::path& base);

// A clock for server-authored ops, restored from the store.
Result<HlcClock> restore_server_clock(CentralStore& store, const crypto::KeyPair& key, WallClock wall);
Status save_server_clock(CentralStore& store, const HlcClock& clock);

}  // namespace nastavnik::server
