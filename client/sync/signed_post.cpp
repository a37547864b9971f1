#include "client/sync/signed_post.h"

#include <algorithm>
#include <cstdlib>

#include "client/sync/server_reply.h"
#include "client/sync/sync_state.h"
#include "shared/core/hlc.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/wire_error.h"

namespace nastavnik {
namespace {

// Offsets that differ by less than this are the same clock seen through network delay.
constexpr int64_t kOffsetNoiseMs = 2000;

}  // namespace

Result<HttpReply> post_signed(SyncTransport& transport, const crypto::KeyPair& key, LocalStore& store,
                              const std::string& path, const std::string& content_type, const std::string& body,
                              const std::function<void()>& meanwhile) {
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(store));
  Result<HttpReply> reply = Status::Internal("no request was sent");
  uint64_t last_signed = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    // Never the same time twice: a request signed anew must not look like a replay.
    const uint64_t time = std::max(last_signed + 1, static_cast<uint64_t>(system_wall_clock_ms() + state.clock_offset_ms));
    last_signed = time;
    const auto sig = wire::sign_request(key, "POST", path, time, body);
    reply = transport.post_meanwhile(path, content_type, body,
                                     {{wire::kDeviceHeader, sig.device},
                                      {wire::kTimeHeader, std::to_string(sig.time_ms)},
                                      {wire::kSignatureHeader, sig.signature_b64}},
                                     attempt == 0 ? meanwhile : nullptr);
    if (!reply.ok()) return reply;
    int64_t offset = 0;
    if (server_clock_offset(*reply, system_wall_clock_ms(), &offset) &&
        std::llabs(offset - state.clock_offset_ms) > kOffsetNoiseMs) {
      state.clock_offset_ms = offset;
      NASTAVNIK_RETURN_IF_ERROR(state.save(store));
    }
    // Signed at a time the server does not accept: sign again with the offset just learnt.
    // A replay: the network delivered this request twice and the first answer was lost, so
    // the request is signed anew (whatever it carried is then acknowledged as a duplicate).
    const std::string code = reply->status == 401 ? server_error_code(*reply) : "";
    if (code != wire::kStaleRequest && code != wire::kReplayedRequest) return reply;
  }
  // Only this device signs its requests: a replay it keeps seeing is the network's doing.
  if (server_error_code(*reply) == wire::kReplayedRequest)
    return Status::Unavailable("the network keeps delivering this device's requests twice");
  return reply;
}

}  // namespace nastavnik
