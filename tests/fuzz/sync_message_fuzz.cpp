// Sync request bodies (server side) and sync answers (client side).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/crypto/key_pair.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/sync_messages.h"

using namespace nastavnik;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const crypto::KeyPair key = [] {
    (void)crypto::ensure_initialised();
    return crypto::KeyPair::generate();
  }();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)wire::decode_sync_request(bytes);
  const auto j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (j.is_discarded()) return 0;
  (void)wire::receipt_from_json(j);
  (void)wire::page_from_json(j);
  if (j.is_object()) {
    (void)wire::open_document(wire::kReceiptContext, j.value("receipt", nlohmann::json()), key.public_key);
    (void)wire::open_document(wire::kPageContext, j.value("page", nlohmann::json()), key.public_key);
  }
  return 0;
}
