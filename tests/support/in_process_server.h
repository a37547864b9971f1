#pragma once
// A central store, server key and SyncService in the test process, with the Volosovo demo
// registry imported, and a SyncTransport that calls the service directly. The protocol
// logic runs for real; only the sockets are skipped (tests/integration uses the real
// server process for those).

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "client/sync/sync_transport.h"
#include "shared/crypto/key_pair.h"
#include "syncserver/ingest/sync_service.h"
#include "syncserver/store/central_store.h"
#include "tests/support/client_device.h"
#include "tests/support/temp_dir.h"

namespace nastavnik::testing {

class InProcessServer {
 public:
  InProcessServer();
  server::CentralStore& store() { return *store_; }
  // The store's file, for tests that read it through a second connection (a SQLite store
  // only: see store_address()).
  std::filesystem::path store_path() const { return dir_ / "municipal.db"; }
  // The store's address: sqlite:FILE, or a PostgreSQL database under $NASTAVNIK_TEST_STORE.
  const std::string& store_address() const { return store_address_; }
  server::SyncService& service() { return *service_; }
  const crypto::KeyPair& key() const { return key_; }
  // A one-time code for a person of the demo registry.
  std::string code_for(const std::string& person_id, const std::string& role);
  int64_t op_count();
  // Closes the store and opens it again, as a restarted server would (migrating it).
  void reopen();

 private:
  TempDir dir_;
  crypto::KeyPair key_;
  std::string store_address_;
  std::unique_ptr<server::CentralStore> store_;
  std::unique_ptr<server::SyncService> service_;
};

class InProcessTransport : public SyncTransport {
 public:
  explicit InProcessTransport(InProcessServer& server) : server_(server) {}
  Result<HttpReply> post(const std::string& path, const std::string& content_type, const std::string& body,
                         const HttpHeaders& headers) override;
  Result<HttpReply> get(const std::string& path) override;
  uint64_t bytes_sent() const override { return sent_; }
  uint64_t bytes_received() const override { return received_; }
  // Lets a test alter the answer body before the client sees it.
  std::function<void(std::string& body)> tamper_reply;
  // Lets a test answer in the server's place: when it returns true, `reply` is the answer
  // and the server never sees the request.
  std::function<bool(HttpReply& reply)> intercept;
  bool offline = false;  // every call fails as if the network were down

 private:
  InProcessServer& server_;
  uint64_t sent_ = 0, received_ = 0;
};

// A device of `person` enrolled with `role` at `server` (REQUIREs that it works).
std::unique_ptr<ClientDevice> enrolled(InProcessServer& server, InProcessTransport& transport,
                                       const std::string& person, const std::string& role);

}  // namespace nastavnik::testing
