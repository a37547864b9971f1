#pragma once
// What a record store hands out, whatever its engine: records, queries over them, conflicts
// and the sync backlog.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace nastavnik {

struct Record {
  std::string id;
  std::string entity;
  bool deleted = false;
  nlohmann::json data;  // current field values; set fields as sorted lists
  std::string updated_hlc;
};

struct RecordQuery {
  std::string entity;     // required
  std::string person_id;  // records naming this person in a person field
  std::string pair_id;
  std::string school_id;
  std::string date_from;  // inclusive, YYYY-MM-DD
  std::string date_to;    // inclusive
  bool include_deleted = false;
  int64_t limit = 100;    // <= 0: no limit
  int64_t offset = 0;
};

struct ConflictRecord {
  std::string record_id;
  std::string entity;
  std::string field;  // "*" for a whole edit lost to a delete
  std::string kind;   // "concurrent_write" or "edit_of_deleted"
  std::string loser_hlc, winner_hlc;
  nlohmann::json loser_value, winner_value;
  std::string loser_author, winner_author;
  bool acknowledged = false;
};

// A local op the server refused, with its reason.
struct Rejection {
  std::string hlc;
  std::string record_id;
  std::string entity;
  std::string code;     // wire error code, e.g. "out_of_scope"
  std::string message;  // the server's readable reason
  uint64_t received_ms = 0;
  bool acknowledged = false;
};

struct OutboxEntry {
  uint64_t seq = 0;
  std::string hash;
  std::string frame;  // the framed signed changeset, exactly as it will be sent
  int64_t op_count = 0;
  uint64_t created_ms = 0;
};

struct PendingSummary {
  int64_t unsealed_ops = 0;          // local ops not yet in a changeset
  int64_t unacked_changesets = 0;    // sealed but not acknowledged by the server
  int64_t ops_in_unacked = 0;
  int64_t flagged_ops = 0;           // remote ops held as untrusted (clock far ahead)
  int64_t open_conflicts = 0;
  std::vector<std::pair<std::string, int64_t>> unsealed_by_entity;  // (entity, ops), by entity
  // About what sending it takes: the stored (compressed) bytes of the unacknowledged
  // changesets and of the unsealed ops' bodies, close to what the compressed request carries.
  int64_t bytes_to_send = 0;
};

struct MergeReport {
  int64_t applied = 0;
  int64_t duplicates = 0;
  int64_t flagged_future = 0;
  int64_t new_conflicts = 0;
};

}  // namespace nastavnik
