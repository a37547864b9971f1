// One case per conflict kind (see shared/ops/merge_rules.h).
#include <catch2/catch.hpp>

#include "shared/ops/merge_rules.h"

using namespace nastavnik;

namespace {
const std::string kA(32, 'a'), kB(32, 'b');
FieldWrite write(uint64_t ms, const std::string& device, std::optional<Hlc> base = std::nullopt) {
  return FieldWrite{Hlc{ms, 0, device}, base, "v", ""};
}
}  // namespace

TEST_CASE("kConcurrentWrite: neither writer saw the other", "[merge]") {
  const auto a = write(100, kA), b = write(200, kB);
  auto v = field_conflict(a, b);
  REQUIRE(v);
  CHECK(v->kind == ConflictKind::kConcurrentWrite);
  CHECK(v->first_loses);
  auto w = field_conflict(b, a);
  REQUIRE(w);
  CHECK_FALSE(w->first_loses);
}

TEST_CASE("a write made after seeing the other is no conflict", "[merge]") {
  const auto a = write(100, kA);
  const auto b = write(200, kB, a.hlc);
  CHECK_FALSE(field_conflict(a, b));
}

TEST_CASE("a base older than the other write means it was not seen", "[merge]") {
  const auto old = write(50, kB);
  const auto a = write(100, kA);
  const auto b = write(200, kB, old.hlc);
  CHECK(field_conflict(a, b));
}

TEST_CASE("writes of one device never conflict with each other", "[merge]") {
  CHECK_FALSE(field_conflict(write(100, kA), write(200, kA)));
}

TEST_CASE("kEditOfDeleted: the deleter had not seen the edit", "[merge]") {
  const Hlc created{100, 0, kA};
  const Hlc edit{300, 0, kB};
  const Hlc del{200, 0, kA};
  CHECK(edit_conflicts_with_delete(edit, del, created));      // edit newer than what the deleter saw
  CHECK_FALSE(edit_conflicts_with_delete(edit, del, edit));   // the deleter saw the edit
  CHECK_FALSE(edit_conflicts_with_delete(Hlc{150, 0, kA}, del, created));  // same device
}
