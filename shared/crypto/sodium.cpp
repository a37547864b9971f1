#include "shared/crypto/sodium.h"

#include <sodium.h>

#include <vector>

namespace nastavnik::crypto {
namespace {

std::string with_context(std::string_view context, std::string_view message) {
  std::string m;
  m.reserve(context.size() + 1 + message.size());
  m.append(context);
  m.push_back('\0');
  m.append(message);
  return m;
}

}  // namespace

Status ensure_initialised() {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  return Status::Ok();
}

std::string hash_hex(std::string_view bytes) {
  std::array<uint8_t, kHashBytes> h{};
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  return to_hex(h);
}

std::string to_hex(const uint8_t* data, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

Result<std::string> from_hex(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &len, &end) != 0 ||
      end != hex.data() + hex.size())
    return Status::InvalidArgument("not a hex string");
  out.resize(len);
  return out;
}

std::string to_base64(std::string_view bytes) {
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(out.size() - 1);  // drop the terminating NUL
  return out;
}

Result<std::string> from_base64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size())
    return Status::InvalidArgument("not valid base64");
  out.resize(len);
  return out;
}

Signature sign(std::string_view context, std::string_view message, const SecretKey& sk) {
  const std::string m = with_context(context, message);
  Signature sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(m.data()),
                       m.size(), sk.data());
  return sig;
}

bool verify(std::string_view context, std::string_view message, const Signature& sig,
            const PublicKey& pk) {
  const std::string m = with_context(context, message);
  return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(m.data()),
                                     m.size(), pk.data()) == 0;
}

bool equal_bytes(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string key_id(const PublicKey& pk) {
  std::array<uint8_t, 16> h{};
  crypto_generichash(h.data(), h.size(), pk.data(), pk.size(), nullptr, 0);
  return to_hex(h);
}

}  // namespace nastavnik::crypto
