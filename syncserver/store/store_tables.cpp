#include "syncserver/store/store_tables.h"

#include <algorithm>

namespace nastavnik::server {

bool StoreTable::is_binary(const std::string& column) const {
  return std::find(binary.begin(), binary.end(), column) != binary.end();
}

const std::vector<StoreTable>& store_tables() {
  static const std::vector<StoreTable> kTables = {
      {"server_meta", {"key", "value"}, {}, "key"},
      {"devices",
       {"device_id", "public_key", "person_id", "roles", "school_id", "name", "enrolled_ms", "revoked_ms",
        "last_seen_ms", "last_seq", "last_hash", "scope_fingerprint", "cursor", "snapshot_due"},
       {},
       "device_id"},
      {"enrollment_codes",
       {"code_hash", "person_id", "role", "created_ms", "expires_ms", "used_ms", "device_id", "answer"},
       {},
       "code_hash"},
      {"changesets", {"device_id", "seq", "hash", "frame", "result", "received_ms"}, {"frame"}, ""},
      {"request_signatures", {"device_id", "digest", "signed_ms"}, {}, "device_id, digest"},
      {"records",
       {"id", "entity", "deleted", "data", "date_key", "pair_id", "school_id", "created_by", "updated_hlc", "stamps"},
       {},
       "id"},
      {"ops",
       {"position", "hlc", "kind", "entity", "record_id", "body", "origin", "changeset_seq", "flagged", "received_ms"},
       {"body"},
       "position"},
      {"feed_tags", {"tag", "seq"}, {}, "tag, seq"},
      {"conflicts",
       {"record_id", "field", "kind", "loser_hlc", "winner_hlc", "loser_value", "winner_value", "loser_author",
        "winner_author", "acknowledged"},
       {},
       "record_id, field, loser_hlc, winner_hlc"},
      {"record_people", {"person_id", "record_id"}, {}, "person_id, record_id"},
  };
  return kTables;
}

const StoreTable* store_table(const std::string& name) {
  for (const auto& t : store_tables())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace nastavnik::server
