#include "syncserver/store/store_rows.h"

#include <nlohmann/json.hpp>

namespace nastavnik::server {

std::set<std::string> roles_from(const std::string& text) {
  std::set<std::string> out;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& r : j)
      if (r.is_string()) out.insert(r.get<std::string>());
  return out;
}

Status check_field_names(const std::vector<std::string>& record_fields) {
  for (const auto& f : record_fields)
    if (f.empty() || f.find_first_of("\"'\\$.[]") != std::string::npos)
      return Status::InvalidArgument("read_feed: unusable field name '" + f + "'");
  return Status::Ok();
}

}  // namespace nastavnik::server
