#pragma once
// A message catalog (assets/i18n/<lang>.json): flat key -> ICU MessageFormat pattern, and
// the one place where the programs turn codes into text for people. Patterns take named
// arguments ("{name}"), plural forms ("{count, plural, one {# пакет} few {# пакета} many {#
// пакетов} other {# пакета}}"), and numbers and dates are formatted as the language writes
// them (ICU: "1,17" and "20.12.2026" in Russian, "1.17" and "Dec 20, 2026" in English).
// ISO dates and dots stay the format of storage and of the wire.
//
// Why ICU (libicu from Debian) rather than GNU gettext: the catalogs must switch language
// at run time inside one process (the desktop client changes it without a restart) and work
// without the system having any locale installed; ICU carries the CLDR plural rules and
// number and date formats itself. The catalogs are JSON a translator edits with any tool.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "shared/core/status.h"
#include "shared/i18n/message.h"

namespace nastavnik {

class Catalog {
 public:
  Catalog();  // empty: every lookup falls back to the key itself

  // Loads <dir>/<lang>.json. NotFound for an unknown language, Corruption for bad JSON.
  static Result<Catalog> load(const std::filesystem::path& dir, const std::string& lang);

  const std::string& lang() const { return lang_; }
  bool has(std::string_view key) const { return texts_.count(std::string(key)) != 0; }
  // The text for `key`, or the key itself when the catalog has no such entry (and the key
  // is noted as missing: missing_keys()).
  std::string tr(std::string_view key) const;
  // The message with its arguments filled in; a pattern that does not compile, or a key
  // the catalog lacks, gives the key and its arguments as they are (and is noted).
  std::string render(const Message& message) const;
  // render() with text arguments only.
  std::string format(std::string_view key, const std::map<std::string, std::string>& params) const;
  // "field.<entity>.<field>", then "field.common.<field>", then the raw field name.
  std::string field_label(std::string_view entity, std::string_view field) const;
  // "enum.<enum>.<value>", or the raw value.
  std::string enum_label(std::string_view enum_name, std::string_view value) const;
  const std::map<std::string, std::string, std::less<>>& texts() const { return texts_; }

  // Numbers as the language writes them: "1 234,5" in Russian, "1,234.5" in English, with
  // at most `max_decimals` digits after the separator; without grouping for inputs.
  std::string number(double value, int max_decimals = 1, bool grouping = true) const;
  // A share 0..1 as a percentage: "42 %" / "42%".
  std::string percent(double share) const;
  // An ISO date ("2026-12-20") as the language writes it: "20.12.2026", "Dec 20, 2026";
  // text that is not an ISO date is returned as it is.
  std::string date(std::string_view iso) const;
  // A moment (Unix ms) in local time: "20.12.2026 14:05"; "" for 0.
  std::string date_time(uint64_t unix_ms) const;
  // How a date is typed in this language: "ДД.ММ.ГГГГ" / "YYYY-MM-DD" (catalog key
  // ui.common.date_hint).
  std::string date_hint() const { return tr("ui.common.date_hint"); }

  // Every key asked for since the catalog was loaded that it does not have: the tests fail
  // on any, so that no screen shows a raw key or falls back to another language.
  std::set<std::string> missing_keys() const;

 private:
  struct Formatters;  // ICU objects, compiled patterns and the missing keys (shared by copies)
  std::string lang_;
  std::map<std::string, std::string, std::less<>> texts_;
  std::shared_ptr<Formatters> formatters_;
};

// Languages with a catalog; the first is the default.
inline constexpr const char* kLanguages[] = {"ru", "en"};

// The ISO date typed in `text`, written as the language writes dates ("20.12.2026", also
// "20.12.26" and "2026-12-20" in any language); nullopt-like empty result with `ok` false
// when it is not a real calendar date.
struct ParsedDate {
  bool ok = false;
  std::string iso;
};
ParsedDate parse_typed_date(std::string_view text);

}  // namespace nastavnik
