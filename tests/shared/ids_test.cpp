#include <catch2/catch.hpp>

#include <set>

#include "shared/core/ids.h"

TEST_CASE("record ids are UUIDv7 and unique", "[ids]") {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    const std::string id = nastavnik::new_record_id(1'790'000'000'000ULL);
    REQUIRE(nastavnik::is_record_id(id));
    REQUIRE(id[14] == '7');
    REQUIRE(seen.insert(id).second);
  }
  CHECK(nastavnik::new_record_id(0x0123456789abULL).substr(0, 13) == "01234567-89ab");
}

TEST_CASE("is_record_id rejects what is not a UUID", "[ids]") {
  for (const char* bad : {"", "not-a-uuid", "01234567-89ab-7cde-8f01-23456789abc",
                          "01234567x89ab-7cde-8f01-23456789abcd", "0123456789ab-7cde-8f01-23456789abcdef"})
    CHECK_FALSE(nastavnik::is_record_id(bad));
  CHECK(nastavnik::short_id("01234567-89ab-7cde-8f01-23456789abcd") == "6789abcd");
}
