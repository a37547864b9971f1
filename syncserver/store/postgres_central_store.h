#pragma once
// The central store in PostgreSQL (15, through libpq), for a region or a large municipality
// whose store is shared by several stateless nastavnik-server instances, on an engine its
// operators already run, back up and replicate. Same contract as SqliteCentralStore; the
// tables are postgres_schema.h. Durable when a commit returns, as PostgreSQL is configured
// (synchronous_commit on, its default).

#include <memory>
#include <string>

#include "syncserver/store/central_store.h"
#include "syncserver/store/pg_pool.h"

namespace nastavnik::server {

class PostgresCentralStore : public CentralStore {
 public:
  // Creates the store's tables in the (existing, empty of them) database `uri` names;
  // FailedPrecondition when a store is there already.
  static Result<std::unique_ptr<PostgresCentralStore>> create(const std::string& uri);
  // Opens the store; NotFound when the database holds none.
  static Result<std::unique_ptr<PostgresCentralStore>> open(const std::string& uri);

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
  // Connections: as many as the HTTP server has workers, so a pull never waits for a
  // connection while ingests queue on the feed lock.
  static constexpr size_t kConnections = 8;
  explicit PostgresCentralStore(std::unique_ptr<pg::Pool> pool) : pool_(std::move(pool)) {}
  Status migrate();
  std::unique_ptr<pg::Pool> pool_;
};

}  // namespace nastavnik::server
