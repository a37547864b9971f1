// Who reads a record is declared in the schema alone (EntitySchema::read_rules): the feed is
// tagged from the rules and a device asks for the tags of its scope (feed_tags.h), so a new
// record type reaches the devices its rules name with no code of its own.
#include <catch2/catch.hpp>

#include <string>

#include "shared/domain/schema.h"
#include "syncserver/ingest/feed_tags.h"
#include "tests/support/client_device.h"
#include "tests/support/demo_people.h"
#include "tests/support/in_process_server.h"

using namespace nastavnik;
using namespace nastavnik::testing;

TEST_CASE("every entity declares who reads it, on fields it has", "[scope][schema]") {
  for (const EntitySchema& e : DomainSchema::instance().entities()) {
    INFO("entity " << e.name);
    CHECK_FALSE(e.read_rules.empty());  // no rule, no reader but the author
    for (const ReadRule& rule : e.read_rules) {
      INFO("rule on `" << rule.field << "` in " << scope_set_name(rule.in));
      if (!rule.field.empty()) CHECK(e.field(rule.field) != nullptr);
      if (!rule.empty_field.empty()) CHECK(e.field(rule.empty_field) != nullptr);
    }
  }
}

TEST_CASE("a record is tagged by each of its entity's rules and by its author", "[scope][schema]") {
  EntitySchema e;
  e.name = "field_trip";
  e.read_rules = {ReadRule{"pair_id", ScopeSet::kMyPairs, "", ""}, ReadRule{"guests", ScopeSet::kMe, "", ""},
                  ReadRule{"", ScopeSet::kMyPeople, "", ""}};
  const nlohmann::json record = {{"pair_id", "P"}, {"guests", {"A", "B"}}, {kCreatedByField, "C"}, {"note", "x"}};
  CHECK(server::feed_tags::of_record(e, "ID", record) ==
        std::vector<std::string>{"me:A", "me:B", "me:C", "my_pairs:P", "my_people:ID"});
  e.read_rules.push_back(ReadRule{"", ScopeSet::kEveryone, "", ""});
  CHECK(server::feed_tags::of_record(e, "ID", {}).front() == server::feed_tags::kEveryone);
}

namespace {

// A tutor's private memo about one teacher: the teacher reads it, and so does whoever mentors
// in the teacher's pair; the rest of the pair and other pairs do not.
EntitySchema mentor_memo() {
  EntitySchema e;
  e.name = "mentor_memo";
  e.write = WritePolicy::kAuthor;
  FieldSchema teacher;
  teacher.name = "teacher_id";
  teacher.type = FieldType::kRef;
  teacher.ref_entity = "person";
  teacher.required = true;
  FieldSchema note;
  note.name = "note";
  e.fields = {teacher, note};
  e.person_fields = {"teacher_id"};
  e.read_rules = {ReadRule{"teacher_id", ScopeSet::kMe, "", ""}, ReadRule{"teacher_id", ScopeSet::kMyMentees, "", ""}};
  return e;
}

}  // namespace

TEST_CASE("a record type declared in the schema alone reaches exactly the devices its rules name",
          "[sync][scope][schema]") {
  REQUIRE(DomainSchema::declare_entity(mentor_memo()).ok());
  CHECK(DomainSchema::declare_entity(mentor_memo()).code() == StatusCode::kInvalidArgument);
  InProcessServer server;
  InProcessTransport transport(server);
  const std::string kOtherTutorOfPair1 = "00000000-0000-7000-8000-00030000001b";
  auto author = enrolled(server, transport, demo::kTutor1, "tutor");
  auto memo = author->store().create_record("mentor_memo", {{"teacher_id", demo::kTeacher1}, {"note", "Читает «с листа» — №3"}});
  REQUIRE(memo.ok());
  REQUIRE(author->sync().ok());

  struct Reader {
    std::string person, role;
    bool reads;
  };
  const Reader readers[] = {
      {demo::kTeacher1, "teacher", true},         // the teacher it is about
      {kOtherTutorOfPair1, "tutor", true},        // mentors in the teacher's pair
      {demo::kMethodologist, "methodologist", true},
      {demo::kTeacher1b, "teacher", false},       // same pair and school: sessions yes, this no
      {demo::kTutor2, "tutor", false},            // another pair
      {demo::kTeacher2, "teacher", false},
  };
  for (const auto& r : readers) {
    INFO(r.person << " as " << r.role);
    auto device = enrolled(server, transport, r.person, r.role);
    REQUIRE(device->sync().ok());
    CHECK(device->store().reader().get(*memo).ok() == r.reads);
    CHECK(device->count("mentor_memo") == (r.reads ? 1 : 0));
  }
}
