#pragma once
// The device directory: every enrolled device with the name of the person it acts for, as
// the methodologist sees it. One code path for `nastavnik-server devices` and for
// POST /v1/devices (SyncService::device_list), so the two never disagree.

#include <optional>
#include <string>
#include <vector>

#include "shared/core/status.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

struct DeviceDirectoryEntry {
  Device device;
  // The person's full name from the registry; nothing when the registry does not hold them
  // (deleted, never imported) or has no name for them.
  std::optional<std::string> person_name;
};

// The full name of `person_id` from the registry, or nothing when it does not hold a live
// person of that id with a name. Store errors count as "not known": a name is decoration.
std::optional<std::string> registry_person_name(CentralStore& store, const std::string& person_id);

// Every enrolled device (active and revoked) in the store's order, with person names.
// Fails only when the device table cannot be read.
Result<std::vector<DeviceDirectoryEntry>> device_directory(CentralStore& store);

}  // namespace nastavnik::server
