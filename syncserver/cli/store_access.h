#pragma once
// How commands find and open the central store and the server key next to it. The store
// is always named explicitly (--store FILE, or $NASTAVNIK_STORE): a server must never
// pick up some default file and hand out a second identity by accident.

#include <memory>
#include <string>

#include "shared/core/status.h"
#include "shared/crypto/key_pair.h"
#include "syncserver/cli/command.h"
#include "syncserver/store/sqlite_central_store.h"

namespace CLI {
class App;
}

namespace nastavnik::server::cli {

inline constexpr const char* kStoreEnv = "NASTAVNIK_STORE";

// Adds --store FILE (also read from $NASTAVNIK_STORE) to `cmd`.
void add_store_option(CLI::App* cmd, std::string& path);
// A usage error naming both ways to give the store when `path` is empty.
CommandStatus require_store_path(const std::string& path);

// Opens an existing store. NotFound says to run `init` first.
Result<std::unique_ptr<SqliteCentralStore>> open_store(const std::string& path);
// Loads <store>.server.key; its errors name the file.
Result<crypto::KeyPair> open_server_key(const std::string& store_path);

}  // namespace nastavnik::server::cli
