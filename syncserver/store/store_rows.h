#pragma once
// What both store engines read and check the same way: a device's row (in the column order
// of kDeviceColumns, through the engine's own accessors), its roles' JSON, and the record
// field names a feed read may extract.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "shared/core/status.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

inline constexpr const char* kDeviceColumns =
    "device_id, public_key, person_id, roles, school_id, name, enrolled_ms, revoked_ms, last_seen_ms, "
    "last_seq, last_hash, scope_fingerprint, cursor, snapshot_due";

// The roles of a device as stored (a JSON list); what is not a list of strings is ignored.
std::set<std::string> roles_from(const std::string& text);

// A device from a row of kDeviceColumns: `text(i)` and `integer(i)` read column i.
template <typename Text, typename Integer>
Device device_from_row(Text text, Integer integer) {
  Device d;
  d.id = text(0);
  d.public_key = text(1);
  d.person_id = text(2);
  d.roles = roles_from(text(3));
  d.school_id = text(4);
  d.name = text(5);
  d.enrolled_ms = static_cast<uint64_t>(integer(6));
  d.revoked_ms = static_cast<uint64_t>(integer(7));
  d.last_seen_ms = static_cast<uint64_t>(integer(8));
  d.last_seq = static_cast<uint64_t>(integer(9));
  d.last_hash = text(10);
  d.scope_fingerprint = text(11);
  d.cursor = static_cast<uint64_t>(integer(12));
  d.snapshot_due = integer(13) != 0;
  return d;
}

// InvalidArgument for a field name that could not be spliced into a JSON path safely.
Status check_field_names(const std::vector<std::string>& record_fields);

}  // namespace nastavnik::server
