#pragma once
// The server's side of courier bundles (shared/protocol/courier_bundle.h): an envelope a
// device sealed to this server is opened, its courier request verified against the sending
// device's key and taken exactly as that device's POST /v1/sync, and the answer is sealed
// back to the device. It does not matter who carried the envelope: a mentor's laptop at its
// sync (POST /v1/courier) or the methodologist with `nastavnik-server import-bundle`.

#include <optional>
#include <string>

#include "shared/protocol/courier_bundle.h"
#include "syncserver/ingest/sync_service.h"

namespace nastavnik::server {

struct CourierDelivery {
  std::string from;      // the sending device, as the envelope names it
  std::string envelope;  // the envelope's digest
  bool delivered = false;
  std::string code, message;            // why it was refused (wire_error.h codes)
  std::optional<wire::Envelope> answer;  // sealed to the sending device
};

// A refused envelope (not for this server, damaged or altered, unknown or revoked device,
// bad signature, malformed request) is a delivery with `delivered` false and the reason, and
// changes nothing. An error status is the store's fault: nothing was taken, carry it again.
Result<CourierDelivery> take_envelope(SyncService& service, const wire::Envelope& envelope);

nlohmann::json delivery_to_json(const CourierDelivery& delivery);

}  // namespace nastavnik::server
