#include "shared/i18n/localized_text.h"

namespace nastavnik {

std::string localized_text(const nlohmann::json& texts, const std::string& lang) {
  if (texts.is_string()) return texts.get<std::string>();
  if (!texts.is_object()) return "";
  for (const std::string& key : {lang, std::string("ru")})
    if (texts.contains(key) && texts[key].is_string()) return texts[key].get<std::string>();
  for (const auto& [k, v] : texts.items())
    if (v.is_string()) return v.get<std::string>();
  return "";
}

}  // namespace nastavnik
