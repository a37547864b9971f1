#pragma once
// The domain schema: every entity of the mentoring programme, its fields, their types,
// how each field merges, and who may write the entity. Merge and write policies are
// declared here, in one table, and nowhere else.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/status.h"

namespace nastavnik {

// Version of the domain schema carried in every changeset.
// 1: first release. 2: self_assessment.instrument_version became required (version 1
//    ops that lack it are upgraded to version 1 of their instrument), lesson_visit gained
//    teacher_id and route_step gained teacher_id. See shared/domain/schema_upgrade.h.
// 3: the programme's risk register (programme_risk) and the period's conclusions,
//    recommendations and decisions (period_note); indicator_value.period became a half-year
//    (type period). Devices of schema 2 are not sent the new entities (since_schema).
inline constexpr int kDomainSchemaVersion = 3;

enum class FieldType {
  kText,     // UTF-8 string
  kInt,      // integer
  kReal,     // floating point number
  kBool,     // true / false
  kDate,     // "YYYY-MM-DD"
  kEnum,     // one of the enum's values (a string)
  kRef,      // id of another record
  kTextSet,  // set of strings
  kEnumSet,  // set of enum values
  kRefSet,   // set of record ids
  kObject,   // JSON object (e.g. answers, protocol scores)
  kPeriod,   // a half-year of the school year, "2026/27-1" (shared/monitoring/period.h)
};

enum class MergePolicy {
  kLastWriterWins,  // the write with the greatest clock stamp wins; concurrent writes
                    // by different devices leave a conflict record
  kElementSet,      // each element is added or removed on its own (last writer wins per
                    // element), so concurrent additions are never lost
};

enum class WritePolicy {
  kRegistry,           // methodologists (the registry of the municipality)
  kAuthor,             // only the person who created the record (session, visit logs)
  kOwner,              // the person it is about, or the school's management team
  kRouteParticipants,  // the teacher of an individual route and their tutor
  kRoadmap,            // methodologists, the school's management team, the responsible
  kSchoolTeam,         // methodologists and the management team of the record's school
  kProgramme,          // methodologists: the programme's risks, conclusions and decisions
};

// The sets a device's scope is made of (docs/PROTOCOL.md §8.9 says how each is derived
// from the registry and the device's enrollment).
enum class ScopeSet {
  kEveryone,    // every enrolled device
  kMe,          // the device's person
  kMySchool,    // the person's own school
  kMyPairs,     // the pairs the person works in: their school's pairs and their assignments'
  kMySchools,   // the person's school and both schools of each of their pairs
  kMyPeople,    // people of those schools and of those pairs' assignments
  kMyMentees,   // the mentees of every pair in which the person mentors someone
};

// One way a record of an entity becomes readable to a device. A device reads a record
// when any rule of its entity holds, when it wrote the record (created_by), or when its
// role reads the whole municipality (methodologist, municipal office). No rule, no reader:
// a new entity must declare its rules here, in the schema, to reach anyone but its author.
struct ReadRule {
  std::string field;        // the field whose value (or any element) must be in the set; "" = the record's id
  ScopeSet in = ScopeSet::kEveryone;
  std::string role;         // the rule holds only for devices enrolled with this role ("": any)
  std::string empty_field;  // ... and only while this field is empty ("": no condition)
};

const char* scope_set_name(ScopeSet set);

struct FieldSchema {
  std::string name;
  FieldType type = FieldType::kText;
  MergePolicy merge = MergePolicy::kLastWriterWins;
  bool required = false;
  std::string enum_name;                // for kEnum / kEnumSet
  std::vector<std::string> enum_values;  // for kEnum / kEnumSet
  std::string ref_entity;               // for kRef / kRefSet
  std::optional<double> min, max;       // for kInt / kReal
  size_t max_length = 4000;             // for kText (characters)
  std::string not_before;               // for kDate: must not be earlier than this date field

  bool is_set() const { return merge == MergePolicy::kElementSet; }
};

struct EntitySchema {
  std::string name;
  WritePolicy write = WritePolicy::kRegistry;
  std::vector<ReadRule> read_rules;  // who may read it (ReadRule above)
  std::vector<FieldSchema> fields;
  // Fields that the replica indexes for list queries (empty when not applicable).
  std::string date_field;
  std::string pair_field;
  std::string school_field;
  std::vector<std::string> person_fields;  // kRef or kRefSet fields naming people
  std::string title_field;                 // human-readable label in lists
  std::vector<std::string> one_of_required;  // at least one of these must be set
  // The domain schema version that introduced the entity: a device that syncs with an
  // older schema cannot store its records, so the server does not send them.
  int since_schema = 1;
  // Part of the registry (schools, people, pairs, assignments): every device's scope is
  // derived from these records, so the server keeps them at hand and versions them.
  bool registry = false;

  const FieldSchema* field(std::string_view name) const;
};

class DomainSchema {
 public:
  static const DomainSchema& instance();
  // Every field some entity's read rules look at, and created_by: a record reduced to these
  // fields is readable by exactly the devices that may read the whole record.
  const std::vector<std::string>& read_policy_fields() const { return read_policy_fields_; }
  const EntitySchema* entity(std::string_view name) const;
  const std::vector<EntitySchema>& entities() const { return entities_; }
  // The names of the registry entities (EntitySchema::registry), in schema order.
  std::vector<std::string> registry_entities() const;
  // Declares one more entity in the running schema, before any store or device uses it.
  // Who reads, writes and receives its records follows from its declaration alone (tests
  // declare one to show it). InvalidArgument for a name already declared.
  static Status declare_entity(EntitySchema entity);
  // The enum's values, or nullptr for an unknown enum name.
  const std::vector<std::string>* enum_values(std::string_view enum_name) const;

 private:
  DomainSchema();
  static DomainSchema& running();
  void derive_read_policy_fields();
  std::vector<EntitySchema> entities_;
  std::vector<std::string> read_policy_fields_;
};

// The field every record gets on creation: the person who created it.
inline constexpr const char* kCreatedByField = "created_by";

const char* field_type_name(FieldType type);
const char* write_policy_name(WritePolicy policy);

}  // namespace nastavnik
