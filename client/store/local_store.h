#pragma once
// LocalStore: the device's replica. A SQLite file in WAL mode holding the op log, the
// materialised records, conflicts and the changeset outbox. Every local write commits the
// record change and its op-log entry in one transaction. This is the only SQL on the
// client; the store knows nothing of any user interface.

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "client/store/courier_shelf.h"
#include "client/store/outbox.h"
#include "client/store/record_history.h"
#include "client/store/scope_transition.h"
#include "shared/records/record.h"
#include "shared/sqlite/record_reader.h"
#include "shared/core/hlc.h"
#include "shared/core/status.h"
#include "shared/domain/validation.h"
#include "shared/domain/write_policy.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik {

// One record of a batch for LocalStore::create_records.
struct NewRecord {
  std::string entity;
  std::string id;  // empty: a new id is generated
  nlohmann::json fields;
};

struct LocalStoreOptions {
  WallClock wall = system_wall_clock_ms;
  uint64_t max_drift_ms = kDefaultMaxDriftMs;
};

class LocalStore {
 public:
  // Creates a new replica file for `device_id`. FailedPrecondition if the file exists.
  static Result<std::unique_ptr<LocalStore>> create(const std::filesystem::path& path,
                                                    const std::string& device_id,
                                                    LocalStoreOptions options = {});
  // Opens an existing replica and migrates it to the current schema. A damaged file gives
  // Corruption and is left untouched.
  static Result<std::unique_ptr<LocalStore>> open(const std::filesystem::path& path,
                                                  LocalStoreOptions options = {});

  const std::string& device_id() const { return device_id_; }
  // Who writes on this device (person, roles, school); empty before it is bound.
  const Actor& actor() const { return actor_; }
  Status set_actor(const Actor& actor);

  // Small key/value settings kept with the replica (server address, sync cursor, ...).
  Result<std::optional<std::string>> meta(const std::string& key) const;
  Status set_meta(const std::string& key, const std::string& value);

  // --- Local writes. Field errors are returned through `errors` (when given) and as an
  // InvalidArgument status; PermissionDenied when the actor may not write the record.
  // Set fields are given as JSON lists; on update a list replaces the set (elements others
  // added concurrently are kept, since only elements seen here are removed).
  Result<std::string> create_record(const std::string& entity, const nlohmann::json& fields,
                                    std::vector<FieldError>* errors = nullptr);
  // Creates the record with a given id, or updates it to these fields if it exists.
  Status put_record(const std::string& entity, const std::string& id, const nlohmann::json& fields,
                    std::vector<FieldError>* errors = nullptr);
  // `changes`: field -> new value, null to clear. NotFound for an unknown id,
  // FailedPrecondition for a deleted record. No change gives Ok and writes nothing.
  Status update_record(const std::string& id, const nlohmann::json& changes,
                       std::vector<FieldError>* errors = nullptr);
  // A registry record (school, person, pair, …) still named by live records is not deleted:
  // FailedPrecondition, with a "validation.still_referenced" error through `errors`.
  Status delete_record(const std::string& id, std::vector<FieldError>* errors = nullptr);
  // Creates many records in one transaction, all or nothing: bulk loads (demo and test
  // replicas) would otherwise pay one synchronous commit per record. Each record is checked
  // as by create_record; the first invalid one gives its field errors (through `errors`,
  // with InvalidArgument) and nothing is written. Conflict for an id that exists already or
  // is given twice. Returns the ids, in the order given.
  Result<std::vector<std::string>> create_records(const std::vector<NewRecord>& records,
                                                  std::vector<FieldError>* errors = nullptr);

  // --- Sync support.
  // Applies ops received from elsewhere, all or nothing. Ops stamped further in the future
  // than the allowed drift are applied but flagged, and do not move the local clock.
  Result<MergeReport> merge_remote(const std::vector<Op>& ops);
  // Seals up to `max_ops` pending local ops into the next signed changeset.
  Result<std::optional<OutboxEntry>> seal_pending(const crypto::KeyPair& key, size_t max_ops);
  Status mark_acked(uint64_t seq);
  Status acknowledge_conflict(const ConflictRecord& conflict);
  // Remembers ops the server refused (code and reason per op stamp); idempotent.
  Status record_rejections(const std::vector<Rejection>& rejections);
  Result<std::vector<Rejection>> rejections(bool include_acknowledged) const;
  // Makes sealed changesets from `seq` on count as unsent again (the server lost them).
  Status mark_unacked_from(uint64_t seq);
  // Removes from the op log the ops no current value comes from (superseded_ops.h) that the
  // server already has — received from it, or sent in a changeset it acknowledged — and
  // that are stamped before `before_ms`. Ops still to be sent and ops held as untrusted
  // stay. Conflicts are found in the history, so a late write is compared with the trimmed
  // ops no more: the horizon keeps them for as long as laptops are expected to be offline.
  // Returns how many went.
  Result<int64_t> trim_acknowledged_ops(uint64_t before_ms);

  // --- Clock recovery (clock_recovery.cpp). A clock that ran ahead left this device's own
  // ops stamped in the future, refused by the server as `clock_ahead`.
  // The server's time as heard in a sync answer: when this laptop's clock is ahead of it by
  // more than the allowed drift, stamps are made from the server's time until the clock is
  // set back; then recover_clock(). Returns how many ops were re-stamped.
  Result<int64_t> observe_server_time(uint64_t server_ms);
  // When the device's last stamp lies beyond the (corrected) clock, its own ops no server
  // accepted — unsealed, or refused — get new stamps in their order and are
  // pending again, and the clock goes on from the newest stamp that stays. Ops sealed but
  // not yet answered wait for the sync that answers them. Every write checks this first.
  Result<int64_t> recover_clock();
  // Re-stamps every op the server refused as `clock_ahead`, whatever its stamp now, so the
  // next sync sends it again. Returns how many.
  Result<int64_t> resend_refused_for_clock();

  // --- Scope transitions (scope_transition.cpp, scope_transition.h).
  // The pairs this device may write for; kept with the replica. A write whose pair_id is
  // outside them is refused (PermissionDenied, error "write.refused.pair_out_of_scope").
  Status set_write_scope(const WriteScope& scope);
  const WriteScope& write_scope() const { return write_scope_; }
  // A restarted pull begins: every record held is unconfirmed until the pull brings it again
  // (merge_remote confirms, in its own transaction).
  Status begin_scope_check();
  bool scope_check_active() const { return scope_check_active_; }
  // The restarted pull is complete: what it did not bring has left the scope and is removed,
  // but for records with this device's own work the server has not accepted.
  Result<ScopeRemoval> finish_scope_check();

  const replica::ReplicaReader& reader() const { return reader_; }
  // Every write to the record the op log still keeps, oldest first (record_history.h).
  Result<std::vector<replica::HistoryEntry>> history(const std::string& record_id) const {
    return replica::record_history(*db_, record_id);
  }
  const replica::Outbox& outbox() const { return outbox_; }
  replica::CourierShelf& courier() { return courier_; }
  const replica::CourierShelf& courier() const { return courier_; }
  const std::filesystem::path& path() const { return db_->path(); }

 private:
  LocalStore(std::unique_ptr<sql::Database> db, const std::string& device_id, LocalStoreOptions options);
  Status load_state();
  uint64_t wall_now() const;
  HlcClock fresh_clock() const;
  Status load_server_clock();
  Result<int64_t> restamp_own_ops(const std::vector<std::string>& hlcs);
  Status load_scope_state();
  Status refuse_out_of_scope(const EntitySchema& entity, const nlohmann::json& record,
                             std::vector<FieldError>* errors) const;
  Status write_op(const Op& op);
  Result<Op> build_create_op(const EntitySchema& entity, const std::string& id,
                             const nlohmann::json& fields, std::vector<FieldError>* errors);

  std::unique_ptr<sql::Database> db_;
  LocalStoreOptions options_;
  std::string device_id_;
  int64_t server_offset_ms_ = 0;       // server time minus this clock, when it runs ahead
  uint64_t offset_learned_at_ms_ = 0;  // this clock's reading when the offset was heard
  HlcClock clock_;
  Actor actor_;
  replica::ReplicaReader reader_;
  replica::Outbox outbox_;
  replica::CourierShelf courier_;
  WriteScope write_scope_;
  bool scope_check_active_ = false;
};

}  // namespace nastavnik
