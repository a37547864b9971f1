#pragma once
// A SyncTransport that hands every call to another one. Test transports derive from it and
// override only the call they observe, hold back or alter.

#include "client/sync/sync_transport.h"

namespace nastavnik::testing {

class ForwardingTransport : public SyncTransport {
 public:
  explicit ForwardingTransport(SyncTransport& inner) : inner_(inner) {}
  Result<HttpReply> post(const std::string& path, const std::string& content_type, const std::string& body,
                         const HttpHeaders& headers) override {
    return inner_.post(path, content_type, body, headers);
  }
  Result<HttpReply> get(const std::string& path) override { return inner_.get(path); }
  uint64_t bytes_sent() const override { return inner_.bytes_sent(); }
  uint64_t bytes_received() const override { return inner_.bytes_received(); }
  void set_upload_progress(UploadProgress progress) override { inner_.set_upload_progress(std::move(progress)); }

 protected:
  SyncTransport& inner_;
};

}  // namespace nastavnik::testing
