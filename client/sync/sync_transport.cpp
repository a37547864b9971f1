#include "client/sync/sync_transport.h"

#include <optional>
#include <thread>

namespace nastavnik {

Result<HttpReply> SyncTransport::post_meanwhile(const std::string& path, const std::string& content_type,
                                                const std::string& body, const HttpHeaders& headers,
                                                const std::function<void()>& meanwhile) {
  if (!meanwhile) return post(path, content_type, body, headers);
  std::optional<Result<HttpReply>> reply;
  std::thread sender([&] { reply.emplace(post(path, content_type, body, headers)); });
  meanwhile();
  sender.join();
  return std::move(*reply);
}

}  // namespace nastavnik
