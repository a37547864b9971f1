#pragma once
// SyncTransport over HTTP(S) with cpp-httplib: gzip-compressed requests (compressed here, then
// streamed, so that the upload's progress can be reported), gzip-compressed responses
// (Accept-Encoding: gzip), bounded connect and read timeouts.

#include <memory>
#include <string>

#include "client/sync/sync_transport.h"

namespace nastavnik {

struct HttpTransportOptions {
  int connect_timeout_s = 10;
  int read_timeout_s = 60;
  bool compress_requests = true;
  std::string ca_cert_file;  // for https with a private certificate authority
};

class HttpTransport : public SyncTransport {
 public:
  // `base_url`: "http://host:port" or "https://host:port". InvalidArgument otherwise.
  static Result<std::unique_ptr<HttpTransport>> connect(const std::string& base_url, HttpTransportOptions options = {});
  ~HttpTransport() override;

  Result<HttpReply> post(const std::string& path, const std::string& content_type, const std::string& body,
                         const HttpHeaders& headers) override;
  Result<HttpReply> get(const std::string& path) override;
  uint64_t bytes_sent() const override { return sent_; }
  uint64_t bytes_received() const override { return received_; }
  void set_upload_progress(UploadProgress progress) override { progress_ = std::move(progress); }

 private:
  struct Impl;
  explicit HttpTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  uint64_t sent_ = 0, received_ = 0;
  UploadProgress progress_;
};

}  // namespace nastavnik
