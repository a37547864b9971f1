#include "syncserver/ingest/feed_writer.h"

#include "shared/domain/schema.h"
#include "syncserver/ingest/feed_tags.h"

namespace nastavnik::server {

static std::vector<std::string> tags_of(const EntitySchema& entity, const std::string& id,
                                        const std::optional<Record>& record) {
  return feed_tags::of_record(entity, id, record ? record->data : nlohmann::json::object());
}

Status FeedWriter::apply(IngestUnit& unit, const Op& op, const std::optional<Record>& before, uint64_t now_ms) {
  const EntitySchema* entity = DomainSchema::instance().entity(op.entity);
  if (!entity) return Status::Internal("an op of unknown entity '" + op.entity + "' reached the feed");
  NASTAVNIK_ASSIGN_OR_RETURN(auto after, unit.merge(op, now_ms));
  if (!after) return Status::Ok();
  const auto tags = tags_of(*entity, op.id, after);
  NASTAVNIK_RETURN_IF_ERROR(unit.append_feed(op.hlc.str(), tags));
  if (before && tags_of(*entity, op.id, before) != tags) {
    // The record's new readers get its whole history, not only the op that let them in.
    NASTAVNIK_ASSIGN_OR_RETURN(auto earlier, unit.op_stamps(op.id));
    for (const auto& hlc : earlier)
      if (hlc != op.hlc.str()) NASTAVNIK_RETURN_IF_ERROR(unit.append_feed(hlc, tags));
  }
  if (entity->registry) return unit.increment_meta(kRegistryVersionKey);
  return Status::Ok();
}

Status FeedWriter::retag_if_policy_changed(CentralStore& store) {
  const std::string policy = feed_tags::policy_fingerprint();
  NASTAVNIK_ASSIGN_OR_RETURN(auto tagged_under, store.meta(kFeedTagPolicyKey));
  if (tagged_under == policy) return Status::Ok();
  const auto tags_of_row = [](const FeedRow& row) {
    const EntitySchema* entity = DomainSchema::instance().entity(row.entity);
    return entity ? feed_tags::of_record(*entity, row.record_id, row.record) : std::vector<std::string>();
  };
  return store.retag_feed(DomainSchema::instance().read_policy_fields(), tags_of_row, kFeedTagPolicyKey, policy);
}

Result<uint64_t> FeedWriter::registry_version(CentralStore& store) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto value, store.meta(kRegistryVersionKey));
  return value ? static_cast<uint64_t>(std::stoull(*value)) : uint64_t{0};
}

}  // namespace nastavnik::server
