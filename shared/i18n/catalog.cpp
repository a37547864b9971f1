#include "shared/i18n/catalog.h"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/fmtable.h>
#include <unicode/gregocal.h>
#include <unicode/msgfmt.h>
#include <unicode/numfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/domain/validation.h"

namespace nastavnik {
namespace {

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// Every argument name and value of a message, for the fallback text.
std::string raw(const Message& m) {
  std::string out = m.key;
  for (const auto& [name, value] : m.args) {
    out += " " + name + "=";
    std::visit(
        [&out](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) out += v;
          else out += std::to_string(v);
        },
        value);
  }
  return out;
}

}  // namespace

// ICU formatters are not safe to share between threads: everything here is used under mu.
struct Catalog::Formatters {
  std::mutex mu;
  icu::Locale locale;
  std::unordered_map<std::string, std::unique_ptr<icu::MessageFormat>> messages;  // by key; null: bad pattern
  std::unique_ptr<icu::NumberFormat> number;
  std::unique_ptr<icu::NumberFormat> percent;
  std::unique_ptr<icu::DateFormat> date;       // in UTC: an ISO date is a day, not a moment
  std::unique_ptr<icu::DateFormat> date_time;  // in local time
  std::unordered_map<std::string, std::string> dates;  // ISO -> shown, for tables redrawn every frame
  std::set<std::string> missing;

  explicit Formatters(const std::string& lang) : locale(lang.empty() ? "en" : lang.c_str()) {
    UErrorCode err = U_ZERO_ERROR;
    number.reset(icu::NumberFormat::createInstance(locale, err));
    err = U_ZERO_ERROR;
    percent.reset(icu::NumberFormat::createPercentInstance(locale, err));
    // Russian writes ДД.ММ.ГГГГ; English a date no reader can misread as month-first or not.
    const char* date_pattern = lang == "ru" ? "dd.MM.y" : "d MMM y";
    err = U_ZERO_ERROR;
    auto* d = new icu::SimpleDateFormat(unicode(date_pattern), locale, err);
    d->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    date.reset(d);
    err = U_ZERO_ERROR;
    date_time.reset(new icu::SimpleDateFormat(unicode(lang == "ru" ? "dd.MM.y HH:mm" : "d MMM y HH:mm"), locale, err));
  }

  icu::MessageFormat* message(const std::string& key, const std::string& pattern) {
    auto it = messages.find(key);
    if (it != messages.end()) return it->second.get();
    UErrorCode err = U_ZERO_ERROR;
    auto fmt = std::make_unique<icu::MessageFormat>(unicode(pattern), locale, err);
    if (U_FAILURE(err)) fmt.reset();
    return messages.emplace(key, std::move(fmt)).first->second.get();
  }
};

Catalog::Catalog() : formatters_(std::make_shared<Formatters>("")) {}

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
  c.formatters_ = std::make_shared<Formatters>(lang);
  for (const auto& [k, v] : j.items())
    if (v.is_string()) c.texts_[k] = v.get<std::string>();
  return c;
}

std::string Catalog::tr(std::string_view key) const {
  auto it = texts_.find(key);
  if (it != texts_.end()) return it->second;
  std::lock_guard<std::mutex> lock(formatters_->mu);
  formatters_->missing.insert(std::string(key));
  return std::string(key);
}

std::string Catalog::render(const Message& m) const {
  auto it = texts_.find(m.key);
  std::lock_guard<std::mutex> lock(formatters_->mu);
  if (it == texts_.end()) {
    formatters_->missing.insert(m.key);
    return raw(m);
  }
  if (m.args.empty() && it->second.find('{') == std::string::npos) return it->second;
  icu::MessageFormat* fmt = formatters_->message(m.key, it->second);
  if (!fmt) {
    formatters_->missing.insert(m.key + " (pattern does not compile)");
    return raw(m);
  }
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(m.args.size());
  values.reserve(m.args.size());
  for (const auto& [name, value] : m.args) {
    names.push_back(unicode(name));
    std::visit(
        [&values](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) values.emplace_back(unicode(v));
          else if constexpr (std::is_same_v<T, int64_t>) values.emplace_back(static_cast<int64_t>(v));
          else values.emplace_back(static_cast<double>(v));
        },
        value);
  }
  icu::UnicodeString out;
  UErrorCode err = U_ZERO_ERROR;
  fmt->format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, err);
  if (U_FAILURE(err)) return raw(m);
  return utf8(out);
}

namespace {

// "42" or "-3" (no leading zeros, so that ids like "00000028" stay text).
bool is_plain_integer(const std::string& v) {
  const size_t digits_from = !v.empty() && v[0] == '-' ? 1 : 0;
  if (v.size() <= digits_from || v.size() - digits_from > 15) return false;
  if (v[digits_from] == '0' && v.size() > digits_from + 1) return false;
  return v.find_first_not_of("0123456789", digits_from) == std::string::npos;
}

}  // namespace

std::string Catalog::format(std::string_view key, const std::map<std::string, std::string>& params) const {
  // An argument the pattern formats as a number ("{count, plural, …}", "{n, number}") is
  // passed as one, so that it chooses the plural form; the others stay text as given.
  auto it = texts_.find(key);
  const std::string_view pattern = it == texts_.end() ? std::string_view() : std::string_view(it->second);
  Message m{std::string(key)};
  for (const auto& [k, v] : params) {
    if (is_plain_integer(v) && pattern.find("{" + k + ",") != std::string_view::npos) m.with(k, std::stoll(v));
    else m.with(k, v);
  }
  return render(m);
}

std::string Catalog::field_label(std::string_view entity, std::string_view field) const {
  const std::string specific = "field." + std::string(entity) + "." + std::string(field);
  if (has(specific)) return tr(specific);
  const std::string common = "field.common." + std::string(field);
  if (has(common)) return tr(common);
  (void)tr(specific);  // noted as missing
  return std::string(field);
}

std::string Catalog::enum_label(std::string_view enum_name, std::string_view value) const {
  const std::string key = "enum." + std::string(enum_name) + "." + std::string(value);
  if (has(key)) return tr(key);
  (void)tr(key);  // noted as missing; a value from a newer program still shows as itself
  return std::string(value);
}

std::string Catalog::number(double value, int max_decimals, bool grouping) const {
  std::lock_guard<std::mutex> lock(formatters_->mu);
  icu::NumberFormat& f = *formatters_->number;
  f.setMaximumFractionDigits(max_decimals);
  f.setMinimumFractionDigits(0);
  f.setGroupingUsed(grouping);
  icu::UnicodeString out;
  f.format(value, out);
  return utf8(out);
}

std::string Catalog::percent(double share) const {
  std::lock_guard<std::mutex> lock(formatters_->mu);
  icu::UnicodeString out;
  formatters_->percent->format(share, out);
  return utf8(out);
}

std::string Catalog::date(std::string_view iso) const {
  if (!is_iso_date(iso)) return std::string(iso);
  std::lock_guard<std::mutex> lock(formatters_->mu);
  const std::string key(iso);
  if (auto it = formatters_->dates.find(key); it != formatters_->dates.end()) return it->second;
  UErrorCode err = U_ZERO_ERROR;
  icu::GregorianCalendar calendar(icu::TimeZone::createTimeZone("UTC"), err);
  calendar.clear();
  calendar.set(std::stoi(key.substr(0, 4)), std::stoi(key.substr(5, 2)) - 1, std::stoi(key.substr(8, 2)));
  const UDate when = calendar.getTime(err);
  icu::UnicodeString out;
  formatters_->date->format(when, out);
  std::string shown = U_SUCCESS(err) ? utf8(out) : key;
  if (formatters_->dates.size() < 100000) formatters_->dates.emplace(key, shown);
  return shown;
}

std::string Catalog::date_time(uint64_t unix_ms) const {
  if (unix_ms == 0) return "";
  std::lock_guard<std::mutex> lock(formatters_->mu);
  icu::UnicodeString out;
  formatters_->date_time->format(static_cast<UDate>(unix_ms), out);
  return utf8(out);
}

std::set<std::string> Catalog::missing_keys() const {
  std::lock_guard<std::mutex> lock(formatters_->mu);
  return formatters_->missing;
}

ParsedDate parse_typed_date(std::string_view text) {
  std::string t;
  for (char c : text)
    if (c != ' ') t.push_back(c);
  if (is_iso_date(t)) return {true, t};
  // D.M.YYYY, DD.MM.YYYY, DD.MM.YY (years 2000-2099), also with '/' between.
  int parts[3] = {0, 0, 0};
  int count = 0, digits = 0, year_digits = 0;
  for (char c : t) {
    if (c >= '0' && c <= '9') {
      if (count > 2) return {};
      parts[count] = parts[count] * 10 + (c - '0');
      ++digits;
      if (count == 2) ++year_digits;
    } else if ((c == '.' || c == '/') && digits > 0 && count < 2) {
      ++count;
      digits = 0;
    } else {
      return {};
    }
  }
  if (count != 2 || (year_digits != 4 && year_digits != 2)) return {};
  const int year = year_digits == 2 ? 2000 + parts[2] : parts[2];
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, parts[1], parts[0]);
  if (!is_iso_date(iso)) return {};
  return {true, iso};
}

}  // namespace nastavnik
