#include "client/store/data_dir.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "shared/crypto/sodium.h"

namespace nastavnik {
namespace fs = std::filesystem;
namespace {

const char* non_empty(const char* value) { return value && *value ? value : nullptr; }

// Removes files this process has just created; used only to undo a failed initialise.
void remove_quietly(const std::vector<fs::path>& paths) {
  std::error_code ec;
  for (const auto& p : paths) fs::remove(p, ec);
}

}  // namespace

EnvLookup DataDir::default_env() {
  return [](const char* name) { return static_cast<const char*>(std::getenv(name)); };
}

Result<DataDir> DataDir::resolve(const std::string& explicit_dir, const EnvLookup& env) {
  fs::path dir;
  if (!explicit_dir.empty()) {
    dir = explicit_dir;
  } else if (const char* data = non_empty(env("NASTAVNIK_DATA"))) {
    dir = data;
  } else if (const char* xdg = non_empty(env("XDG_DATA_HOME"))) {
    dir = fs::path(xdg) / "nastavnik";
  } else if (const char* home = non_empty(env("HOME"))) {
    dir = fs::path(home) / ".local" / "share" / "nastavnik";
  } else {
    return Status::FailedPrecondition(
        "cannot tell where to keep the data: give --data DIR or set NASTAVNIK_DATA");
  }
  std::error_code ec;
  fs::path absolute = fs::absolute(dir, ec);
  if (ec) return Status::IoError("cannot resolve data directory " + dir.string() + ": " + ec.message());
  return DataDir(absolute.lexically_normal());
}

bool DataDir::has_replica() const {
  std::error_code ec;
  return fs::exists(replica_path(), ec);
}

Status DataDir::create_root() const {
  std::error_code ec;
  if (root_.has_parent_path()) fs::create_directories(root_.parent_path(), ec);
  if (ec) return Status::IoError("cannot create " + root_.parent_path().string() + ": " + ec.message());
  // mkdir with the mode (rather than chmod afterwards) so the directory is never briefly
  // open to others. An existing directory keeps the mode its owner gave it.
  if (::mkdir(root_.c_str(), 0700) != 0 && errno != EEXIST)
    return Status::IoError("cannot create " + root_.string() + ": " + std::strerror(errno));
  if (!fs::is_directory(root_, ec))
    return Status::FailedPrecondition(root_.string() + " exists and is not a directory");
  return Status::Ok();
}

Result<DeviceReplica> DataDir::initialise(const Actor& actor, LocalStoreOptions options) const {
  NASTAVNIK_RETURN_IF_ERROR(create_root());
  std::error_code ec;
  for (const fs::path& existing : {replica_path(), key_path(), public_key_path()})
    if (fs::exists(existing, ec))
      return Status::FailedPrecondition(root_.string() + " is already initialised (" +
                                        existing.filename().string() + " exists); nothing was changed");
  NASTAVNIK_RETURN_IF_ERROR(crypto::ensure_initialised());

  DeviceReplica out;
  out.key = crypto::KeyPair::generate();
  const std::vector<fs::path> key_files = {key_path(), public_key_path()};
  if (Status s = out.key.save(key_base()); !s.ok()) {
    remove_quietly(key_files);
    return s;
  }
  const fs::path db = replica_path();
  const std::vector<fs::path> created = {key_path(),
                                         public_key_path(),
                                         db,
                                         fs::path(db.string() + "-wal"),
                                         fs::path(db.string() + "-shm"),
                                         fs::path(db.string() + "-journal")};
  auto store = LocalStore::create(db, out.key.id(), options);
  if (!store.ok()) {
    remove_quietly(created);
    return store.status();
  }
  out.store = std::move(store).value();
  if (!actor.person_id.empty() || !actor.roles.empty() || !actor.school_id.empty()) {
    if (Status s = out.store->set_actor(actor); !s.ok()) {
      out.store.reset();
      remove_quietly(created);
      return s;
    }
  }
  return out;
}

Result<DeviceReplica> DataDir::open(LocalStoreOptions options) const {
  if (!has_replica())
    return Status::NotFound("no replica in " + root_.string() + ": run 'nastavnik-cli init --data " +
                            root_.string() + "'");
  // SQLite takes an empty file for an empty database, and opening would then write a fresh
  // schema into it. An empty replica is a damaged one (a cut copy, a full disk): say so
  // and leave it as it is.
  std::error_code ec;
  if (fs::file_size(replica_path(), ec) == 0 && !ec)
    return Status::Corruption(replica_path().string() +
                              " is empty (damaged or cut short); it was left untouched");
  DeviceReplica out;
  NASTAVNIK_ASSIGN_OR_RETURN(out.store, LocalStore::open(replica_path(), options));
  NASTAVNIK_ASSIGN_OR_RETURN(out.key, crypto::KeyPair::load(key_base()));
  if (out.key.id() != out.store->device_id())
    return Status::Corruption("device key " + key_path().string() + " does not belong to replica " +
                              replica_path().string() + " (device " + out.store->device_id() + ")");
  return out;
}

}  // namespace nastavnik
