#pragma once
// The messages of POST /v1/devices (docs/PROTOCOL.md §8.8): a methodologist's device asks
// for the municipality's enrolled devices; the server answers with a signed list.
//
// Request body, JSON ("application/json"), signed as every request (request_auth.h):
//   {"proto": 1, "nonce": "<16 to 64 printable ASCII characters, random per request>"}
// Response body, JSON: {"server_time": ms, "device_list": signed document}
// The list is signed with kDeviceListContext (signed_document.h) and carries the
// BLAKE2b-256 of the request body, so an old list can never pass as the answer to a new
// request (the nonce makes every request body different).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/status.h"
#include "shared/ops/changeset.h"

namespace nastavnik::wire {

inline constexpr const char* kDeviceListPath = "/v1/devices";
// Roles whose devices may read the list; every other role is refused (kRoleNotAllowed).
inline constexpr const char* kDeviceListRole = "methodologist";
inline constexpr size_t kMinNonceBytes = 16;
inline constexpr size_t kMaxNonceBytes = 64;

struct DeviceListRequest {
  int protocol = kProtocolVersion;
  std::string nonce;  // random per request: binds the answer to this request
};

std::string encode_device_list_request(const DeviceListRequest& request);
// Corruption (naming what is wrong) for a body that is not a well-formed request. The
// protocol version is read, not judged: the server decides which versions it speaks.
Result<DeviceListRequest> decode_device_list_request(std::string_view body);

// One enrolled device, as the server's device table has it.
struct DeviceListEntry {
  std::string device;       // device id (32 hex)
  std::string name;         // the label sent at enrollment (may be empty)
  std::string person;       // person id the device acts for
  std::string person_name;  // full name from the registry; empty when the registry lacks the person
  std::vector<std::string> roles;
  std::string school;    // the person's school id (may be empty)
  bool revoked = false;  // "status": "revoked" / "active" on the wire
  uint64_t enrolled_ms = 0;
  uint64_t last_seen_ms = 0;  // the device's last sync; its enrollment until it first syncs
  uint64_t revoked_ms = 0;    // 0 unless revoked
};

struct DeviceList {
  std::string server;                    // server key id
  std::string requester;                 // device id of the requester
  std::string request;                   // BLAKE2b-256 of the request body
  uint64_t time_ms = 0;                  // server time when the list was read
  std::vector<DeviceListEntry> devices;  // ordered as the store lists them (by enrollment)
};

nlohmann::json device_list_to_json(const DeviceList& list);
// Corruption when a key is missing or has the wrong type, or `kind` is not "device_list".
Result<DeviceList> device_list_from_json(const nlohmann::json& j);

}  // namespace nastavnik::wire
