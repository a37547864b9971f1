#include "shared/crypto/sealed_box.h"

#include <sodium.h>

namespace nastavnik::crypto {
namespace {

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

Result<std::string> seal_to(const PublicKey& recipient, std::string_view plaintext) {
  NASTAVNIK_RETURN_IF_ERROR(ensure_initialised());
  unsigned char x_public[crypto_box_PUBLICKEYBYTES];
  if (crypto_sign_ed25519_pk_to_curve25519(x_public, recipient.data()) != 0)
    return Status::InvalidArgument("the recipient's public key is not a valid Ed25519 key");
  std::string box(plaintext.size() + crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal(reinterpret_cast<unsigned char*>(box.data()), bytes(plaintext), plaintext.size(), x_public) != 0)
    return Status::Internal("sealing failed");
  return box;
}

Result<std::string> open_sealed(const KeyPair& recipient, std::string_view box) {
  NASTAVNIK_RETURN_IF_ERROR(ensure_initialised());
  if (box.size() < crypto_box_SEALBYTES) return Status::Unauthenticated("the sealed box is cut short");
  unsigned char x_public[crypto_box_PUBLICKEYBYTES], x_secret[crypto_box_SECRETKEYBYTES];
  if (crypto_sign_ed25519_pk_to_curve25519(x_public, recipient.public_key.data()) != 0)
    return Status::InvalidArgument("the key is not a valid Ed25519 key");
  crypto_sign_ed25519_sk_to_curve25519(x_secret, recipient.secret_key.data());
  std::string plain(box.size() - crypto_box_SEALBYTES, '\0');
  const int opened = crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), bytes(box), box.size(),
                                          x_public, x_secret);
  sodium_memzero(x_secret, sizeof x_secret);
  if (opened != 0) return Status::Unauthenticated("the sealed box is damaged, altered or not for this key");
  return plain;
}

}  // namespace nastavnik::crypto
