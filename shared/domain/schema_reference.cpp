#include "shared/domain/schema_reference.h"

#include <map>
#include <sstream>

#include "shared/domain/schema.h"

namespace nastavnik {
namespace {

std::string code(const std::string& text) { return "`" + text + "`"; }

std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string type_text(const FieldSchema& f) {
  switch (f.type) {
    case FieldType::kRef: return "id of " + code(f.ref_entity);
    case FieldType::kRefSet: return "list of ids of " + code(f.ref_entity);
    case FieldType::kEnum: return "enum " + code(f.enum_name);
    case FieldType::kEnumSet: return "list of enum " + code(f.enum_name);
    default: return field_type_name(f.type);
  }
}

std::string limits_text(const FieldSchema& f) {
  std::vector<std::string> out;
  if (f.type == FieldType::kText || f.type == FieldType::kTextSet)
    out.push_back("at most " + std::to_string(f.max_length) + " characters" +
                  (f.type == FieldType::kTextSet ? " each" : ""));
  if (f.min && f.max) out.push_back(number(*f.min) + " to " + number(*f.max));
  if (f.type == FieldType::kDate) out.push_back("`YYYY-MM-DD`");
  if (f.type == FieldType::kPeriod) out.push_back("`YYYY/YY-H`, a half-year");
  if (!f.not_before.empty()) out.push_back("not before " + code(f.not_before));
  return join(out, "; ");
}

std::string set_text(ScopeSet set) {
  switch (set) {
    case ScopeSet::kEveryone: return "every device";
    case ScopeSet::kMe: return "the device's person";
    case ScopeSet::kMySchool: return "the person's school";
    case ScopeSet::kMyPairs: return "one of the person's pairs (`my_pairs`)";
    case ScopeSet::kMySchools: return "one of the person's schools (`my_schools`)";
    case ScopeSet::kMyPeople: return "one of the person's people (`my_people`)";
    case ScopeSet::kMyMentees: return "a mentee of a pair the person mentors in (`my_mentees`)";
  }
  return "?";
}

std::string rule_text(const ReadRule& rule) {
  std::string text;
  if (rule.in == ScopeSet::kEveryone) text = "every device";
  else if (rule.field.empty()) text = "the record itself is " + set_text(rule.in);
  else text = code(rule.field) + " is (or holds) " + set_text(rule.in);
  if (!rule.role.empty()) text += ", for a device enrolled as " + code(rule.role);
  if (!rule.empty_field.empty()) text += ", while " + code(rule.empty_field) + " is empty";
  return text;
}

std::string writers_text(WritePolicy policy) {
  switch (policy) {
    case WritePolicy::kRegistry: return "methodologists only";
    case WritePolicy::kAuthor: return "its author (`created_by`), and methodologists";
    case WritePolicy::kOwner:
      return "the person in `person_id`; for a school's own record (no `person_id`) the `school_admin` of "
             "`school_id`; and methodologists";
    case WritePolicy::kRouteParticipants: return "teachers and tutors whose scope holds it, and methodologists";
    case WritePolicy::kRoadmap:
      return "the person in `responsible_id`, the `school_admin` of `school_id`, and methodologists";
    case WritePolicy::kSchoolTeam: return "the `school_admin` of `school_id`, and methodologists";
    case WritePolicy::kProgramme: return "methodologists only";
  }
  return "?";
}

std::string merge_text(const FieldSchema& f) { return f.is_set() ? "per element" : "last writer wins"; }

std::map<std::string, std::vector<std::string>> used_enums() {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& e : DomainSchema::instance().entities())
    for (const auto& f : e.fields)
      if (!f.enum_name.empty()) out[f.enum_name] = f.enum_values;
  return out;
}

}  // namespace

std::string schema_markdown() {
  std::ostringstream md;
  const DomainSchema& schema = DomainSchema::instance();
  md << "Generated from the domain schema, version " << kDomainSchemaVersion
     << " (`nastavnik-cli schema --markdown`). Field types are those of §3; `required` fields "
        "must be present when a record is created and may not be cleared; `merge` is the rule of §5; "
        "lengths count characters (Unicode code points), and text never holds control characters "
        "other than line breaks and tabs. Every entity also has `created_by`, the id of the person "
        "who created the record, set on creation and never changed. Readers and writers are "
        "explained in §8.9.\n\n";
  for (const auto& e : schema.entities()) {
    md << "#### " << code(e.name) << "\n\n";
    md << "| field | type | required | merge | limits |\n|---|---|---|---|---|\n";
    for (const auto& f : e.fields) {
      if (f.name == kCreatedByField) continue;
      md << "| " << code(f.name) << " | " << type_text(f) << " | " << (f.required ? "yes" : "") << " | "
         << merge_text(f) << " | " << limits_text(f) << " |\n";
    }
    if (!e.one_of_required.empty()) {
      std::vector<std::string> names;
      for (const auto& n : e.one_of_required) names.push_back(code(n));
      md << "\nAt least one of " << join(names, ", ") << " must be set.\n";
    }
    std::vector<std::string> rules;
    for (const auto& r : e.read_rules) rules.push_back(rule_text(r));
    md << "\nRead by: " << (rules.empty() ? "no one but its author" : join(rules, "; or ")) << ".  \n";
    md << "Written by: " << writers_text(e.write) << " (write policy " << code(write_policy_name(e.write)) << ").";
    if (e.registry) md << "  \nPart of the registry: every device's scope is derived from these records.";
    if (e.since_schema > 1)
      md << "  \nSince schema " << e.since_schema << ": not sent to devices that sync with an older schema (§6).";
    md << "\n\n";
  }
  md << "#### Enumerations\n\n| enum | values |\n|---|---|\n";
  for (const auto& [name, values] : used_enums()) {
    std::vector<std::string> quoted;
    for (const auto& v : values) quoted.push_back(code(v));
    md << "| " << code(name) << " | " << join(quoted) << " |\n";
  }
  return md.str();
}

nlohmann::json schema_json() {
  nlohmann::json entities = nlohmann::json::array();
  for (const auto& e : DomainSchema::instance().entities()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : e.fields) {
      nlohmann::json j = {{"name", f.name}, {"type", field_type_name(f.type)}, {"required", f.required},
                          {"merge", f.is_set() ? "element_set" : "last_writer_wins"}};
      if (!f.enum_name.empty()) j["enum"] = f.enum_name;
      if (!f.ref_entity.empty()) j["ref"] = f.ref_entity;
      if (f.min) j["min"] = *f.min;
      if (f.max) j["max"] = *f.max;
      if (f.type == FieldType::kText || f.type == FieldType::kTextSet) j["max_length"] = f.max_length;
      if (!f.not_before.empty()) j["not_before"] = f.not_before;
      fields.push_back(std::move(j));
    }
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& r : e.read_rules) {
      nlohmann::json j = {{"field", r.field}, {"in", scope_set_name(r.in)}};
      if (!r.role.empty()) j["role"] = r.role;
      if (!r.empty_field.empty()) j["while_empty"] = r.empty_field;
      rules.push_back(std::move(j));
    }
    entities.push_back({{"name", e.name}, {"fields", fields}, {"read", rules}, {"write", write_policy_name(e.write)},
                        {"one_of_required", e.one_of_required}, {"since_schema", e.since_schema},
                        {"registry", e.registry}});
  }
  nlohmann::json enums = nlohmann::json::object();
  for (const auto& [name, values] : used_enums()) enums[name] = values;
  return {{"schema", kDomainSchemaVersion}, {"entities", entities}, {"enums", enums}};
}

}  // namespace nastavnik
