#pragma once
// Thin, typed wrappers over libsodium: hashing, Ed25519 signatures, encodings.
// All cryptography in the project goes through here.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/core/status.h"

namespace nastavnik::crypto {

inline constexpr size_t kPublicKeyBytes = 32;
inline constexpr size_t kSecretKeyBytes = 64;
inline constexpr size_t kSignatureBytes = 64;
inline constexpr size_t kHashBytes = 32;

using PublicKey = std::array<uint8_t, kPublicKeyBytes>;
using SecretKey = std::array<uint8_t, kSecretKeyBytes>;
using Signature = std::array<uint8_t, kSignatureBytes>;

// Must be called before any other function here; safe to call many times.
Status ensure_initialised();

// BLAKE2b-256 of the bytes, as 64 lowercase hex digits.
std::string hash_hex(std::string_view bytes);

std::string to_hex(const uint8_t* data, size_t size);
template <size_t N>
std::string to_hex(const std::array<uint8_t, N>& a) { return to_hex(a.data(), N); }
Result<std::string> from_hex(std::string_view hex);

std::string to_base64(std::string_view bytes);
Result<std::string> from_base64(std::string_view text);

// Ed25519 over `context` + '\0' + `message`. The context separates the kinds of signed
// objects (changesets, receipts, pull pages) so that one can never pass for another.
Signature sign(std::string_view context, std::string_view message, const SecretKey& sk);
bool verify(std::string_view context, std::string_view message, const Signature& sig,
            const PublicKey& pk);

// Constant-time comparison, for tokens and hashes.
bool equal_bytes(std::string_view a, std::string_view b);

// Short, non-secret fingerprint of a public key: 32 hex digits of its BLAKE2b hash.
// This is the device id (and the server key id) used everywhere else.
std::string key_id(const PublicKey& pk);

}  // namespace nastavnik::crypto
