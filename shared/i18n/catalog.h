#pragma once
// A message catalog (assets/i18n/<lang>.json): flat key -> text with {param} placeholders.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik {

class Catalog {
 public:
  Catalog() = default;  // empty: every lookup falls back to the key itself

  // Loads <dir>/<lang>.json. NotFound for an unknown language, Corruption for bad JSON.
  static Result<Catalog> load(const std::filesystem::path& dir, const std::string& lang);

  const std::string& lang() const { return lang_; }
  bool has(std::string_view key) const { return texts_.count(std::string(key)) != 0; }
  // The text for `key`, or the key itself when the catalog has no such entry.
  std::string tr(std::string_view key) const;
  // tr(key) with every {name} replaced by params[name].
  std::string format(std::string_view key, const std::map<std::string, std::string>& params) const;
  // "field.<entity>.<field>", then "field.common.<field>", then the raw field name.
  std::string field_label(std::string_view entity, std::string_view field) const;
  // "enum.<enum>.<value>", or the raw value.
  std::string enum_label(std::string_view enum_name, std::string_view value) const;
  const std::map<std::string, std::string, std::less<>>& texts() const { return texts_; }

 private:
  std::string lang_;
  std::map<std::string, std::string, std::less<>> texts_;
};

// Languages with a catalog; the first is the default.
inline constexpr const char* kLanguages[] = {"ru", "en"};

}  // namespace nastavnik
