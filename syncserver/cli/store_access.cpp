#include "syncserver/cli/store_access.h"

#include <CLI/CLI.hpp>

#include "syncserver/admin/server_identity.h"

namespace nastavnik::server::cli {

void add_store_option(CLI::App* cmd, std::string& path) {
  cmd->add_option("--store", path, "The central store file (SQLite); default: $NASTAVNIK_STORE")
      ->envname(kStoreEnv)
      ->type_name("FILE");
}

CommandStatus require_store_path(const std::string& path) {
  if (path.empty())
    return CommandStatus::Usage(std::string("no store given: pass --store FILE or set ") + kStoreEnv);
  return Status::Ok();
}

Result<std::unique_ptr<SqliteCentralStore>> open_store(const std::string& path) {
  auto store = SqliteCentralStore::open(path);
  if (!store.ok() && store.status().code() == StatusCode::kNotFound)
    return Status::NotFound("no store at " + path + ": create one with `nastavnik-server init --store " +
                            path + "`");
  return store;
}

Result<crypto::KeyPair> open_server_key(const std::string& store_path) {
  auto key = load_server_key(store_path);
  if (key.ok()) return key;
  const std::string file = server_key_base(store_path).string() + ".key";
  // KeyPair's own messages speak of a device key and the client's init; say what a
  // server operator has to do instead.
  if (key.status().code() == StatusCode::kNotFound)
    return Status::NotFound("the server key " + file +
                            " is missing: restore it from the backup of this store " +
                            "(devices have pinned it; a new key would make them refuse this server)");
  return key.status().with_context("server key");
}

}  // namespace nastavnik::server::cli
