#pragma once
// The monitoring period: a half-year of the school year. The first half runs from
// 1 September to 31 December, the second from 1 January to 31 August (the summer belongs
// to the year that ends with it: decisions on the next year's risks are due by June).
// Written "2026/27-1" (September–December 2026) and "2026/27-2" (January–August 2027).

#include <optional>
#include <string>
#include <string_view>

namespace nastavnik::monitoring {

class Period {
 public:
  // The half-year holding an ISO date ("2026-09-01" -> 2026/27-1); nullopt for a date
  // that is not YYYY-MM-DD.
  static std::optional<Period> of_date(std::string_view iso_date);
  // "2026/27-1"; nullopt for anything else (the second year must follow the first).
  static std::optional<Period> parse(std::string_view text);

  std::string name() const;         // "2026/27-1"
  std::string school_year() const;  // "2026/27"
  std::string first_day() const;    // "2026-09-01"
  std::string last_day() const;     // "2026-12-31"
  bool contains(std::string_view iso_date) const;  // false for "" and malformed dates
  Period previous() const;
  Period next() const;
  int school_year_start() const { return start_year_; }
  int half() const { return half_; }

  friend bool operator==(const Period&, const Period&) = default;
  friend auto operator<=>(const Period&, const Period&) = default;

 private:
  Period(int start_year, int half) : start_year_(start_year), half_(half) {}
  int start_year_;  // the year the school year starts in September
  int half_;        // 1 or 2
};

}  // namespace nastavnik::monitoring
