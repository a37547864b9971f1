#include "client/sync/sync_state.h"

#include "shared/crypto/key_pair.h"

namespace nastavnik {
namespace {

constexpr const char* kUrl = "sync.server_url";
constexpr const char* kKey = "sync.server_key";
constexpr const char* kCursor = "sync.cursor";
constexpr const char* kScope = "sync.scope";
constexpr const char* kLastSync = "sync.last_sync_ms";
constexpr const char* kRevoked = "sync.revoked";
constexpr const char* kPersonName = "sync.person_name";
constexpr const char* kClockOffset = "sync.clock_offset_ms";
constexpr const char* kCaCert = "sync.ca_cert_file";

Result<std::string> read(const LocalStore& store, const char* key) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto v, store.meta(key));
  return v.value_or("");
}

}  // namespace

Result<SyncState> SyncState::load(const LocalStore& store) {
  SyncState s;
  NASTAVNIK_ASSIGN_OR_RETURN(s.server_url, read(store, kUrl));
  NASTAVNIK_ASSIGN_OR_RETURN(s.server_key_hex, read(store, kKey));
  NASTAVNIK_ASSIGN_OR_RETURN(std::string cursor, read(store, kCursor));
  NASTAVNIK_ASSIGN_OR_RETURN(s.scope, read(store, kScope));
  NASTAVNIK_ASSIGN_OR_RETURN(std::string last, read(store, kLastSync));
  NASTAVNIK_ASSIGN_OR_RETURN(s.revoked_message, read(store, kRevoked));
  NASTAVNIK_ASSIGN_OR_RETURN(s.person_name, read(store, kPersonName));
  NASTAVNIK_ASSIGN_OR_RETURN(std::string offset, read(store, kClockOffset));
  NASTAVNIK_ASSIGN_OR_RETURN(s.ca_cert_file, read(store, kCaCert));
  try {
    s.cursor = cursor.empty() ? 0 : std::stoull(cursor);
    s.last_sync_ms = last.empty() ? 0 : std::stoull(last);
    s.clock_offset_ms = offset.empty() ? 0 : std::stoll(offset);
  } catch (const std::exception&) {
    return Status::Corruption("the replica's sync position is damaged");
  }
  return s;
}

Status SyncState::save(LocalStore& store) const {
  NASTAVNIK_RETURN_IF_ERROR(store.set_meta(kUrl, server_url));
  NASTAVNIK_RETURN_IF_ERROR(store.set_meta(kKey, server_key_hex));
  NASTAVNIK_RETURN_IF_ERROR(store.set_meta(kCursor, std::to_string(cursor)));
  NASTAVNIK_RETURN_IF_ERROR(store.set_meta(kScope, scope));
  NASTAVNIK_RETURN_IF_ERROR(store.set_meta(kLastSync, std::to_string(last_sync_ms)));
  NASTAVNIK_RETURN_IF_ERROR(store.set_meta(kRevoked, revoked_message));
  NASTAVNIK_RETURN_IF_ERROR(store.set_meta(kClockOffset, std::to_string(clock_offset_ms)));
  NASTAVNIK_RETURN_IF_ERROR(store.set_meta(kCaCert, ca_cert_file));
  return store.set_meta(kPersonName, person_name);
}

Result<crypto::PublicKey> SyncState::server_key() const {
  if (server_key_hex.empty()) return Status::FailedPrecondition("this device is not enrolled: run 'nastavnik-cli enroll --server URL --code CODE'");
  return crypto::public_key_from_hex(server_key_hex);
}

}  // namespace nastavnik
