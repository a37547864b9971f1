#pragma once
// What a device may read and write, from its person's roles and the registry. The device's
// scope is a few sets (ScopeSet in shared/domain/schema.h: its pairs, schools, people,
// mentees); which records each set opens is declared per entity in the schema's read rules,
// not here. Methodologists read and write the whole municipality, the municipal office reads
// it; everyone reads what they wrote. Writes must also satisfy the entity's write policy
// (shared/domain/write_policy.h) and stay readable to the writer.

#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/domain/schema.h"
#include "shared/domain/write_policy.h"
#include "shared/ops/op.h"
#include "shared/records/record.h"
#include "syncserver/ingest/registry_snapshot.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

class DeviceScope {
 public:
  static DeviceScope build(const Device& device, const RegistrySnapshot& registry);

  // A device that syncs with an older domain schema is not sent the entities it cannot
  // store (EntitySchema::since_schema); the fingerprint changes when it upgrades, so the
  // next pull starts over and brings them.
  void limit_to_schema(int reader_schema) { reader_schema_ = reader_schema; }

  bool reads_everything() const { return read_all_; }
  bool writes_everywhere() const { return write_all_; }
  const std::set<std::string>& pairs() const { return pairs_; }
  const std::set<std::string>& schools() const { return schools_; }
  bool can_read(const std::string& entity, const std::string& id, const nlohmann::json& record) const;
  // Every record field can_read looks at: a record reduced to these fields is read the same.
  static const std::vector<std::string>& read_fields();
  // Feed tags (feed_tags.h) such that every record this device can_read
  // carries at least one of them. Meaningless when reads_everything().
  std::vector<std::string> read_tags() const;
  // PermissionDenied with a reason a person can read when the op is not allowed.
  // `before` is the record's current state, if it exists.
  Status can_write(const Op& op, const std::optional<Record>& before) const;
  // Changes whenever the set of things the device may see changes.
  std::string fingerprint() const;
  const Actor& actor() const { return actor_; }

 private:
  bool holds(const ReadRule& rule, const std::string& id, const nlohmann::json& record) const;

  Actor actor_;
  bool read_all_ = false;
  bool write_all_ = false;
  bool read_only_ = false;
  std::set<std::string> pairs_, schools_, people_, mentees_;
  int reader_schema_ = kDomainSchemaVersion;
};

// The record as it would be after the op (fields overlaid, set elements added/removed).
nlohmann::json apply_to_record(const nlohmann::json& before, const Op& op);

}  // namespace nastavnik::server
