#pragma once
// A device for sync tests: its own replica file and key, enrolled through a transport.

#include <memory>
#include <string>

#include "client/store/local_store.h"
#include "client/sync/enrollment_client.h"
#include "client/sync/sync_engine.h"
#include "shared/crypto/key_pair.h"
#include "tests/support/temp_dir.h"

namespace nastavnik::testing {

class ClientDevice {
 public:
  explicit ClientDevice(SyncTransport& transport);
  LocalStore& store() { return *store_; }
  std::filesystem::path replica_path() const { return dir_ / "replica.db"; }
  const crypto::KeyPair& key() const { return key_; }
  SyncTransport& transport() { return transport_; }
  Result<EnrollmentResult> enroll(const std::string& code);
  // One run of the sync engine, with no waiting between retries.
  Result<SyncSummary> sync(SyncSettings settings = {});
  std::string add_session(const std::string& pair_id, const std::string& topic, const std::string& mentee = "");
  int64_t count(const std::string& entity);

 private:
  TempDir dir_;
  crypto::KeyPair key_;
  SyncTransport& transport_;
  std::unique_ptr<LocalStore> store_;
};

}  // namespace nastavnik::testing
