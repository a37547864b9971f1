#pragma once
// An Ed25519 key pair kept in two files: <base>.key (secret, mode 0600) and <base>.pub.
// The secret key never leaves the device; only the public key is ever sent.

#include <filesystem>

#include "shared/crypto/sodium.h"

namespace nastavnik::crypto {

struct KeyPair {
  PublicKey public_key{};
  SecretKey secret_key{};

  static KeyPair generate();
  std::string id() const { return key_id(public_key); }

  // Writes <base>.key with mode 0600 and <base>.pub (hex). Fails with FailedPrecondition
  // if <base>.key already exists: an existing identity is never overwritten.
  Status save(const std::filesystem::path& base) const;
  // Reads both files; Corruption if they are damaged or do not belong together,
  // PermissionDenied if the secret key file is readable by others.
  static Result<KeyPair> load(const std::filesystem::path& base);
};

Result<PublicKey> public_key_from_hex(std::string_view hex);

}  // namespace nastavnik::crypto
