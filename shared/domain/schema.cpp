#include "shared/domain/schema.h"

#include <algorithm>
#include <map>

namespace nastavnik {
namespace {

// Enumerations shared by several entities; labels live in assets/i18n as enum.<name>.<value>.
const std::map<std::string, std::vector<std::string>, std::less<>>& enums() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> kEnums = {
      {"role", {"teacher", "tutor", "mentor", "school_admin", "methodologist", "municipal_office"}},
      {"pair_model", {"concentrated", "distributed"}},
      {"pair_direction", {"horizontal", "vertical"}},
      {"assignment_kind", {"leader_leader", "teacher_teacher"}},
      {"mode", {"online", "offline"}},
      {"event_format",
       {"seminar", "webinar", "open_lesson", "business_game", "round_table", "master_class",
        "consultation", "internship", "joint_council", "school_visit"}},
      {"event_status", {"planned", "done", "cancelled"}},
      // The "learning by action" chain, in its order.
      {"session_stage",
       {"theory", "positive_experience", "trial_lessons", "joint_analysis", "recommendations",
        "individual_trials", "mentoring_groups", "joint_summary"}},
      {"route_status", {"draft", "active", "completed"}},
      {"risk_level", {"low", "medium", "high"}},
      {"risk_status", {"open", "mitigating", "closed"}},
      // What the methodologist writes for a period (seed 003: conclusions, targeted
      // recommendations, management decisions).
      {"note_kind", {"conclusion", "recommendation", "decision"}},
  };
  return kEnums;
}

// Small builders so the table below reads as a declaration.
struct F {
  FieldSchema s;
  F& required() { s.required = true; return *this; }
  F& range(double lo, double hi) { s.min = lo; s.max = hi; return *this; }
  F& max_length(size_t n) { s.max_length = n; return *this; }
  F& not_before(std::string other) { s.not_before = std::move(other); return *this; }
  operator FieldSchema() const { return s; }  // NOLINT: builder
};

F make(std::string name, FieldType type) {
  F f;
  f.s.name = std::move(name);
  f.s.type = type;
  f.s.merge = (type == FieldType::kTextSet || type == FieldType::kEnumSet ||
               type == FieldType::kRefSet)
                  ? MergePolicy::kElementSet
                  : MergePolicy::kLastWriterWins;
  return f;
}
F text(std::string n) { return make(std::move(n), FieldType::kText); }
F integer(std::string n) { return make(std::move(n), FieldType::kInt); }
F real(std::string n) { return make(std::move(n), FieldType::kReal); }
F boolean(std::string n) { return make(std::move(n), FieldType::kBool); }
F date(std::string n) { return make(std::move(n), FieldType::kDate); }
F object(std::string n) { return make(std::move(n), FieldType::kObject); }
F period(std::string n) { return make(std::move(n), FieldType::kPeriod); }
F text_set(std::string n) { return make(std::move(n), FieldType::kTextSet); }
F ref(std::string n, std::string entity) {
  F f = make(std::move(n), FieldType::kRef);
  f.s.ref_entity = std::move(entity);
  return f;
}
F ref_set(std::string n, std::string entity) {
  F f = make(std::move(n), FieldType::kRefSet);
  f.s.ref_entity = std::move(entity);
  return f;
}
F enumeration(std::string n, const std::string& enum_name) {
  F f = make(std::move(n), FieldType::kEnum);
  f.s.enum_name = enum_name;
  f.s.enum_values = enums().at(enum_name);
  return f;
}
F enum_set(std::string n, const std::string& enum_name) {
  F f = make(std::move(n), FieldType::kEnumSet);
  f.s.enum_name = enum_name;
  f.s.enum_values = enums().at(enum_name);
  return f;
}

EntitySchema entity(std::string name, WritePolicy write, std::vector<FieldSchema> fields) {
  EntitySchema e;
  e.name = std::move(name);
  e.write = write;
  e.fields = std::move(fields);
  e.fields.push_back(ref(kCreatedByField, "person"));
  return e;
}

// Read rules, written as they read: in("pair_id", kMyPairs) — "its pair_id is one of my pairs".
ReadRule in(std::string field, ScopeSet set) { return ReadRule{std::move(field), set, "", ""}; }
ReadRule own(ScopeSet set) { return ReadRule{"", set, "", ""}; }
ReadRule for_role(std::string role, ReadRule rule) {
  rule.role = std::move(role);
  return rule;
}
ReadRule while_empty(std::string field, ReadRule rule) {
  rule.empty_field = std::move(field);
  return rule;
}

std::vector<EntitySchema> build_entities() {
  using W = WritePolicy;
  std::vector<EntitySchema> out;

  auto municipality = entity("municipality", W::kRegistry,
                             {text("name").required().max_length(300), text("region")});
  municipality.title_field = "name";
  municipality.read_rules = {own(ScopeSet::kEveryone)};
  municipality.registry = true;
  out.push_back(municipality);

  auto school = entity("school", W::kRegistry,
                       {ref("municipality_id", "municipality").required(),
                        text("name").required().max_length(500), text("short_name"),
                        boolean("low_results"), boolean("difficult_social"), boolean("leader"),
                        boolean("resource_center"), real("ior").range(0, 1),
                        integer("ior_quartile").range(1, 4), real("social_index").range(0, 1),
                        text("address")});
  school.title_field = "name";
  school.read_rules = {own(ScopeSet::kEveryone)};
  school.registry = true;
  out.push_back(school);

  auto person = entity("person", W::kRegistry,
                       {text("full_name").required().max_length(300), ref("school_id", "school"),
                        enum_set("roles", "role").required(), text("subject"), text("position")});
  person.school_field = "school_id";
  person.title_field = "full_name";
  person.read_rules = {own(ScopeSet::kMyPeople)};
  person.registry = true;
  out.push_back(person);

  auto pair = entity("pair", W::kRegistry,
                     {ref("low_school_id", "school").required(),
                      ref("partner_school_id", "school").required(), text_set("problem_zones"),
                      text_set("topics"), enumeration("model", "pair_model"),
                      enumeration("direction", "pair_direction"), text("agreement_number"),
                      date("agreement_date"), date("period_start"), date("period_end").not_before("period_start")});
  pair.school_field = "low_school_id";
  pair.title_field = "agreement_number";
  pair.read_rules = {own(ScopeSet::kMyPairs)};
  pair.registry = true;
  out.push_back(pair);

  auto assignment = entity("assignment", W::kRegistry,
                           {ref("pair_id", "pair").required(),
                            enumeration("kind", "assignment_kind").required(),
                            ref("mentor_id", "person").required(),
                            ref_set("mentee_ids", "person"), enumeration("mode", "mode"),
                            date("start_date")});
  assignment.pair_field = "pair_id";
  assignment.date_field = "start_date";
  assignment.person_fields = {"mentor_id", "mentee_ids"};
  assignment.read_rules = {in("pair_id", ScopeSet::kMyPairs)};
  assignment.registry = true;
  out.push_back(assignment);

  auto event = entity("roadmap_event", W::kRoadmap,
                      {ref("pair_id", "pair"), ref("school_id", "school"),
                       text("title").required().max_length(500), date("planned_date").required(),
                       enumeration("format", "event_format").required(),
                       ref("responsible_id", "person"), ref_set("participants", "person"),
                       enumeration("status", "event_status"), text("report")});
  event.date_field = "planned_date";
  event.pair_field = "pair_id";
  event.school_field = "school_id";
  event.person_fields = {"responsible_id", "participants"};
  event.title_field = "title";
  event.read_rules = {in("pair_id", ScopeSet::kMyPairs), in("school_id", ScopeSet::kMySchool),
                      in("responsible_id", ScopeSet::kMe), in("participants", ScopeSet::kMe)};
  out.push_back(event);

  auto visit = entity("lesson_visit", W::kAuthor,
                      {ref("visitor_id", "person").required(), ref("teacher_id", "person"),
                       ref("host_school_id", "school").required(), ref("pair_id", "pair"),
                       date("date").required(), text("subject").required().max_length(200),
                       integer("grade").range(1, 11), text("purpose"), text("protocol_id"),
                       integer("protocol_version").range(1, 1000), object("scores"),
                       text("strengths"), text("recommendations"), date("follow_up_date").not_before("date")});
  visit.date_field = "date";
  visit.pair_field = "pair_id";
  visit.school_field = "host_school_id";
  visit.person_fields = {"visitor_id", "teacher_id"};
  visit.title_field = "subject";
  visit.read_rules = {in("pair_id", ScopeSet::kMyPairs), in("visitor_id", ScopeSet::kMe),
                      in("teacher_id", ScopeSet::kMe),
                      for_role("school_admin", in("host_school_id", ScopeSet::kMySchool))};
  out.push_back(visit);

  auto session = entity("mentoring_session", W::kAuthor,
                        {ref("pair_id", "pair"), ref("mentor_id", "person").required(),
                         ref_set("mentees", "person"), date("date").required(),
                         integer("duration_min").range(1, 1440),
                         enumeration("format", "mode").required(),
                         enumeration("stage", "session_stage").required(),
                         text("topic").required().max_length(500), text("notes"),
                         text("agreed_actions"), date("next_date").not_before("date"), text("reflection"),
                         integer("satisfaction").range(1, 5)});
  session.date_field = "date";
  session.pair_field = "pair_id";
  session.person_fields = {"mentor_id", "mentees"};
  session.title_field = "topic";
  session.read_rules = {in("pair_id", ScopeSet::kMyPairs), in("mentor_id", ScopeSet::kMe),
                        in("mentees", ScopeSet::kMe)};
  out.push_back(session);

  auto assessment = entity("self_assessment", W::kOwner,
                           {text("instrument_id").required().max_length(100),
                            integer("instrument_version").required().range(1, 1000),
                            ref("person_id", "person"), ref("school_id", "school"),
                            date("date").required(), object("answers").required(),
                            text_set("deficits")});
  assessment.date_field = "date";
  assessment.school_field = "school_id";
  assessment.person_fields = {"person_id"};
  assessment.title_field = "instrument_id";
  assessment.one_of_required = {"person_id", "school_id"};
  assessment.read_rules = {in("person_id", ScopeSet::kMe), in("person_id", ScopeSet::kMyMentees),
                           for_role("school_admin",
                                    while_empty("person_id", in("school_id", ScopeSet::kMySchool)))};
  out.push_back(assessment);

  auto route = entity("individual_route", W::kRouteParticipants,
                      {ref("teacher_id", "person").required(), ref("tutor_id", "person"),
                       text("title").max_length(500), text_set("deficits"),
                       enumeration("status", "route_status")});
  route.person_fields = {"teacher_id", "tutor_id"};
  route.title_field = "title";
  route.read_rules = {in("teacher_id", ScopeSet::kMe), in("tutor_id", ScopeSet::kMe),
                      in("teacher_id", ScopeSet::kMyMentees)};
  out.push_back(route);

  auto step = entity("route_step", W::kRouteParticipants,
                     {ref("route_id", "individual_route").required(),
                      // The route's teacher, repeated so a step can be scoped without its route.
                      ref("teacher_id", "person").required(),
                      text("title").required().max_length(500), text("deficit"),
                      date("due_date"), boolean("done"), text("note")});
  step.date_field = "due_date";
  step.person_fields = {"teacher_id"};
  step.title_field = "title";
  step.read_rules = {in("teacher_id", ScopeSet::kMe), in("teacher_id", ScopeSet::kMyMentees)};
  out.push_back(step);

  auto review = entity("pair_review", W::kAuthor,
                       {ref("pair_id", "pair").required(), ref("author_id", "person").required(),
                        date("date").required(), text("summary").required().max_length(20000),
                        text("recommendations").max_length(20000)});
  review.date_field = "date";
  review.pair_field = "pair_id";
  review.person_fields = {"author_id"};
  review.title_field = "summary";
  review.read_rules = {in("pair_id", ScopeSet::kMyPairs)};
  out.push_back(review);

  // A school's reported figure for a half-year (docs/MONITORING.md): entered by the school's
  // own management team, or by a methodologist.
  auto indicator = entity("indicator_value", W::kSchoolTeam,
                          {ref("school_id", "school").required(),
                           text("indicator").required().max_length(200),
                           period("period").required(), real("value").required()});
  indicator.school_field = "school_id";
  indicator.title_field = "indicator";
  indicator.read_rules = {in("school_id", ScopeSet::kMySchools)};
  out.push_back(indicator);

  // The programme's risk register (seed 003 §7, reviewed at every monitoring): a risk of the
  // whole programme or of one school. Everyone in the programme reads it.
  auto risk = entity("programme_risk", W::kProgramme,
                     {text("title").required().max_length(500), text("description").max_length(4000),
                      ref("school_id", "school"), enumeration("likelihood", "risk_level").required(),
                      enumeration("impact", "risk_level").required(), text("mitigation").max_length(4000),
                      ref("owner_id", "person"), enumeration("status", "risk_status").required(),
                      date("review_date")});
  risk.school_field = "school_id";
  risk.date_field = "review_date";
  risk.person_fields = {"owner_id"};
  risk.title_field = "title";
  risk.read_rules = {own(ScopeSet::kEveryone)};
  risk.since_schema = 3;
  out.push_back(risk);

  // A conclusion of the half-year's monitoring, a recommendation addressed to a school or a
  // pair, or a management decision (an order, with its number), as the report prints them.
  auto note = entity("period_note", W::kProgramme,
                     {period("period").required(), enumeration("kind", "note_kind").required(),
                      text("text").required().max_length(20000), ref("school_id", "school"), ref("pair_id", "pair"),
                      text("document").max_length(300), date("due_date"), ref("responsible_id", "person")});
  note.school_field = "school_id";
  note.pair_field = "pair_id";
  note.date_field = "due_date";
  note.person_fields = {"responsible_id"};
  note.title_field = "text";
  note.read_rules = {own(ScopeSet::kEveryone)};
  note.since_schema = 3;
  out.push_back(note);
  return out;
}

}  // namespace

const FieldSchema* EntitySchema::field(std::string_view n) const {
  for (const auto& f : fields)
    if (f.name == n) return &f;
  return nullptr;
}

DomainSchema::DomainSchema() : entities_(build_entities()) { derive_read_policy_fields(); }

void DomainSchema::derive_read_policy_fields() {
  std::vector<std::string> fields = {kCreatedByField};
  for (const auto& e : entities_)
    for (const auto& rule : e.read_rules)
      for (const std::string& f : {rule.field, rule.empty_field})
        if (!f.empty() && std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
  read_policy_fields_ = std::move(fields);
}

DomainSchema& DomainSchema::running() {
  static DomainSchema schema;
  return schema;
}

const DomainSchema& DomainSchema::instance() { return running(); }

Status DomainSchema::declare_entity(EntitySchema declared) {
  DomainSchema& schema = running();
  if (schema.entity(declared.name)) return Status::InvalidArgument("entity " + declared.name + " is already declared");
  if (!declared.field(kCreatedByField)) declared.fields.push_back(ref(kCreatedByField, "person"));
  schema.entities_.push_back(std::move(declared));
  schema.derive_read_policy_fields();
  return Status::Ok();
}

std::vector<std::string> DomainSchema::registry_entities() const {
  std::vector<std::string> names;
  for (const auto& e : entities_)
    if (e.registry) names.push_back(e.name);
  return names;
}

const EntitySchema* DomainSchema::entity(std::string_view name) const {
  for (const auto& e : entities_)
    if (e.name == name) return &e;
  return nullptr;
}

const std::vector<std::string>* DomainSchema::enum_values(std::string_view enum_name) const {
  auto it = enums().find(enum_name);
  return it == enums().end() ? nullptr : &it->second;
}

const char* scope_set_name(ScopeSet set) {
  switch (set) {
    case ScopeSet::kEveryone: return "everyone";
    case ScopeSet::kMe: return "me";
    case ScopeSet::kMySchool: return "my_school";
    case ScopeSet::kMyPairs: return "my_pairs";
    case ScopeSet::kMySchools: return "my_schools";
    case ScopeSet::kMyPeople: return "my_people";
    case ScopeSet::kMyMentees: return "my_mentees";
  }
  return "?";
}

const char* write_policy_name(WritePolicy policy) {
  switch (policy) {
    case WritePolicy::kRegistry: return "registry";
    case WritePolicy::kAuthor: return "author";
    case WritePolicy::kOwner: return "owner";
    case WritePolicy::kRouteParticipants: return "route_participants";
    case WritePolicy::kRoadmap: return "roadmap";
    case WritePolicy::kSchoolTeam: return "school_team";
    case WritePolicy::kProgramme: return "programme";
  }
  return "?";
}

const char* field_type_name(FieldType type) {
  switch (type) {
    case FieldType::kText: return "text";
    case FieldType::kInt: return "integer";
    case FieldType::kReal: return "number";
    case FieldType::kBool: return "boolean";
    case FieldType::kDate: return "date";
    case FieldType::kEnum: return "enum";
    case FieldType::kRef: return "id";
    case FieldType::kTextSet: return "text list";
    case FieldType::kEnumSet: return "enum list";
    case FieldType::kRefSet: return "id list";
    case FieldType::kObject: return "object";
    case FieldType::kPeriod: return "period";
  }
  return "?";
}

}  // namespace nastavnik
