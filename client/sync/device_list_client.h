#pragma once
// The device side of POST /v1/devices (docs/PROTOCOL.md §8.8): a methodologist's device
// asks the server for the municipality's enrolled devices, signs the request with its key
// and verifies the signed list with the server key pinned at enrollment before reading it.
// It does no UI work and touches the replica only to read the sync state (and to note a
// revocation, as a sync does); it runs on any thread.

#include <string>
#include <variant>

#include "client/store/local_store.h"
#include "client/sync/sync_transport.h"
#include "shared/crypto/key_pair.h"
#include "shared/protocol/device_list.h"

namespace nastavnik {

// Why there is no list. Each has its own text for people (the views translate the id).
enum class DeviceListProblem {
  kNotEnrolled,       // the device has no server yet
  kOffline,           // the server cannot be reached, or answered 5xx: try again later
  kNotMethodologist,  // 403 role_not_allowed: the device is enrolled for another role
  kRevoked,           // 403 device_revoked (noted in the sync state, as a sync does)
  kRefused,           // any other refusal (401 unknown device or bad signature, 400, 426)
  kForged,            // the answer does not verify with the pinned key, or answers another request
};
// "not_enrolled", "offline", "not_methodologist", "revoked", "refused", "forged".
const char* device_list_problem_id(DeviceListProblem problem);

struct DeviceListFailure {
  DeviceListProblem problem;
  Status status;  // the detail, written for people; never key material
};

// The verified list, or why there is none.
using DeviceListFetch = std::variant<wire::DeviceList, DeviceListFailure>;

// One signed request, no retries (the person pressed a button and sees the outcome).
// A list is returned only after its signature verified with the pinned server key and its
// `requester` and `request` match this device and this request. A failure to read the
// replica is kRefused with the store's status.
DeviceListFetch fetch_device_list(LocalStore& store, const crypto::KeyPair& key, SyncTransport& transport);

}  // namespace nastavnik
