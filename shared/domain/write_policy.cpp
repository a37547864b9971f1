#include "shared/domain/write_policy.h"

namespace nastavnik {
namespace {

std::string text_of(const nlohmann::json& record, const std::string& field) {
  auto it = record.find(field);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_me(const Actor& actor, const nlohmann::json& record, const std::string& field) {
  return !actor.person_id.empty() && text_of(record, field) == actor.person_id;
}

// The reason in English, for logs and the wire (people read "write.refused.<code>").
std::string english_reason(const std::string& code) {
  if (code == kRefusedRegistry) return "the registry is kept by the municipal methodologists";
  if (code == kRefusedAuthorOnly) return "only its author may edit it";
  if (code == kRefusedOwnerOnly) return "a self-assessment belongs to the person (or school) it is about";
  if (code == kRefusedRouteParticipants) return "individual routes are kept by the teacher and their tutor";
  if (code == kRefusedRoadmapKeepers)
    return "roadmap events are kept by methodologists, the school's management team and the person responsible";
  if (code == kRefusedSchoolTeam) return "a school's reported figures are entered by its own management team";
  if (code == kRefusedProgramme)
    return "the programme's risks, conclusions and decisions are kept by the municipal methodologists";
  return code;
}

}  // namespace

std::string write_refusal(const Actor& actor, const EntitySchema& entity, const nlohmann::json& record) {
  if (actor.has("methodologist")) return "";
  const bool unbound = actor.person_id.empty();
  switch (entity.write) {
    case WritePolicy::kRegistry:
      return kRefusedRegistry;
    case WritePolicy::kAuthor: {
      const std::string author = text_of(record, kCreatedByField);
      return author.empty() || author == actor.person_id ? "" : kRefusedAuthorOnly;
    }
    case WritePolicy::kOwner:
      if (unbound || is_me(actor, record, "person_id")) return "";
      if (actor.has("school_admin") && !actor.school_id.empty() &&
          text_of(record, "school_id") == actor.school_id && text_of(record, "person_id").empty())
        return "";
      return kRefusedOwnerOnly;
    case WritePolicy::kRouteParticipants:
      return unbound || actor.has("tutor") || actor.has("teacher") ? "" : kRefusedRouteParticipants;
    case WritePolicy::kRoadmap:
      if (is_me(actor, record, "responsible_id")) return "";
      if (actor.has("school_admin") && !actor.school_id.empty() &&
          text_of(record, "school_id") == actor.school_id)
        return "";
      return kRefusedRoadmapKeepers;
    case WritePolicy::kSchoolTeam:
      if (actor.has("school_admin") && !actor.school_id.empty() && text_of(record, "school_id") == actor.school_id)
        return "";
      return kRefusedSchoolTeam;
    case WritePolicy::kProgramme:
      return kRefusedProgramme;
  }
  return kRefusedRegistry;
}

Status check_write(const Actor& actor, const EntitySchema& entity, const nlohmann::json& record) {
  const std::string refusal = write_refusal(actor, entity, record);
  if (refusal.empty()) return Status::Ok();
  return Status::PermissionDenied("you may not change this " + entity.name + ": " + english_reason(refusal));
}

}  // namespace nastavnik
