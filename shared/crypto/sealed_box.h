#pragma once
// Encryption to an Ed25519 identity (a device's or the server's key): libsodium's sealed
// boxes, with the identity's keys converted to their X25519 form by libsodium. Anyone can
// seal to a public key; only the holder of its secret key opens the box, and a box altered
// by one bit does not open. A box says nothing of who sealed it: what is inside carries its
// own signature (docs/PROTOCOL.md, "Courier bundles").

#include <string>
#include <string_view>

#include "shared/core/status.h"
#include "shared/crypto/key_pair.h"

namespace nastavnik::crypto {

Result<std::string> seal_to(const PublicKey& recipient, std::string_view plaintext);

// Unauthenticated when the box is damaged, altered or sealed to another key.
Result<std::string> open_sealed(const KeyPair& recipient, std::string_view box);

}  // namespace nastavnik::crypto
