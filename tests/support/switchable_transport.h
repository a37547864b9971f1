#pragma once
// An HTTP link whose server can be changed under a device that keeps it: the same laptop
// syncing with another server instance, or with a server moved to another store.

#include <memory>
#include <string>

#include "client/sync/http_transport.h"

namespace nastavnik::testing {

class SwitchableTransport : public SyncTransport {
 public:
  explicit SwitchableTransport(const std::string& url) { point_at(url); }
  // Sends every later request to `url`; a URL that cannot be used throws.
  void point_at(const std::string& url) {
    auto t = HttpTransport::connect(url, {2, 10, true, ""});
    if (!t.ok()) throw std::runtime_error(t.status().to_string());
    inner_ = std::move(t).value();
  }
  Result<HttpReply> post(const std::string& path, const std::string& content_type, const std::string& body,
                         const HttpHeaders& headers) override {
    return inner_->post(path, content_type, body, headers);
  }
  Result<HttpReply> get(const std::string& path) override { return inner_->get(path); }
  uint64_t bytes_sent() const override { return inner_->bytes_sent(); }
  uint64_t bytes_received() const override { return inner_->bytes_received(); }

 private:
  std::unique_ptr<HttpTransport> inner_;
};

}  // namespace nastavnik::testing
