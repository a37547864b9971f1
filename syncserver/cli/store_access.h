#pragma once
// How commands find and open the central store and the server key. The store is always
// named explicitly (--store ADDRESS, or $NASTAVNIK_STORE): a server must never pick up some
// default file and hand out a second identity by accident. The key is next to a SQLite
// store unless --server-key (or $NASTAVNIK_SERVER_KEY) names it.

#include <filesystem>
#include <memory>
#include <string>

#include "shared/core/status.h"
#include "shared/crypto/key_pair.h"
#include "syncserver/cli/command.h"
#include "syncserver/store/central_store.h"
#include "syncserver/store/store_address.h"

namespace CLI {
class App;
}

namespace nastavnik::server::cli {

inline constexpr const char* kStoreEnv = "NASTAVNIK_STORE";
inline constexpr const char* kServerKeyEnv = "NASTAVNIK_SERVER_KEY";

struct StoreChoice {
  std::string address;   // store_address.h
  std::string key_file;  // empty: next to the store
};

// Adds --store ADDRESS and --server-key FILE (also read from the environment) to `cmd`.
void add_store_option(CLI::App* cmd, StoreChoice& choice);
// A usage error naming both ways to give the store when none was given, or saying what is
// wrong with the address given.
CommandStatus require_store(const StoreChoice& choice);
// The store's address (after require_store).
Result<StoreAddress> chosen_address(const StoreChoice& choice);
// Opens an existing store. NotFound says to run `init` first.
Result<std::unique_ptr<CentralStore>> open_store(const StoreChoice& choice);
Result<std::filesystem::path> server_key_base(const StoreChoice& choice);
// Loads the server key; its errors name the file.
Result<crypto::KeyPair> open_server_key(const StoreChoice& choice);

}  // namespace nastavnik::server::cli
