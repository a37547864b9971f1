#include "client/model/pumping_transport.h"

#include <optional>
#include <thread>

namespace nastavnik::model {
namespace {

// One request in flight; its answer and its upload progress are written under the mailbox lock.
struct PendingCall {
  std::optional<Result<HttpReply>> answer;
  uint64_t sent = 0, total = 0;
  uint64_t progress_seq = 0;  // increases with every progress report
};

Status closing() {
  return Status::Unavailable("the program is closing; nothing was lost and the next sync resumes");
}

}  // namespace

Result<HttpReply> PumpingTransport::call(std::function<Result<HttpReply>(SyncTransport&)> fn,
                                         const std::function<void()>& meanwhile) {
  {
    std::lock_guard lock(mailbox_->mu);
    if (mailbox_->stopping) return closing();
  }
  auto pending = std::make_shared<PendingCall>();
  if (progress_)
    inner_->set_upload_progress([mailbox = mailbox_, pending](uint64_t sent, uint64_t total) {
      {
        std::lock_guard lock(mailbox->mu);
        pending->sent = sent;
        pending->total = total;
        ++pending->progress_seq;
      }
      mailbox->cv.notify_all();
    });
  // The helper owns what it uses (transport, mailbox, request), so it may outlive us.
  std::thread helper([inner = inner_, mailbox = mailbox_, pending, fn = std::move(fn)] {
    auto answer = fn(*inner);
    {
      std::lock_guard lock(mailbox->mu);
      pending->answer.emplace(std::move(answer));
    }
    mailbox->cv.notify_all();
  });
  if (meanwhile) meanwhile();
  uint64_t seen = 0;
  for (;;) {
    if (!pump_([&] { return pending->answer.has_value() || pending->progress_seq != seen; })) {
      helper.detach();
      return closing();
    }
    uint64_t sent = 0, total = 0;
    {
      std::lock_guard lock(mailbox_->mu);
      if (pending->answer.has_value()) break;
      seen = pending->progress_seq;
      sent = pending->sent;
      total = pending->total;
    }
    if (progress_) progress_(sent, total);  // on the model thread
  }
  helper.join();
  inner_->set_upload_progress(nullptr);
  sent_ = inner_->bytes_sent();
  received_ = inner_->bytes_received();
  return std::move(*pending->answer);
}

Result<HttpReply> PumpingTransport::post(const std::string& path, const std::string& content_type,
                                         const std::string& body, const HttpHeaders& headers) {
  return post_meanwhile(path, content_type, body, headers, nullptr);
}

Result<HttpReply> PumpingTransport::post_meanwhile(const std::string& path, const std::string& content_type,
                                                   const std::string& body, const HttpHeaders& headers,
                                                   const std::function<void()>& meanwhile) {
  return call([path, content_type, body, headers](SyncTransport& t) { return t.post(path, content_type, body, headers); },
              meanwhile);
}

Result<HttpReply> PumpingTransport::get(const std::string& path) {
  return call([path](SyncTransport& t) { return t.get(path); }, nullptr);
}

}  // namespace nastavnik::model
