#pragma once
// The central municipal store, behind an interface so that ingest and pull never depend on
// a database engine. The interface holds primitives only: what a record means for the feed
// (its tags, feeding it again when its readers change, the registry version) is decided
// above it, from the schema (ingest/feed_writer.h), so a second engine implements storage
// and nothing of the policy. SqliteCentralStore and PostgresCentralStore are the engines;
// store_engines.h opens one from a store address.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/ops/op.h"
#include "shared/records/record.h"

namespace nastavnik::server {

struct Device {
  std::string id;          // key id of its public key
  std::string public_key;  // hex
  std::string person_id;
  std::set<std::string> roles;
  std::string school_id;
  std::string name;
  uint64_t enrolled_ms = 0;
  uint64_t revoked_ms = 0;  // 0: active
  uint64_t last_seen_ms = 0;
  uint64_t last_seq = 0;    // last accepted changeset of its chain
  std::string last_hash;
  std::string scope_fingerprint;  // what it could see at its last pull
  uint64_t cursor = 0;            // the feed position it had applied when it last synced
  bool snapshot_due = false;      // its cursor was below a compaction: its next pull starts over
  bool revoked() const { return revoked_ms != 0; }
};

struct EnrollmentCode {
  std::string code_hash;  // BLAKE2b of the code: the code itself is never stored
  std::string person_id;
  std::string role;
  uint64_t created_ms = 0;
  uint64_t expires_ms = 0;
  std::string used_by;  // device id that redeemed it, empty while unused
};

// One row of the pull feed: an op and the current state of its record.
struct FeedRow {
  uint64_t seq = 0;     // the op's place in the feed
  std::string hlc;      // the op's stamp (its last 32 characters are the writing device)
  std::string op_body;  // op JSON as stored
  std::string entity;
  std::string record_id;
  nlohmann::json record;  // current fields: those read_feed was asked for (null when unset)
};


// A changeset as devices signed it, with where and when it was received: the audit archive.
struct ArchivedChangeset {
  std::string device;
  uint64_t seq = 0;
  std::string hash;
  uint64_t received_ms = 0;
  std::string frame;  // exactly as received (ChangesetCodec::frame)
};

struct CompactionReport {
  uint64_t through = 0;  // the feed position compacted up to (the store's compaction point)
  int64_t ops_removed = 0;  // each with its place in the feed
};

// Rows of one of the store's tables (store_tables.h), each value as text, or as bytes in a
// binary column; nullopt is NULL. A store is copied to another engine in such chunks.
struct TableChunk {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

struct StoreStats {
  int64_t devices = 0, active_devices = 0, changesets = 0, ops = 0, conflicts = 0;
  std::vector<std::pair<std::string, int64_t>> records_by_entity;
};

// One changeset's work, in one transaction: nothing is visible before commit(), and a
// destroyed unit rolls back.
class IngestUnit {
 public:
  virtual ~IngestUnit() = default;
  // The stored hash of a device's changeset `seq`, if it was accepted before.
  virtual Result<std::optional<std::string>> stored_hash(const std::string& device, uint64_t seq) = 0;
  virtual Result<std::optional<nlohmann::json>> stored_result(const std::string& device, uint64_t seq) = 0;
  // The device's last accepted sequence number and hash (0 and "" before its first).
  virtual Result<std::pair<uint64_t, std::string>> chain_head(const std::string& device) = 0;
  virtual Result<std::optional<Record>> record(const std::string& id) = 0;
  virtual Result<bool> has_op(const Hlc& hlc) = 0;
  // The stamp of the current value of each last-writer-wins field of a record.
  virtual Result<std::map<std::string, Hlc>> field_stamps(const std::string& id) = 0;
  // Merges an op into its record (merge rules of docs/PROTOCOL.md §5) and keeps it in the op
  // log; gives the record as it is now. Nothing when the op was there already: nothing
  // changes then.
  virtual Result<std::optional<Record>> merge(const Op& op, uint64_t now_ms) = 0;
  // The stamps of every op of a record in the op log, oldest first.
  virtual Result<std::vector<std::string>> op_stamps(const std::string& record_id) = 0;
  // Places an op of the log at the head of the pull feed, tagged with `tags`
  // (read_tagged_feed). The op log is the feed: each op has one place in it, so an op fed
  // again after its record's readers changed leaves its earlier place (and that place's
  // tags) for the head; an op merged in this unit is at the head already. Positions only
  // grow: one given out is never given again, even after compaction removed its op.
  virtual Status append_feed(const std::string& hlc, const std::vector<std::string>& tags) = 0;
  // Adds one to an integer setting kept with the store (0 when unset).
  virtual Status increment_meta(const std::string& key) = 0;
  // Records the changeset and its result and advances the device's chain head.
  virtual Status record_changeset(const std::string& device, uint64_t seq, const std::string& hash,
                                  const std::string& frame, const nlohmann::json& result, uint64_t now_ms) = 0;
  // Durable when it returns Ok.
  virtual Status commit() = 0;
};

// The store setting that keeps the compaction point.
inline constexpr const char* kCompactionPointKey = "compacted_through";

class CentralStore {
 public:
  virtual ~CentralStore() = default;

  virtual Result<std::optional<Device>> find_device(const std::string& id) = 0;
  virtual Result<std::vector<Device>> list_devices() = 0;
  virtual Status save_code(const EnrollmentCode& code) = 0;
  // Atomically redeems a code for `device` and returns the enrollment answer to send:
  //  - a code this same device redeemed before gives back the answer stored then (a device
  //    whose answer was lost in transit asks again and gets the same signed document);
  //  - otherwise the code must exist, be unused and unexpired: it is marked used, `answer`
  //    is stored with it, and the device is registered; a device id enrolled before (a
  //    laptop whose earlier enrollment failed halfway, or one that was revoked) is bound
  //    anew and made active, keeping its chain, as long as the code is for the same person.
  // FailedPrecondition names what failed; nothing changes then.
  virtual Result<nlohmann::json> redeem_code(const std::string& code_hash, const Device& device,
                                             const nlohmann::json& answer, uint64_t now_ms) = 0;
  virtual Result<std::optional<EnrollmentCode>> find_code(const std::string& code_hash) = 0;
  virtual Status revoke_device(const std::string& id, uint64_t now_ms) = 0;
  // Notes a sync: when, what the device could see, and the feed position it had applied;
  // `started_over`: its pull started from the beginning, so no snapshot is due any more.
  virtual Status touch_device(const std::string& id, uint64_t now_ms, const std::string& scope_fingerprint,
                              uint64_t cursor, bool started_over) = 0;
  // Remembers that `device` sent a request whose signature has digest `digest`, signed at
  // `signed_ms`. False when that digest was remembered before (an exact replay): nothing
  // changes then. Digests of requests signed more than 2 x `window_ms` before `now_ms` are
  // forgotten (they fail the time window anyway).
  virtual Result<bool> remember_request(const std::string& device, const std::string& digest, uint64_t signed_ms,
                                        uint64_t now_ms, uint64_t window_ms) = 0;

  // Every live (not deleted) record of these entities.
  virtual Result<std::vector<Record>> live_records(const std::vector<std::string>& entities) = 0;
  virtual Result<Record> record(const std::string& id) = 0;
  virtual Result<std::unique_ptr<IngestUnit>> begin_ingest() = 0;
  // Feed rows after `after`, at most `max_rows`, in feed order, with the record fields
  // named in `record_fields` (a pull decides a device's scope on a few fields; reading
  // whole records for every row of a long feed would cost far more).
  virtual Result<std::vector<FeedRow>> read_feed(uint64_t after, size_t max_rows,
                                                 const std::vector<std::string>& record_fields) = 0;
  // Like read_feed, but only rows after `after` and at most `through` that carry one of
  // `tags` (given to append_feed), each row once.
  virtual Result<std::vector<FeedRow>> read_tagged_feed(uint64_t after, uint64_t through,
                                                        const std::vector<std::string>& tags, size_t max_rows,
                                                        const std::vector<std::string>& record_fields) = 0;
  // Replaces every feed row's tags with `tags_of(row)` (the row read with `record_fields`)
  // and sets `meta_key` to `meta_value`, in one transaction.
  virtual Status retag_feed(const std::vector<std::string>& record_fields,
                            const std::function<std::vector<std::string>(const FeedRow&)>& tags_of,
                            const std::string& meta_key, const std::string& meta_value) = 0;
  // Removes, in one transaction, the ops no value of their record comes from any more
  // (superseded_ops.h) whose place in the feed is at or below `through`; marks a snapshot due for
  // every device whose cursor is above 0 and below `through`; remembers `through` as the
  // compaction point (compaction_point) when it is greater than the one before.
  virtual Result<CompactionReport> compact(uint64_t through) = 0;
  // The feed position up to which the feed was compacted (0: never); compact() keeps it in
  // the setting kCompactionPointKey.
  Result<uint64_t> compaction_point() {
    NASTAVNIK_ASSIGN_OR_RETURN(auto value, meta(kCompactionPointKey));
    return value ? static_cast<uint64_t>(std::stoull(*value)) : uint64_t{0};
  }
  // Calls `each` for every changeset received in [from_ms, before_ms) whose frame is still
  // kept, in the order of receipt; stops at the first error `each` returns.
  virtual Status for_each_changeset(uint64_t from_ms, uint64_t before_ms,
                                    const std::function<Status(const ArchivedChangeset&)>& each) = 0;
  // Drops the kept frame of each changeset given whose stored frame is byte for byte the
  // one given (so only what an archive holds goes); its hash, result and place in the
  // device's chain stay, and a resent copy is still answered `duplicate`. Returns how many.
  virtual Result<int64_t> drop_changeset_frames(const std::vector<ArchivedChangeset>& archived) = 0;
  // The highest position the feed has given out (0 for an empty feed), whether or not
  // compaction removed its op since: a device's cursor is never above it unless the store
  // was restored from an older backup.
  virtual Result<uint64_t> feed_head() = 0;
  virtual Result<StoreStats> stats() = 0;
  // Settings kept with the store (e.g. the server's last clock stamp).
  virtual Result<std::optional<std::string>> meta(const std::string& key) = 0;
  virtual Status set_meta(const std::string& key, const std::string& value) = 0;
  // Ok when the store can durably take a write now (the same path a changeset takes); else
  // why not (IoError for a full or read-only disk, Corruption for a damaged store).
  virtual Status probe_write(uint64_t now_ms) = 0;

  // Copying a store between engines (store_copy.h). Calls `each` with the rows of `table`
  // (store_tables.h), in its order, a chunk at a time, all read in one snapshot.
  virtual Status export_table(const std::string& table, const std::function<Status(const TableChunk&)>& each) = 0;
  // Inserts the chunk's rows into its table (a store being filled by a copy).
  virtual Status import_rows(const TableChunk& chunk) = 0;
  // Sets the highest feed position handed out (feed_head) after a copy: the copy holds the
  // ops, not the counter, and positions handed out before must not be handed out again.
  virtual Status set_feed_head(uint64_t head) = 0;
};

}  // namespace nastavnik::server
