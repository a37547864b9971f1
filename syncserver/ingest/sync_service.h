#pragma once
// The server's request-level logic, free of HTTP: authenticate a signed request, handle
// POST /v1/sync (push changesets, pull a page) and POST /v1/devices (the device list), and
// answer with signed documents.
// Status codes returned (the HTTP layer maps them):
//   NotFound           authenticate: the signing device is not enrolled here
//   Unauthenticated    authenticate: bad request signature
//   FailedPrecondition authenticate: signed outside the time window; sync, device_list:
//                      unsupported protocol version
//   Conflict           authenticate: the exact request was seen before (a replay)
//   PermissionDenied   authenticate: revoked device; device_list: the role may not read it
//   InvalidArgument    malformed request
// Anything else (IoError, Corruption, Unavailable, Internal) is the store's fault.

#include <atomic>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/core/hlc.h"
#include "shared/crypto/key_pair.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/sync_messages.h"
#include "syncserver/ingest/changeset_ingest.h"
#include "syncserver/ingest/registry_cache.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

class SyncService {
 public:
  SyncService(CentralStore& store, crypto::KeyPair server_key, WallClock wall, IngestSettings settings = {});

  // Checks, in order: the device is enrolled, the signature verifies, it was made within
  // the time window of the server's clock, the device is not revoked, and the request was
  // not seen before (its signature is remembered, so an exact replay fails). A refused
  // request changes nothing.
  Result<Device> authenticate(const wire::RequestSignature& signature, std::string_view method,
                              std::string_view path, std::string_view body);
  // `body` is the request body as received (the receipt and page are bound to its hash).
  Result<nlohmann::json> sync(const Device& requester, std::string_view body);
  // POST /v1/devices: `body` is the request as received (wire::DeviceListRequest). Answers
  // {"server_time": ms, "device_list": signed wire::DeviceList} with every enrolled device
  // (device_directory.h). PermissionDenied unless the requester's role is methodologist,
  // InvalidArgument for a malformed body, FailedPrecondition for another protocol version.
  // Reads only: the requester's last-seen time stays that of its last sync.
  Result<nlohmann::json> device_list(const Device& requester, std::string_view body);
  // POST /v1/enroll (admin/enrollment.h): the signed answer, or why there is none.
  Result<nlohmann::json> enroll(const nlohmann::json& request);
  // {"server": key id, "server_public_key": hex, "protocol": n, "schema": n, "time": ms}
  nlohmann::json info() const;
  // Ok when the store can take a write now and no request has found it damaged since the
  // server started; otherwise Unavailable with a reason fit for an unauthenticated caller
  // (the full reason is logged).
  Status health();

  CentralStore& store() { return store_; }
  const crypto::KeyPair& server_key() const { return key_; }
  uint64_t now() const { return wall_(); }

 private:
  Result<Device> authenticate_signed(const wire::RequestSignature& signature, std::string_view method,
                                     std::string_view path, std::string_view body);
  Result<nlohmann::json> push_and_pull(const Device& requester, std::string_view body);
  Result<nlohmann::json> list_devices(const Device& requester, std::string_view body);

  CentralStore& store_;
  crypto::KeyPair key_;
  WallClock wall_;
  IngestSettings settings_;
  RegistryCache registry_;
  // Set when the store reported damage while serving: it stays damaged until the operator
  // restores it, whatever the health probe's own write finds.
  std::atomic<bool> damaged_{false};
  // Passes `result` on, noting a store that reported damage.
  template <typename T>
  Result<T> noting_damage(Result<T> result) {
    if (!result.ok() && result.status().code() == StatusCode::kCorruption) damaged_ = true;
    return result;
  }
};

}  // namespace nastavnik::server
