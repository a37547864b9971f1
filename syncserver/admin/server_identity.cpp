#include "syncserver/admin/server_identity.h"

namespace nastavnik::server {
namespace {
constexpr const char* kClockKey = "last_hlc";
}

std::filesystem::path server_key_base(const std::filesystem::path& store_path) {
  return store_path.string() + ".server";
}

Result<crypto::KeyPair> create_server_key(const std::filesystem::path& store_path) {
  const auto key = crypto::KeyPair::generate();
  NASTAVNIK_RETURN_IF_ERROR(key.save(server_key_base(store_path)));
  return key;
}

Result<crypto::KeyPair> load_server_key(const std::filesystem::path& store_path) {
  return crypto::KeyPair::load(server_key_base(store_path));
}

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
