#pragma once
// The embedded central store: one SQLite file in WAL mode with synchronous=FULL, so a
// changeset is on disk before its receipt is sent.

#include <filesystem>
#include <memory>
#include <mutex>

#include "shared/sqlite/sqlite_db.h"
#include "syncserver/store/central_store.h"
#include "syncserver/store/sqlite_reader_pool.h"

namespace nastavnik::server {

// 1: the first layout; 2: record_people indexed by record (without it every applied op
// scanned the whole table, and ingest slowed down as the store grew); 3: feed rows tagged
// for scoped pulls (feed_tags) and a registry version; 4: request signatures remembered
// against replays, and the enrollment answer kept with its code; 5: each record's row
// carries its fields' stamps (field_writes and set_elements dropped: the op log holds the
// history), and each device's cursor is kept (the compaction point follows the lowest); 6:
// the op log is the pull feed (each op keyed by its place in it, the feed table gone), and
// record_people is clustered on its key.
inline constexpr int kCentralStoreVersion = 6;

class SqliteCentralStore : public CentralStore {
 public:
  // Creates a new store file; FailedPrecondition if it exists.
  static Result<std::unique_ptr<SqliteCentralStore>> create(const std::filesystem::path& path);
  // Opens and migrates an existing store; a damaged file is reported and left untouched.
  static Result<std::unique_ptr<SqliteCentralStore>> open(const std::filesystem::path& path);

  Result<std::optional<Device>> find_device(const std::string& id) override;
  Result<std::vector<Device>> list_devices() override;
  Status save_code(const EnrollmentCode& code) override;
  Result<nlohmann::json> redeem_code(const std::string& code_hash, const Device& device, const nlohmann::json& answer,
                                     uint64_t now_ms) override;
  Result<std::optional<EnrollmentCode>> find_code(const std::string& code_hash) override;
  Status revoke_device(const std::string& id, uint64_t now_ms) override;
  Status touch_device(const std::string& id, uint64_t now_ms, const std::string& scope_fingerprint,
                      uint64_t cursor, bool started_over) override;
  Result<bool> remember_request(const std::string& device, const std::string& digest, uint64_t signed_ms,
                                uint64_t now_ms, uint64_t window_ms) override;
  Result<std::vector<Record>> live_records(const std::vector<std::string>& entities) override;
  Result<Record> record(const std::string& id) override;
  Result<std::unique_ptr<IngestUnit>> begin_ingest() override;
  Result<std::vector<FeedRow>> read_feed(uint64_t after, size_t max_rows,
                                         const std::vector<std::string>& record_fields) override;
  Result<std::vector<FeedRow>> read_tagged_feed(uint64_t after, uint64_t through, const std::vector<std::string>& tags,
                                                size_t max_rows, const std::vector<std::string>& record_fields) override;
  Status retag_feed(const std::vector<std::string>& record_fields,
                    const std::function<std::vector<std::string>(const FeedRow&)>& tags_of,
                    const std::string& meta_key, const std::string& meta_value) override;
  Result<CompactionReport> compact(uint64_t through) override;
  Status for_each_changeset(uint64_t from_ms, uint64_t before_ms,
                            const std::function<Status(const ArchivedChangeset&)>& each) override;
  Result<int64_t> drop_changeset_frames(const std::vector<ArchivedChangeset>& archived) override;
  Result<uint64_t> feed_head() override;
  Result<StoreStats> stats() override;
  Result<std::optional<std::string>> meta(const std::string& key) override;
  Status set_meta(const std::string& key, const std::string& value) override;
  Status probe_write(uint64_t now_ms) override;
  Status export_table(const std::string& table, const std::function<Status(const TableChunk&)>& each) override;
  Status import_rows(const TableChunk& chunk) override;
  Status set_feed_head(uint64_t head) override;

 private:
  // Connections lent to the pull's reads (four: a pull holds one for a page's few queries).
  static constexpr size_t kReaders = 4;
  explicit SqliteCentralStore(std::unique_ptr<sql::Database> db)
      : db_(std::move(db)), readers_(db_->path(), kReaders) {}
  Status migrate();
  std::unique_ptr<sql::Database> db_;
  // The store's own connection writes for every server thread: its transactions must not
  // interleave. The pull's reads (a device, the feed head, feed pages) use readers_ instead.
  std::recursive_mutex mu_;
  SqliteReaderPool readers_;
};

}  // namespace nastavnik::server
