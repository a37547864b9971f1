#pragma once
// Record ids are generated on the device: UUIDv7 (48-bit ms timestamp + 74 random bits),
// so ids made offline on different laptops never collide and sort roughly by creation.

#include <cstdint>
#include <string>
#include <string_view>

namespace nastavnik {

// A new lowercase UUIDv7 "xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx" stamped with `unix_ms`.
std::string new_record_id(uint64_t unix_ms);

// True for a lowercase or uppercase 8-4-4-4-12 hex UUID (any version).
bool is_record_id(std::string_view text);

// Shortened id for tables: the last 8 hex digits.
std::string short_id(std::string_view id);

}  // namespace nastavnik
