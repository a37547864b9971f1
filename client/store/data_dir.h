#pragma once
// DataDir: where a device keeps its replica and its identity, and how that place is
// created and opened. The CLI and the desktop client both use it, so it knows nothing of
// any user interface; its messages are plain English Status texts that front ends may
// replace with their own.
//
// Layout of a data directory (mode 0700):
//   replica.db          the LocalStore file (plus SQLite's -wal/-shm companions)
//   device.key          Ed25519 secret key, mode 0600, never leaves the device
//   device.pub          the matching public key (hex)

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "client/store/local_store.h"
#include "shared/core/status.h"
#include "shared/crypto/key_pair.h"
#include "shared/domain/write_policy.h"

namespace nastavnik {

// An opened replica together with the device key that signs its changesets.
struct DeviceReplica {
  std::unique_ptr<LocalStore> store;
  crypto::KeyPair key;
};

// Reads an environment variable; injectable so tests need not touch the real environment.
using EnvLookup = std::function<const char*(const char*)>;

class DataDir {
 public:
  explicit DataDir(std::filesystem::path root) : root_(std::move(root)) {}

  // The directory to use: `explicit_dir` when not empty (the --data option), else
  // $NASTAVNIK_DATA, else $XDG_DATA_HOME/nastavnik, else $HOME/.local/share/nastavnik.
  // The result is absolute. FailedPrecondition when none of these is available.
  static Result<DataDir> resolve(const std::string& explicit_dir, const EnvLookup& env = default_env());
  static EnvLookup default_env();

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path replica_path() const { return root_ / "replica.db"; }
  // Base name of the key pair: <base>.key and <base>.pub.
  std::filesystem::path key_base() const { return root_ / "device"; }
  std::filesystem::path key_path() const { return root_ / "device.key"; }
  std::filesystem::path public_key_path() const { return root_ / "device.pub"; }

  // True when a replica file exists (it may still be damaged).
  bool has_replica() const;

  // Creates the directory (mode 0700, parents as needed), a new device key pair and an
  // empty replica bound to that key, and records `actor` as who writes on this device.
  // FailedPrecondition, touching nothing, if a replica or a key is already there: an
  // existing identity is never overwritten. If creating the replica fails after the key
  // was written, the new key files are removed again so that a retry can succeed.
  Result<DeviceReplica> initialise(const Actor& actor, LocalStoreOptions options = {}) const;

  // Opens the replica and loads the device key. NotFound with the command to run when
  // there is no replica; the store's Corruption (file left untouched) when it is damaged;
  // the key's NotFound / PermissionDenied / Corruption when the key is missing, readable
  // by others or damaged; Corruption when the key does not belong to the replica.
  Result<DeviceReplica> open(LocalStoreOptions options = {}) const;

 private:
  Status create_root() const;
  std::filesystem::path root_;
};

}  // namespace nastavnik
