#pragma once
// Request authentication: every request after enrollment is signed by the device key.
// Headers: X-Nastavnik-Device (device id), X-Nastavnik-Time (Unix ms),
// X-Nastavnik-Signature (base64 Ed25519 over "nastavnik/request/v1\0" + METHOD "\n" PATH
// "\n" TIME "\n" hex(BLAKE2b-256(body))). The body is the uncompressed request body.

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/core/status.h"
#include "shared/crypto/key_pair.h"

namespace nastavnik::wire {

inline constexpr const char* kDeviceHeader = "X-Nastavnik-Device";
inline constexpr const char* kTimeHeader = "X-Nastavnik-Time";
inline constexpr const char* kSignatureHeader = "X-Nastavnik-Signature";
inline constexpr const char* kRequestSignContext = "nastavnik/request/v1";
// A request is valid only this close to the server's clock (either way). Together with
// the server refusing an exact repeat inside the window, a captured request cannot be
// replayed (docs/PROTOCOL.md §8.4). Clients sign with their clock corrected by the server
// time of earlier answers, so a laptop with a wrong clock still gets through.
inline constexpr uint64_t kRequestWindowMs = 5ULL * 60 * 1000;

struct RequestSignature {
  std::string device;
  uint64_t time_ms = 0;
  std::string signature_b64;
};

std::string request_sign_input(std::string_view method, std::string_view path, uint64_t time_ms,
                               std::string_view body);

RequestSignature sign_request(const crypto::KeyPair& key, std::string_view method, std::string_view path,
                              uint64_t time_ms, std::string_view body);

// Unauthenticated when the signature does not verify; FailedPrecondition when the time
// lies outside the window around `server_now_ms`.
Status verify_request(const RequestSignature& sig, const crypto::PublicKey& key, std::string_view method,
                      std::string_view path, std::string_view body, uint64_t server_now_ms);

}  // namespace nastavnik::wire
