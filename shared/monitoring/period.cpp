#include "shared/monitoring/period.h"

#include <charconv>
#include <cstdio>

namespace nastavnik::monitoring {
namespace {

std::optional<int> number(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Period> Period::of_date(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  const auto year = number(iso.substr(0, 4));
  const auto month = number(iso.substr(5, 2));
  if (!year || !month || *month < 1 || *month > 12) return std::nullopt;
  if (*month >= 9) return Period(*year, 1);
  return Period(*year - 1, 2);
}

std::optional<Period> Period::parse(std::string_view text) {
  // YYYY/YY-H
  if (text.size() != 9 || text[4] != '/' || text[7] != '-') return std::nullopt;
  const auto year = number(text.substr(0, 4));
  const auto next_two = number(text.substr(5, 2));
  const auto half = number(text.substr(8, 1));
  if (!year || !next_two || !half || *year < 1900 || (*half != 1 && *half != 2)) return std::nullopt;
  if ((*year + 1) % 100 != *next_two) return std::nullopt;
  return Period(*year, *half);
}

std::string Period::name() const { return school_year() + "-" + std::to_string(half_); }

std::string Period::school_year() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d/%02d", start_year_, (start_year_ + 1) % 100);
  return buf;
}

std::string Period::first_day() const {
  return half_ == 1 ? std::to_string(start_year_) + "-09-01" : std::to_string(start_year_ + 1) + "-01-01";
}

std::string Period::last_day() const {
  return half_ == 1 ? std::to_string(start_year_) + "-12-31" : std::to_string(start_year_ + 1) + "-08-31";
}

bool Period::contains(std::string_view iso) const {
  const auto p = of_date(iso);
  return p && *p == *this;
}

Period Period::previous() const { return half_ == 2 ? Period(start_year_, 1) : Period(start_year_ - 1, 2); }

Period Period::next() const { return half_ == 1 ? Period(start_year_, 2) : Period(start_year_ + 1, 1); }

}  // namespace nastavnik::monitoring
