// `init --store ADDRESS`: creates an empty central store and the server's signing key (next
// to it, or where --server-key says). Refuses when either exists: devices pin the server
// key at enrollment, so a server's identity is never replaced by running init twice.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <system_error>

#include "syncserver/admin/server_identity.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/store_access.h"
#include "syncserver/ingest/store_opening.h"

namespace nastavnik::server::cli {
namespace {

namespace fs = std::filesystem;

void remove_store_files(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

CommandStatus run_init(const StoreChoice& choice) {
  if (CommandStatus s = require_store(choice); !s.ok()) return s;
  NASTAVNIK_ASSIGN_OR_RETURN(auto address, chosen_address(choice));
  NASTAVNIK_ASSIGN_OR_RETURN(auto base, server_key_base(choice));
  const std::string key_file = base.string() + ".key", pub_file = base.string() + ".pub";
  std::error_code ec;
  if (address.engine == StoreAddress::Engine::kSqlite && fs::exists(address.target, ec))
    return CommandStatus::Failure("a store already exists at " + address.target + "; init never replaces one");
  if (fs::exists(key_file, ec))
    return CommandStatus::Failure("a server key already exists at " + key_file +
                                  "; init never replaces one (devices have pinned it)");

  auto store = create_store(address);
  if (!store.ok()) return store.status();
  auto key = create_server_key(base);
  if (!key.ok()) {
    // Leave nothing half made: a store without its key could not serve.
    store->reset();
    if (address.engine == StoreAddress::Engine::kSqlite) remove_store_files(address.target);
    return key.status();
  }
  std::cout << "created store      " << address.display() << "\n"
            << "server key id      " << key->id() << "\n"
            << "server key files   " << key_file << " (secret, mode 0600)\n"
            << "                   " << pub_file << "\n"
            << "Back up the store together with both key files: enrolled devices trust only this key.\n";
  return Status::Ok();
}

}  // namespace

void add_init_command(CLI::App& root, Commands& out) {
  auto store_path = std::make_shared<StoreChoice>();
  CLI::App* cmd = add_command(root, "init", "Create an empty central store and the server's signing key",
                              "  nastavnik-server init --store /var/lib/nastavnik/central.db\n"
                              "  NASTAVNIK_STORE=/var/lib/nastavnik/central.db nastavnik-server init\n");
  add_store_option(cmd, *store_path);
  out.push_back({cmd, [store_path] { return run_init(*store_path); }});
}

}  // namespace nastavnik::server::cli
