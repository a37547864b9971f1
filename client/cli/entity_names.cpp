#include "client/cli/entity_names.h"

namespace nastavnik::cli {

const EntitySchema* find_entity(std::string_view name) {
  for (const auto& a : kEverydayEntities)
    if (name == a.alias) return DomainSchema::instance().entity(a.entity);
  return DomainSchema::instance().entity(name);
}

std::string known_entity_names() {
  std::string out;
  for (const auto& a : kEverydayEntities) out += (out.empty() ? "" : ", ") + std::string(a.alias);
  for (const auto& e : DomainSchema::instance().entities()) out += ", " + e.name;
  return out;
}

std::string author_field(const std::string& entity) {
  if (entity == "mentoring_session") return "mentor_id";
  if (entity == "lesson_visit") return "visitor_id";
  if (entity == "self_assessment") return "person_id";
  if (entity == "pair_review") return "author_id";
  return "";
}

}  // namespace nastavnik::cli
