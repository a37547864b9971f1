#include "shared/domain/write_policy.h"

namespace nastavnik {
namespace {

std::string text_of(const nlohmann::json& record, const std::string& field) {
  auto it = record.find(field);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status deny(const EntitySchema& entity, const std::string& why) {
  return Status::PermissionDenied("you may not change this " + entity.name + ": " + why);
}

bool is_me(const Actor& actor, const nlohmann::json& record, const std::string& field) {
  return !actor.person_id.empty() && text_of(record, field) == actor.person_id;
}

}  // namespace

Status check_write(const Actor& actor, const EntitySchema& entity, const nlohmann::json& record) {
  if (actor.has("methodologist")) return Status::Ok();
  const bool unbound = actor.person_id.empty();
  switch (entity.write) {
    case WritePolicy::kRegistry:
      return deny(entity, "the registry is kept by the municipal methodologists");
    case WritePolicy::kAuthor: {
      const std::string author = text_of(record, kCreatedByField);
      if (author.empty() || author == actor.person_id) return Status::Ok();
      return deny(entity, "only its author may edit it");
    }
    case WritePolicy::kOwner:
      if (unbound || is_me(actor, record, "person_id")) return Status::Ok();
      if (actor.has("school_admin") && !actor.school_id.empty() &&
          text_of(record, "school_id") == actor.school_id && text_of(record, "person_id").empty())
        return Status::Ok();
      return deny(entity, "a self-assessment belongs to the person (or school) it is about");
    case WritePolicy::kRouteParticipants:
      if (unbound || actor.has("tutor") || actor.has("teacher")) return Status::Ok();
      return deny(entity, "individual routes are kept by the teacher and their tutor");
    case WritePolicy::kRoadmap:
      if (is_me(actor, record, "responsible_id")) return Status::Ok();
      if (actor.has("school_admin") && !actor.school_id.empty() &&
          text_of(record, "school_id") == actor.school_id)
        return Status::Ok();
      return deny(entity, "roadmap events are kept by methodologists, the school's management "
                          "team and the person responsible");
  }
  return Status::Internal("unknown write policy");
}

}  // namespace nastavnik
