// `init --store FILE`: creates an empty central store and the server's signing key next to
// it. Refuses when either exists: devices pin the server key at enrollment, so a server's
// identity is never replaced by running init twice.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <system_error>

#include "syncserver/admin/server_identity.h"
#include "syncserver/cli/commands.h"
#include "syncserver/cli/store_access.h"

namespace nastavnik::server::cli {
namespace {

namespace fs = std::filesystem;

void remove_store_files(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

CommandStatus run_init(const std::string& store_path) {
  if (CommandStatus s = require_store_path(store_path); !s.ok()) return s;
  const fs::path base = server_key_base(store_path);
  const std::string key_file = base.string() + ".key", pub_file = base.string() + ".pub";
  std::error_code ec;
  if (fs::exists(store_path, ec))
    return CommandStatus::Failure("a store already exists at " + store_path + "; init never replaces one");
  if (fs::exists(key_file, ec))
    return CommandStatus::Failure("a server key already exists at " + key_file +
                                  "; init never replaces one (devices have pinned it)");

  auto store = SqliteCentralStore::create(store_path);
  if (!store.ok()) return store.status();
  auto key = create_server_key(store_path);
  if (!key.ok()) {
    // Leave nothing half made: a store without its key could not serve.
    store->reset();
    remove_store_files(store_path);
    return key.status();
  }
  std::cout << "created store      " << store_path << "\n"
            << "server key id      " << key->id() << "\n"
            << "server key files   " << key_file << " (secret, mode 0600)\n"
            << "                   " << pub_file << "\n"
            << "Back up the store together with both key files: enrolled devices trust only this key.\n";
  return Status::Ok();
}

}  // namespace

void add_init_command(CLI::App& root, Commands& out) {
  auto store_path = std::make_shared<std::string>();
  CLI::App* cmd = add_command(root, "init", "Create an empty central store and the server's signing key",
                              "  nastavnik-server init --store /var/lib/nastavnik/central.db\n"
                              "  NASTAVNIK_STORE=/var/lib/nastavnik/central.db nastavnik-server init\n");
  add_store_option(cmd, *store_path);
  out.push_back({cmd, [store_path] { return run_init(*store_path); }});
}

}  // namespace nastavnik::server::cli
