// The read rules of the schema against what the server's feed can serve: a rule only reaches
// its devices when the feed tags a record by the field the rule looks at (docs/PROTOCOL.md
// §8.5, §8.9). A new record type whose rules name a field the feed does not tag by would
// silently reach no one; this test names it instead.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "shared/domain/schema.h"

using namespace nastavnik;

namespace {

bool names_a_person(const EntitySchema& e, const std::string& field) {
  return field == kCreatedByField ||
         std::find(e.person_fields.begin(), e.person_fields.end(), field) != e.person_fields.end();
}

// Why the feed cannot serve `rule` of `e`; "" when it can. The feed tags a record as public
// (an entity read by everyone), by its pair_field, its school_field, the people of its
// person_fields and its author, and a person or a pair by its own id.
std::string unservable(const EntitySchema& e, const ReadRule& rule) {
  switch (rule.in) {
    case ScopeSet::kEveryone:
      return rule.field.empty() ? "" : "a rule for everyone reads the whole record, not a field";
    case ScopeSet::kMe:
    case ScopeSet::kMyMentees:
      return names_a_person(e, rule.field) ? "" : "`" + rule.field + "` is not one of the entity's person_fields";
    case ScopeSet::kMyPairs:
      if (rule.field.empty()) return e.name == "pair" ? "" : "only a pair is read by its own id in my_pairs";
      return rule.field == e.pair_field ? "" : "`" + rule.field + "` is not the entity's pair_field";
    case ScopeSet::kMySchool:
    case ScopeSet::kMySchools:
      return !rule.field.empty() && rule.field == e.school_field ? "" : "`" + rule.field + "` is not the entity's school_field";
    case ScopeSet::kMyPeople:
      return rule.field.empty() && e.name == "person" ? "" : "only a person is read by its own id in my_people";
  }
  return "unknown set";
}

}  // namespace

TEST_CASE("every entity declares who reads it, in rules the feed can serve", "[scope][schema]") {
  for (const EntitySchema& e : DomainSchema::instance().entities()) {
    INFO("entity " << e.name);
    CHECK_FALSE(e.read_rules.empty());  // no rule, no reader but the author
    for (const ReadRule& rule : e.read_rules) {
      INFO("rule on `" << rule.field << "` in " << scope_set_name(rule.in));
      CHECK(unservable(e, rule).empty());
      if (!rule.empty_field.empty()) CHECK(e.field(rule.empty_field) != nullptr);
    }
  }
}

TEST_CASE("a rule the feed cannot serve is named", "[scope][schema]") {
  EntitySchema e;
  e.name = "field_trip";
  e.pair_field = "pair_id";
  e.person_fields = {"leader_id"};
  CHECK(unservable(e, ReadRule{"pair_id", ScopeSet::kMyPairs, "", ""}).empty());
  CHECK(unservable(e, ReadRule{"leader_id", ScopeSet::kMe, "", ""}).empty());
  CHECK_THAT(unservable(e, ReadRule{"host_school_id", ScopeSet::kMySchool, "", ""}), Catch::Contains("school_field"));
  CHECK_THAT(unservable(e, ReadRule{"guest_id", ScopeSet::kMe, "", ""}), Catch::Contains("person_fields"));
  CHECK_THAT(unservable(e, ReadRule{"", ScopeSet::kMyPeople, "", ""}), Catch::Contains("my_people"));
}
