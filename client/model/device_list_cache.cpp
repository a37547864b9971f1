#include "client/model/device_list_cache.h"

#include <nlohmann/json.hpp>

namespace nastavnik::model {
namespace {

using nlohmann::json;

constexpr const char* kMetaKey = "devices.list";
constexpr int kFormat = 1;

json row_to_json(const view::DeviceStatusRow& r) {
  return {{"device", r.device_id},
          {"name", r.device_name},
          {"person", r.person_id},
          {"person_name", r.person_name},
          {"role", r.role},
          {"status", r.status},
          {"enrolled", r.enrolled_ms},
          {"last_seen", r.last_seen_ms}};
}

view::DeviceStatusRow row_from_json(const json& j) {
  view::DeviceStatusRow r;
  r.device_id = j.at("device").get<std::string>();
  r.device_name = j.at("name").get<std::string>();
  r.person_id = j.at("person").get<std::string>();
  r.person_name = j.at("person_name").get<std::string>();
  r.role = j.at("role").get<std::string>();
  r.status = j.at("status").get<std::string>();
  r.enrolled_ms = j.at("enrolled").get<uint64_t>();
  r.last_seen_ms = j.at("last_seen").get<uint64_t>();
  return r;
}

}  // namespace

std::vector<view::DeviceStatusRow> device_rows(const wire::DeviceList& list) {
  std::vector<view::DeviceStatusRow> rows;
  rows.reserve(list.devices.size());
  for (const auto& d : list.devices) {
    view::DeviceStatusRow r;
    r.device_id = d.device;
    r.device_name = d.name;
    r.person_id = d.person;
    r.person_name = d.person_name;
    r.role = d.roles.empty() ? std::string() : d.roles.front();
    r.status = d.revoked ? "revoked" : "active";
    r.enrolled_ms = d.enrolled_ms;
    r.last_seen_ms = d.last_seen_ms;
    rows.push_back(std::move(r));
  }
  return rows;
}

Result<DeviceListCache> DeviceListCache::load(const LocalStore& store) {
  DeviceListCache cache;
  NASTAVNIK_ASSIGN_OR_RETURN(auto text, store.meta(kMetaKey));
  if (!text || text->empty()) return cache;
  const json j = json::parse(*text, nullptr, false);
  if (!j.is_object() || j.value("format", 0) != kFormat) return cache;
  try {
    std::vector<view::DeviceStatusRow> rows;
    for (const auto& item : j.at("devices")) rows.push_back(row_from_json(item));
    cache.rows = std::move(rows);
    cache.fetched_ms = j.at("fetched").get<uint64_t>();
  } catch (const json::exception&) {
    return DeviceListCache{};
  }
  return cache;
}

Status DeviceListCache::save(LocalStore& store, const wire::DeviceList& list) {
  rows = device_rows(list);
  fetched_ms = list.time_ms;
  error.clear();
  error_detail.clear();
  json devices = json::array();
  for (const auto& r : rows) devices.push_back(row_to_json(r));
  const json stored = {{"format", kFormat}, {"fetched", list.time_ms}, {"devices", devices}};
  return store.set_meta(kMetaKey, stored.dump());
}

void DeviceListCache::copy_to(view::MunicipalityData& data) const {
  data.devices = rows;
  data.devices_fetched_ms = fetched_ms;
  data.devices_refreshing = refreshing;
  data.devices_error = error;
  data.devices_error_detail = error_detail;
}

}  // namespace nastavnik::model
