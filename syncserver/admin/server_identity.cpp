#include "syncserver/admin/server_identity.h"

namespace nastavnik::server {
namespace {
constexpr const char* kClockKey = "last_hlc";
}

Result<std::filesystem::path> server_key_base(const StoreAddress& store, const std::string& key_file) {
  if (!key_file.empty()) {
    if (!key_file.ends_with(".key") || key_file.size() == 4)
      return Status::InvalidArgument("the server key file must be named *.key (its public half is kept beside it "
                                     "as *.pub): " + key_file);
    return std::filesystem::path(key_file.substr(0, key_file.size() - 4));
  }
  if (store.engine != StoreAddress::Engine::kSqlite)
    return Status::FailedPrecondition("a " + store.display() +
                                      " store has no file to keep the server key beside: give --server-key FILE");
  return std::filesystem::path(store.target + ".server");
}

Result<crypto::KeyPair> create_server_key(const std::filesystem::path& base) {
  const auto key = crypto::KeyPair::generate();
  NASTAVNIK_RETURN_IF_ERROR(key.save(base));
  return key;
}

Result<crypto::KeyPair> load_server_key(const std::filesystem::path& base) { return crypto::KeyPair::load(base); }

Result<HlcClock> restore_server_clock(CentralStore& store, const crypto::KeyPair& key, WallClock wall) {
  HlcClock clock(key.id(), std::move(wall));
  NASTAVNIK_ASSIGN_OR_RETURN(auto last, store.meta(kClockKey));
  if (last) {
    NASTAVNIK_ASSIGN_OR_RETURN(Hlc h, Hlc::parse(*last));
    clock.restore(h);
  }
  return clock;
}

Status save_server_clock(CentralStore& store, const HlcClock& clock) {
  return store.set_meta(kClockKey, clock.last().str());
}

}  // namespace nastavnik::server
