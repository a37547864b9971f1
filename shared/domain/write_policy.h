#pragma once
// Who may write what, from the entity's declared WritePolicy. The client uses it to refuse
// edits before they are recorded; the server applies the same rules at ingest.

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/domain/schema.h"

namespace nastavnik {

struct Actor {
  std::string person_id;          // empty on a device not yet bound to a person
  std::set<std::string> roles;    // enum "role" values
  std::string school_id;          // the person's school, if any
  bool has(const std::string& role) const { return roles.count(role) != 0; }
};

// Why a write is refused, as a code; people read it through the catalog key
// "write.refused.<code>".
inline constexpr const char* kRefusedRegistry = "registry";
inline constexpr const char* kRefusedAuthorOnly = "author_only";
inline constexpr const char* kRefusedOwnerOnly = "owner_only";
inline constexpr const char* kRefusedRouteParticipants = "route_participants";
inline constexpr const char* kRefusedRoadmapKeepers = "roadmap_keepers";
inline constexpr const char* kRefusedSchoolTeam = "school_team";
inline constexpr const char* kRefusedProgramme = "programme";

// May `actor` write a record of `entity` whose current fields (after the write) are
// `record`? Empty when it may, the refusal code otherwise. Pair-scoped rules (a tutor on
// their assigned pairs) need the registry and are checked by the server. The client's
// screens ask this too, so that what a role may not do is not offered.
std::string write_refusal(const Actor& actor, const EntitySchema& entity, const nlohmann::json& record);
// write_refusal() as a status: PermissionDenied with the reason in English.
Status check_write(const Actor& actor, const EntitySchema& entity, const nlohmann::json& record);

}  // namespace nastavnik
