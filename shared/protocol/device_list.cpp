#include "shared/protocol/device_list.h"
#include "shared/protocol/json_field.h"

#include <algorithm>

namespace nastavnik::wire {
namespace {

using nlohmann::json;

// Device names are client input stored as sent (cut at 100 bytes, maybe inside a UTF-8
// sequence): replace what is not UTF-8 so that the list can always be written as JSON.
std::string valid_utf8(const std::string& text) {
  return json::parse(json(text).dump(-1, ' ', false, json::error_handler_t::replace)).get<std::string>();
}

bool printable_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace

std::string encode_device_list_request(const DeviceListRequest& r) {
  return json{{"proto", r.protocol}, {"nonce", r.nonce}}.dump();
}

Result<DeviceListRequest> decode_device_list_request(std::string_view body) {
  const json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::Corruption(
        "device list request: the body is not a JSON object: send {\"proto\", \"nonce\"}");
  DeviceListRequest r;
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "proto", r.protocol).with_context("device list request"));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "nonce", r.nonce).with_context("device list request"));
  if (r.nonce.size() < kMinNonceBytes || r.nonce.size() > kMaxNonceBytes || !printable_ascii(r.nonce))
    return Status::Corruption("device list request: 'nonce' must be 16 to 64 printable ASCII characters");
  return r;
}

json device_list_to_json(const DeviceList& list) {
  json devices = json::array();
  for (const auto& d : list.devices)
    devices.push_back({{"device", d.device},
                       {"name", valid_utf8(d.name)},
                       {"person", d.person},
                       {"person_name", valid_utf8(d.person_name)},
                       {"roles", d.roles},
                       {"school", d.school},
                       {"status", d.revoked ? "revoked" : "active"},
                       {"enrolled", d.enrolled_ms},
                       {"last_seen", d.last_seen_ms},
                       {"revoked", d.revoked_ms}});
  return {{"kind", "device_list"},   {"server", list.server}, {"requester", list.requester},
          {"request", list.request}, {"time", list.time_ms},  {"devices", devices}};
}

Result<DeviceList> device_list_from_json(const json& j) {
  DeviceList list;
  std::string kind;
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "kind", kind));
  if (kind != "device_list") return Status::Corruption("not a device list");
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "server", list.server));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "requester", list.requester));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "request", list.request));
  NASTAVNIK_RETURN_IF_ERROR(read_field(j, "time", list.time_ms));
  if (!j.contains("devices") || !j["devices"].is_array())
    return Status::Corruption("device list without devices");
  for (const auto& item : j["devices"]) {
    if (!item.is_object()) return Status::Corruption("a device list entry is not an object");
    DeviceListEntry d;
    std::string status;
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "device", d.device).with_context("device list entry"));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "name", d.name).with_context("device list entry"));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "person", d.person).with_context("device list entry"));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "person_name", d.person_name).with_context("device list entry"));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "roles", d.roles).with_context("device list entry"));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "school", d.school).with_context("device list entry"));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "status", status).with_context("device list entry"));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "enrolled", d.enrolled_ms).with_context("device list entry"));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "last_seen", d.last_seen_ms).with_context("device list entry"));
    NASTAVNIK_RETURN_IF_ERROR(read_field(item, "revoked", d.revoked_ms).with_context("device list entry"));
    if (status != "active" && status != "revoked")
      return Status::Corruption("device list entry: unknown status '" + status + "'");
    d.revoked = status == "revoked";
    list.devices.push_back(std::move(d));
  }
  return list;
}

}  // namespace nastavnik::wire
