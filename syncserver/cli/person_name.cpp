#include "syncserver/cli/person_name.h"

namespace nastavnik::server::cli {

std::string person_name(CentralStore& store, const std::string& person_id) {
  auto record = store.record(person_id);
  if (!record.ok() || record->entity != "person" || record->deleted)
    return "(unknown person " + person_id + ")";
  const std::string name = record->data.value("full_name", "");
  return name.empty() ? person_id : name;
}

}  // namespace nastavnik::server::cli
