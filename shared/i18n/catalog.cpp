#include "shared/i18n/catalog.h"

#include <fstream>

#include <nlohmann/json.hpp>

namespace nastavnik {

Result<Catalog> Catalog::load(const std::filesystem::path& dir, const std::string& lang) {
  if (lang.empty() || lang.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos)
    return Status::InvalidArgument("language must be a lowercase code such as 'ru' or 'en'");
  const auto path = dir / (lang + ".json");
  std::ifstream in(path);
  if (!in) return Status::NotFound("no message catalog for language '" + lang + "' at " + path.string());
  nlohmann::json j;
  try {
    in >> j;
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption("message catalog " + path.string() + " is not valid JSON: " + e.what());
  }
  if (!j.is_object()) return Status::Corruption("message catalog " + path.string() + " must be an object");
  Catalog c;
  c.lang_ = lang;
  for (const auto& [k, v] : j.items())
    if (v.is_string()) c.texts_[k] = v.get<std::string>();
  return c;
}

std::string Catalog::tr(std::string_view key) const {
  auto it = texts_.find(key);
  return it == texts_.end() ? std::string(key) : it->second;
}

std::string Catalog::format(std::string_view key, const std::map<std::string, std::string>& params) const {
  std::string text = tr(key);
  if (!has(key)) {
    for (const auto& [k, v] : params) text += " " + k + "=" + v;
    return text;
  }
  for (const auto& [k, v] : params) {
    const std::string placeholder = "{" + k + "}";
    for (size_t pos = text.find(placeholder); pos != std::string::npos;
         pos = text.find(placeholder, pos + v.size()))
      text.replace(pos, placeholder.size(), v);
  }
  return text;
}

std::string Catalog::field_label(std::string_view entity, std::string_view field) const {
  const std::string specific = "field." + std::string(entity) + "." + std::string(field);
  if (has(specific)) return tr(specific);
  const std::string common = "field.common." + std::string(field);
  if (has(common)) return tr(common);
  return std::string(field);
}

std::string Catalog::enum_label(std::string_view enum_name, std::string_view value) const {
  const std::string key = "enum." + std::string(enum_name) + "." + std::string(value);
  return has(key) ? tr(key) : std::string(value);
}

}  // namespace nastavnik
