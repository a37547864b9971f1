#include "shared/protocol/request_auth.h"

#include <cstring>

namespace nastavnik::wire {

std::string request_sign_input(std::string_view method, std::string_view path, uint64_t time_ms,
                               std::string_view body) {
  return std::string(method) + "\n" + std::string(path) + "\n" + std::to_string(time_ms) + "\n" +
         crypto::hash_hex(body);
}

RequestSignature sign_request(const crypto::KeyPair& key, std::string_view method, std::string_view path,
                              uint64_t time_ms, std::string_view body) {
  const auto sig = crypto::sign(kRequestSignContext, request_sign_input(method, path, time_ms, body), key.secret_key);
  return RequestSignature{key.id(), time_ms,
                          crypto::to_base64(std::string_view(reinterpret_cast<const char*>(sig.data()), sig.size()))};
}

Status verify_request(const RequestSignature& sig, const crypto::PublicKey& key, std::string_view method,
                      std::string_view path, std::string_view body, uint64_t server_now_ms) {
  auto raw = crypto::from_base64(sig.signature_b64);
  if (!raw.ok() || raw->size() != crypto::kSignatureBytes)
    return Status::Unauthenticated("the request signature is not 64 bytes of base64");
  crypto::Signature s{};
  std::memcpy(s.data(), raw->data(), s.size());
  if (!crypto::verify(kRequestSignContext, request_sign_input(method, path, sig.time_ms, body), s, key))
    return Status::Unauthenticated("the request signature does not match device " + sig.device.substr(0, 8) +
                                   "…: the request was altered or signed by another key");
  const uint64_t skew = sig.time_ms > server_now_ms ? sig.time_ms - server_now_ms : server_now_ms - sig.time_ms;
  if (skew > kRequestWindowMs)
    return Status::FailedPrecondition("the request was signed " + std::to_string(skew / 1000) +
                                      " s away from the server's clock (at most " +
                                      std::to_string(kRequestWindowMs / 60000) +
                                      " minutes are accepted): sign it again with the server's time from "
                                      "X-Nastavnik-Server-Time");
  return Status::Ok();
}

}  // namespace nastavnik::wire
