#include "syncserver/ingest/sync_service.h"

#include <spdlog/spdlog.h>

#include "shared/domain/schema.h"
#include "syncserver/admin/enrollment.h"
#include "shared/protocol/device_list.h"
#include "shared/protocol/signed_document.h"
#include "syncserver/admin/device_directory.h"
#include "syncserver/ingest/pull_feed.h"

namespace nastavnik::server {

SyncService::SyncService(CentralStore& store, crypto::KeyPair server_key, WallClock wall, IngestSettings settings)
    : store_(store), key_(server_key), wall_(std::move(wall)), settings_(settings), registry_(store) {}

nlohmann::json SyncService::info() const {
  return {{"server", key_.id()}, {"server_public_key", crypto::to_hex(key_.public_key)},
          {"protocol", kProtocolVersion}, {"schema", kDomainSchemaVersion}, {"time", wall_()}};
}

Result<nlohmann::json> SyncService::enroll(const nlohmann::json& request) {
  return noting_damage(enroll_device(store_, key_, request, wall_()));
}

Result<Device> SyncService::authenticate(const wire::RequestSignature& sig, std::string_view method,
                                         std::string_view path, std::string_view body) {
  return noting_damage(authenticate_signed(sig, method, path, body));
}

Result<Device> SyncService::authenticate_signed(const wire::RequestSignature& sig, std::string_view method,
                                                std::string_view path, std::string_view body) {
  if (sig.device.empty() || sig.signature_b64.empty())
    return Status::Unauthenticated("the request is not signed: enroll the device first");
  NASTAVNIK_ASSIGN_OR_RETURN(auto device, store_.find_device(sig.device));
  if (!device) return Status::NotFound("device " + sig.device.substr(0, 8) + "… is not enrolled on this server");
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey key, crypto::public_key_from_hex(device->public_key));
  const uint64_t now = wall_();
  NASTAVNIK_RETURN_IF_ERROR(wire::verify_request(sig, key, method, path, body, now));
  if (device->revoked())
    return Status::PermissionDenied("this device was revoked by the methodologist; its records stay on the device "
                                    "and can be exported, but it can no longer sync");
  NASTAVNIK_ASSIGN_OR_RETURN(bool first_time, store_.remember_request(device->id, crypto::hash_hex(sig.signature_b64),
                                                                      sig.time_ms, now, wire::kRequestWindowMs));
  if (!first_time)
    return Status::Conflict("this exact request was received before: a request is accepted once (sign a new one)");
  return *device;
}

Status SyncService::health() {
  if (damaged_) return Status::Unavailable("the store is damaged: the operator must restore it from a backup");
  Status probe = store_.probe_write(wall_());
  if (probe.ok()) return probe;
  spdlog::error("health check: {}", probe.to_string());
  switch (probe.code()) {
    case StatusCode::kCorruption:
      return Status::Unavailable("the store is damaged: the operator must restore it from a backup");
    case StatusCode::kUnavailable:
      return Status::Unavailable("the store is busy");
    default:
      return Status::Unavailable("the store cannot take a write (disk full, read-only or failing): see the server log");
  }
}

Result<nlohmann::json> SyncService::sync(const Device& requester, std::string_view body) {
  return noting_damage(push_and_pull(requester, body));
}

Result<nlohmann::json> SyncService::push_and_pull(const Device& requester, std::string_view body) {
  auto decoded = wire::decode_sync_request(body);
  if (!decoded.ok()) return Status::InvalidArgument(decoded.status().message());
  const wire::SyncRequest& request = *decoded;
  if (request.protocol != kProtocolVersion)
    return Status::FailedPrecondition("protocol version " + std::to_string(request.protocol) +
                                      " is not supported; this server speaks version " +
                                      std::to_string(kProtocolVersion) + ": update Nastavnik");
  const uint64_t now = wall_();
  const std::string request_hash = crypto::hash_hex(body);
  NASTAVNIK_ASSIGN_OR_RETURN(auto registry, registry_.current());
  ScopeCache scopes(*registry);

  wire::Receipt receipt{key_.id(), requester.id, request_hash, now, {}};
  for (const auto& sealed : request.changesets) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto result, ingest_changeset(store_, sealed, scopes, now, settings_));
    receipt.results.push_back(std::move(result));
  }

  // Pushed changesets may have changed the registry (a methodologist's edits): the scope is
  // taken after them.
  NASTAVNIK_ASSIGN_OR_RETURN(auto fresh, registry_.current());
  DeviceScope scope = fresh == registry ? scopes.scope_for(requester) : DeviceScope::build(requester, *fresh);
  scope.limit_to_schema(request.schema);
  const std::string fingerprint = scope.fingerprint();
  // A cursor beyond the feed means the store was restored from an older backup: start over
  // rather than skip what is written from now on. A device that was below the compaction
  // point when the store was compacted may have missed ops compacted away since: the feed
  // from the start is a snapshot of what it may read, so it starts over too (once).
  NASTAVNIK_ASSIGN_OR_RETURN(uint64_t head, store_.feed_head());
  const bool reset = (!request.scope.empty() && request.scope != fingerprint) || request.cursor > head ||
                     (requester.snapshot_due && request.cursor != 0);
  NASTAVNIK_ASSIGN_OR_RETURN(
      auto page, read_page(store_, scope, reset ? 0 : request.cursor, request.page_limit, head, requester.id));
  page.server = key_.id();
  page.requester = requester.id;
  page.request = request_hash;
  page.reset = reset;
  page.scope = fingerprint;
  page.has_scope_sets = true;
  page.all_pairs = scope.writes_everywhere();
  page.pairs.assign(scope.pairs().begin(), scope.pairs().end());
  page.schools.assign(scope.schools().begin(), scope.schools().end());
  page.time_ms = now;
  NASTAVNIK_RETURN_IF_ERROR(
      store_.touch_device(requester.id, now, fingerprint, reset ? 0 : request.cursor, reset || request.cursor == 0));
  return nlohmann::json{{"server_time", now},
                        {"receipt", wire::sign_document(wire::kReceiptContext, wire::receipt_to_json(receipt), key_)},
                        {"page", wire::sign_document(wire::kPageContext, wire::page_to_json(page), key_)}};
}

Result<nlohmann::json> SyncService::device_list(const Device& requester, std::string_view body) {
  return noting_damage(list_devices(requester, body));
}

Result<nlohmann::json> SyncService::list_devices(const Device& requester, std::string_view body) {
  auto decoded = wire::decode_device_list_request(body);
  if (!decoded.ok()) return Status::InvalidArgument(decoded.status().message());
  if (decoded->protocol != kProtocolVersion)
    return Status::FailedPrecondition("protocol version " + std::to_string(decoded->protocol) +
                                      " is not supported; this server speaks version " +
                                      std::to_string(kProtocolVersion) + ": update Nastavnik");
  if (requester.roles.count(wire::kDeviceListRole) == 0)
    return Status::PermissionDenied("only a methodologist's device may read the device list; this device is "
                                    "enrolled for another role");
  NASTAVNIK_ASSIGN_OR_RETURN(auto directory, device_directory(store_));
  const uint64_t now = wall_();
  wire::DeviceList list{key_.id(), requester.id, crypto::hash_hex(body), now, {}};
  list.devices.reserve(directory.size());
  for (auto& entry : directory) {
    Device& d = entry.device;
    list.devices.push_back(wire::DeviceListEntry{std::move(d.id), std::move(d.name), std::move(d.person_id),
                                                 entry.person_name.value_or(""),
                                                 {d.roles.begin(), d.roles.end()}, std::move(d.school_id),
                                                 d.revoked(), d.enrolled_ms, d.last_seen_ms, d.revoked_ms});
  }
  const nlohmann::json signed_body = wire::device_list_to_json(list);
  return nlohmann::json{{"server_time", now},
                        {"device_list", wire::sign_document(wire::kDeviceListContext, signed_body, key_)}};
}

}  // namespace nastavnik::server
