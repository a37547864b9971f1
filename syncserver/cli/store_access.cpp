#include "syncserver/cli/store_access.h"

#include <CLI/CLI.hpp>

#include "syncserver/admin/server_identity.h"
#include "syncserver/ingest/store_opening.h"

namespace nastavnik::server::cli {

void add_store_option(CLI::App* cmd, StoreChoice& choice) {
  cmd->add_option("--store", choice.address,
                  "The central store: a SQLite file (PATH or sqlite:PATH) or a PostgreSQL database "
                  "(postgresql://USER@HOST/DB); default: $NASTAVNIK_STORE")
      ->envname(kStoreEnv)
      ->type_name("ADDRESS");
  cmd->add_option("--server-key", choice.key_file,
                  "The server's secret key file, *.key (its public half *.pub is beside it); "
                  "default: next to a SQLite store, STORE.server.key, or $NASTAVNIK_SERVER_KEY")
      ->envname(kServerKeyEnv)
      ->type_name("FILE");
}

CommandStatus require_store(const StoreChoice& choice) {
  if (choice.address.empty())
    return CommandStatus::Usage(std::string("no store given: pass --store PATH or set ") + kStoreEnv);
  if (auto address = parse_store_address(choice.address); !address.ok())
    return CommandStatus::Usage(address.status().message());
  return Status::Ok();
}

Result<StoreAddress> chosen_address(const StoreChoice& choice) { return parse_store_address(choice.address); }

Result<std::unique_ptr<CentralStore>> open_store(const StoreChoice& choice) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto address, chosen_address(choice));
  auto store = server::open_store(address);
  if (!store.ok() && store.status().code() == StatusCode::kNotFound)
    return Status::NotFound("no store at " + address.display() + ": create one with `nastavnik-server init --store " +
                            choice.address + "`");
  return store;
}

Result<std::filesystem::path> server_key_base(const StoreChoice& choice) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto address, chosen_address(choice));
  return server::server_key_base(address, choice.key_file);
}

Result<crypto::KeyPair> open_server_key(const StoreChoice& choice) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto base, server_key_base(choice));
  auto key = load_server_key(base);
  if (key.ok()) return key;
  const std::string file = base.string() + ".key";
  // KeyPair's own messages speak of a device key and the client's init; say what a
  // server operator has to do instead.
  if (key.status().code() == StatusCode::kNotFound)
    return Status::NotFound("the server key " + file + " is missing: restore it from the backup of this store " +
                            "(devices have pinned it; a new key would make them refuse this server)");
  return key.status().with_context("server key");
}

}  // namespace nastavnik::server::cli
