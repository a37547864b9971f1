#pragma once
// Reading the server's answers the same way everywhere on the device: the error body
// {"error":{"code","message"}}, Retry-After, and the server's clock (X-Nastavnik-Server-Time).

#include <cstdint>
#include <string>

#include "client/sync/sync_transport.h"

namespace nastavnik {

// The error's code ("" when the body is not an error body).
std::string server_error_code(const HttpReply& reply);
// The server's error body as a readable line: "<message> (<code>, HTTP <status>)".
std::string server_error_text(const HttpReply& reply);
// Milliseconds the server asked to wait (Retry-After, in seconds), 0 when it did not.
uint64_t retry_after_ms(const HttpReply& reply);
// The server's clock minus `local_ms`, if the answer carries the server's time.
bool server_clock_offset(const HttpReply& reply, uint64_t local_ms, int64_t* offset_ms);

}  // namespace nastavnik
