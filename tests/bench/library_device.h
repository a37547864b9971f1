#pragma once
// A device driven through the client library inside the benchmark process (no
// nastavnik-cli): its own replica file and key, the HTTP transport and the sync engine of
// the product. Used where a child process per device would measure process start-up rather
// than sync: loading a server with data, the ingest figure, and the load test's devices.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "client/store/local_store.h"
#include "client/sync/http_transport.h"
#include "client/sync/sync_engine.h"
#include "shared/crypto/key_pair.h"

namespace nastavnik::bench {

class LibraryDevice {
 public:
  // Creates the replica file (FailedPrecondition if it exists).
  static Result<std::unique_ptr<LibraryDevice>> create(const std::filesystem::path& replica,
                                                       const std::string& server_url,
                                                       HttpTransportOptions transport_options = {});

  Status enroll(const std::string& code, const std::string& name = "bench device");
  // Creates mentoring sessions in transactions of 1000; returns the new ids.
  Result<std::vector<std::string>> add_sessions(const std::vector<nlohmann::json>& sessions);
  // One run of the product's sync engine. The connection is closed afterwards, as when a
  // client program exits, unless `keep_connection`.
  Result<SyncSummary> sync(SyncSettings settings = {}, bool keep_connection = false);
  // Sealed changesets the server has not acknowledged yet.
  Result<size_t> unacked_changesets() const;
  // HTTP requests attempted by the sync engine, and those that failed (no answer, a cut
  // connection, a timeout, or a 5xx) and were retried or given up; over all syncs so far.
  int sync_attempts() const { return attempts_; }
  int failed_sync_attempts() const { return failed_attempts_; }

  LocalStore& store() { return *store_; }
  const crypto::KeyPair& key() const { return key_; }
  const std::string& server_url() const { return url_; }
  // The transport of the last sync (opened on demand), for requests made by hand.
  Result<HttpTransport*> transport();

 private:
  LibraryDevice(std::unique_ptr<LocalStore> store, crypto::KeyPair key, std::string url,
                HttpTransportOptions options);
  std::unique_ptr<LocalStore> store_;
  crypto::KeyPair key_;
  std::string url_;
  HttpTransportOptions options_;
  std::unique_ptr<HttpTransport> transport_;
  int attempts_ = 0, failed_attempts_ = 0;
};

}  // namespace nastavnik::bench
