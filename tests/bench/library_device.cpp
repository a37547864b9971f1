#include "tests/bench/library_device.h"

#include <algorithm>

#include "client/sync/enrollment_client.h"
#include "tests/support/forwarding_transport.h"

namespace nastavnik::bench {
namespace {

// Counts what the sync engine asks of the real transport.
class CountingTransport : public testing::ForwardingTransport {
 public:
  CountingTransport(SyncTransport& inner, int& attempts, int& failed)
      : ForwardingTransport(inner), attempts_(attempts), failed_(failed) {}
  Result<HttpReply> post(const std::string& path, const std::string& content_type, const std::string& body,
                         const HttpHeaders& headers) override {
    ++attempts_;
    auto reply = inner_.post(path, content_type, body, headers);
    if (!reply.ok() || reply->status >= 500) ++failed_;
    return reply;
  }

 private:
  int& attempts_;
  int& failed_;
};

}  // namespace

LibraryDevice::LibraryDevice(std::unique_ptr<LocalStore> store, crypto::KeyPair key, std::string url,
                             HttpTransportOptions options)
    : store_(std::move(store)), key_(key), url_(std::move(url)), options_(std::move(options)) {}

Result<std::unique_ptr<LibraryDevice>> LibraryDevice::create(const std::filesystem::path& replica,
                                                             const std::string& server_url,
                                                             HttpTransportOptions options) {
  const crypto::KeyPair key = crypto::KeyPair::generate();
  NASTAVNIK_ASSIGN_OR_RETURN(auto store, LocalStore::create(replica, key.id()));
  return std::unique_ptr<LibraryDevice>(new LibraryDevice(std::move(store), key, server_url, std::move(options)));
}

Result<HttpTransport*> LibraryDevice::transport() {
  if (!transport_) {
    NASTAVNIK_ASSIGN_OR_RETURN(transport_, HttpTransport::connect(url_, options_));
  }
  return transport_.get();
}

Status LibraryDevice::enroll(const std::string& code, const std::string& name) {
  NASTAVNIK_ASSIGN_OR_RETURN(HttpTransport * transport, this->transport());
  auto result = enroll_device(*store_, key_, *transport, url_, code, name);
  transport_.reset();
  return result.status();
}

Result<std::vector<std::string>> LibraryDevice::add_sessions(const std::vector<nlohmann::json>& sessions) {
  std::vector<std::string> ids;
  ids.reserve(sessions.size());
  for (size_t at = 0; at < sessions.size(); at += 1000) {
    std::vector<NewRecord> batch;
    for (size_t i = at; i < std::min(sessions.size(), at + 1000); ++i)
      batch.push_back({"mentoring_session", "", sessions[i]});
    NASTAVNIK_ASSIGN_OR_RETURN(auto made, store_->create_records(batch));
    ids.insert(ids.end(), made.begin(), made.end());
  }
  return ids;
}

Result<SyncSummary> LibraryDevice::sync(SyncSettings settings, bool keep_connection) {
  NASTAVNIK_ASSIGN_OR_RETURN(HttpTransport * transport, this->transport());
  CountingTransport counting(*transport, attempts_, failed_attempts_);
  SyncEngine engine(*store_, key_, counting, settings);
  auto summary = engine.run();
  if (!keep_connection) transport_.reset();
  return summary;
}

Result<size_t> LibraryDevice::unacked_changesets() const {
  NASTAVNIK_ASSIGN_OR_RETURN(auto unacked, store_->outbox().unacked());
  return unacked.size();
}

}  // namespace nastavnik::bench
