#pragma once
// Names the CLI accepts for kinds of records: the schema's entity names, and the short
// names of the three everyday groups (session, visit, assessment).

#include <string>
#include <string_view>
#include <vector>

#include "shared/domain/schema.h"

namespace nastavnik::cli {

struct EntityAlias {
  const char* alias;   // command group name, e.g. "session"
  const char* entity;  // schema entity, e.g. "mentoring_session"
};
inline constexpr EntityAlias kEverydayEntities[] = {
    {"session", "mentoring_session"}, {"visit", "lesson_visit"}, {"assessment", "self_assessment"}};

// The entity for a schema name or an alias; nullptr when unknown.
const EntitySchema* find_entity(std::string_view name_or_alias);

// "session, visit, assessment, municipality, school, ..." for messages and help.
std::string known_entity_names();

// The field that names the author of a record of this entity, defaulted to the device's
// person when not given (mentor of a session, visitor of a visit, ...); empty if none.
std::string author_field(const std::string& entity);

}  // namespace nastavnik::cli
