#pragma once
// PumpingTransport: a SyncTransport for the model thread. Each request runs on a helper
// thread while the model thread keeps applying the commands views post (the pump), so a
// slow link never holds up a save. The store is only ever touched by the model thread: the
// helper thread does nothing but the network call.

#include <functional>
#include <memory>

#include "client/model/mailbox.h"
#include "client/sync/sync_transport.h"

namespace nastavnik::model {

class PumpingTransport : public SyncTransport {
 public:
  // Applies commands until `ready()` (checked with the mailbox locked) holds; false when the
  // model is closing.
  using Pump = std::function<bool(const std::function<bool()>& ready)>;

  PumpingTransport(std::shared_ptr<SyncTransport> inner, std::shared_ptr<Mailbox> mailbox, Pump pump)
      : inner_(std::move(inner)), mailbox_(std::move(mailbox)), pump_(std::move(pump)) {}

  // The inner transport's answer; Unavailable, at once, when the model is closing (the
  // request in flight is left to finish on its own; nothing is lost, the next sync resumes).
  Result<HttpReply> post(const std::string& path, const std::string& content_type, const std::string& body,
                         const HttpHeaders& headers) override;
  // `meanwhile` runs on the model thread first, then the pump, until the answer is in.
  Result<HttpReply> post_meanwhile(const std::string& path, const std::string& content_type, const std::string& body,
                                   const HttpHeaders& headers, const std::function<void()>& meanwhile) override;
  Result<HttpReply> get(const std::string& path) override;
  uint64_t bytes_sent() const override { return sent_; }
  uint64_t bytes_received() const override { return received_; }
  // Reported on the model thread while it pumps: the helper thread's progress is handed
  // over through the mailbox.
  void set_upload_progress(UploadProgress progress) override { progress_ = std::move(progress); }

 private:
  Result<HttpReply> call(std::function<Result<HttpReply>(SyncTransport&)> fn, const std::function<void()>& meanwhile);

  std::shared_ptr<SyncTransport> inner_;
  std::shared_ptr<Mailbox> mailbox_;
  Pump pump_;
  UploadProgress progress_;
  uint64_t sent_ = 0, received_ = 0;
};

}  // namespace nastavnik::model
