#include "shared/protocol/signed_document.h"

#include <cstring>

namespace nastavnik::wire {

nlohmann::json sign_document(std::string_view context, const nlohmann::json& body, const crypto::KeyPair& key) {
  const std::string text = body.dump();
  const auto sig = crypto::sign(context, text, key.secret_key);
  return {{"body", text},
          {"sig", crypto::to_base64(std::string_view(reinterpret_cast<const char*>(sig.data()), sig.size()))}};
}

Result<nlohmann::json> open_document(std::string_view context, const nlohmann::json& doc,
                                     const crypto::PublicKey& key) {
  if (!doc.is_object() || !doc.contains("body") || !doc["body"].is_string() || !doc.contains("sig") ||
      !doc["sig"].is_string())
    return Status::Corruption("a signed document needs a text body and a signature");
  const std::string& text = doc["body"].get_ref<const std::string&>();
  auto raw = crypto::from_base64(doc["sig"].get<std::string>());
  if (!raw.ok() || raw->size() != crypto::kSignatureBytes)
    return Status::Corruption("the document signature is not 64 bytes of base64");
  crypto::Signature sig{};
  std::memcpy(sig.data(), raw->data(), sig.size());
  if (!crypto::verify(context, text, sig, key))
    return Status::Unauthenticated("the server's signature does not match its pinned key: the answer was forged or altered");
  auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return Status::Corruption("the signed document body is not a JSON object");
  return body;
}

}  // namespace nastavnik::wire
