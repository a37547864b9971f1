#include "syncserver/cli/person_name.h"

#include "syncserver/admin/device_directory.h"

namespace nastavnik::server::cli {

std::string person_name(CentralStore& store, const std::string& person_id) {
  return person_label(registry_person_name(store, person_id), person_id);
}

std::string person_label(const std::optional<std::string>& name, const std::string& person_id) {
  return name ? *name : "(unknown person " + person_id + ")";
}

}  // namespace nastavnik::server::cli
