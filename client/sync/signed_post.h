#pragma once
// Sending a request signed with the device key (docs/PROTOCOL.md §8.4). The server accepts
// a signature made within a few minutes of its own clock, so the device signs with its
// clock corrected by the offset it learnt from the server's earlier answers
// (X-Nastavnik-Server-Time, kept in the replica's sync state). When the server still finds
// the time off (401 stale_request: the laptop's clock jumped since), the offset is learnt
// from that very answer and the request is signed and sent once more. A request the
// network delivered twice is refused the second time (401 replayed_request); if that is the
// answer the device sees, it signs the request anew and sends it again.

#include <functional>
#include <string>

#include "client/store/local_store.h"
#include "client/sync/sync_transport.h"
#include "shared/crypto/key_pair.h"

namespace nastavnik {

// The transport's reply (any HTTP status), or its error when the server was not reached.
// The offset learnt is saved in the replica (an error saving it is returned). `meanwhile`
// runs on the calling thread while the first copy of the request is on its way.
Result<HttpReply> post_signed(SyncTransport& transport, const crypto::KeyPair& key, LocalStore& store,
                              const std::string& path, const std::string& content_type, const std::string& body,
                              const std::function<void()>& meanwhile = nullptr);

}  // namespace nastavnik
