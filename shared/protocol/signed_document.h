#pragma once
// A JSON document signed by the server: {"body": "<JSON text>", "sig": "<base64>"}.
// The signature covers the body text exactly as sent, so the client verifies the bytes it
// received and parses them only afterwards. Used for receipts, pull pages, enrollment and
// the device list; each kind has its own context, so one can never pass as another.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/crypto/key_pair.h"

namespace nastavnik::wire {

inline constexpr const char* kReceiptContext = "nastavnik/receipt/v1";
inline constexpr const char* kPageContext = "nastavnik/pull-page/v1";
inline constexpr const char* kEnrollmentContext = "nastavnik/enrollment/v1";
inline constexpr const char* kDeviceListContext = "nastavnik/device-list/v1";  // POST /v1/devices

nlohmann::json sign_document(std::string_view context, const nlohmann::json& body, const crypto::KeyPair& key);

// Verifies {"body","sig"} with `key` and returns the parsed body. Unauthenticated when the
// signature does not match (a forged or altered document), Corruption when malformed.
Result<nlohmann::json> open_document(std::string_view context, const nlohmann::json& signed_doc,
                                     const crypto::PublicKey& key);

}  // namespace nastavnik::wire
