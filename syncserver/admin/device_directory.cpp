#include "syncserver/admin/device_directory.h"

namespace nastavnik::server {

std::optional<std::string> registry_person_name(CentralStore& store, const std::string& person_id) {
  auto record = store.record(person_id);
  if (!record.ok() || record->entity != "person" || record->deleted) return std::nullopt;
  const auto it = record->data.find("full_name");
  if (it == record->data.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    return std::nullopt;
  return it->get<std::string>();
}

Result<std::vector<DeviceDirectoryEntry>> device_directory(CentralStore& store) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto devices, store.list_devices());
  std::vector<DeviceDirectoryEntry> out;
  out.reserve(devices.size());
  for (auto& d : devices) {
    auto name = registry_person_name(store, d.person_id);
    out.push_back(DeviceDirectoryEntry{std::move(d), std::move(name)});
  }
  return out;
}

}  // namespace nastavnik::server
