#pragma once
// The device list of the municipality overview, on the model thread: the rows of the last
// successful refresh (kept in the replica's meta table under "devices.list", so they show
// after a restart until the next refresh) and how the last refresh ended. The list is
// stored only after the server's signature over it verified (device_list_client.h).

#include <cstdint>
#include <string>
#include <vector>

#include "client/model/view_data.h"
#include "client/store/local_store.h"
#include "shared/protocol/device_list.h"

namespace nastavnik::model {

// The rows of a verified list, in the server's order; the role is the enrolled one.
std::vector<view::DeviceStatusRow> device_rows(const wire::DeviceList& list);

struct DeviceListCache {
  std::vector<view::DeviceStatusRow> rows;
  uint64_t fetched_ms = 0;  // server time of the list; 0: never fetched
  bool refreshing = false;
  std::string error, error_detail;  // see view::MunicipalityData

  // The stored list, or an empty cache when none was stored. Stored text that cannot be
  // read (damaged, or written by a newer program) also gives an empty cache: the list is a
  // copy of the server's and the next refresh brings it back.
  static Result<DeviceListCache> load(const LocalStore& store);
  // Replaces the rows with `list` and clears the error, then stores them; a failure to
  // store leaves the new rows in memory (shown until the app closes) and is returned.
  Status save(LocalStore& store, const wire::DeviceList& list);
  // Copies the cache into the municipality section of a snapshot.
  void copy_to(view::MunicipalityData& data) const;
};

}  // namespace nastavnik::model
