#pragma once
// Courier bundles (docs/PROTOCOL.md, "Courier bundles"): work carried between a school's
// laptop and the server in a file — on a USB stick, or through the laptop of a mentor who
// visits — instead of over the network.
//
// A bundle holds envelopes. An envelope is a sealed box (crypto/sealed_box.h) to its
// recipient: whoever carries it can neither read nor alter it. Inside, a signed document:
//   to the server: a courier request, signed by the sending device
//     {"device", "created_ms", "request": base64 of a POST /v1/sync request body}
//   to a device: the server's courier answer, signed by the server
//     {"device", "request": BLAKE2b of that body, "server_time", "receipt", "page"}
// so the server takes the request exactly as if the device had posted it, and the device
// takes the answer exactly as a sync answer.
//
// Bundle file (JSON): {"format": "nastavnik-bundle", "version": 1, "written_by": device id,
// "created_ms": ms, "envelopes": [{"to", "from", "box": base64}, ...], "check": BLAKE2b of
// the envelopes' JSON text}. The check only tells a damaged file early and plainly; what
// protects the contents is the boxes and the signatures inside them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/crypto/key_pair.h"

namespace nastavnik::wire {

inline constexpr const char* kBundleFormat = "nastavnik-bundle";
inline constexpr int kBundleVersion = 1;
inline constexpr const char* kCourierRequestContext = "nastavnik/courier-request/v1";
inline constexpr const char* kCourierAnswerContext = "nastavnik/courier-answer/v1";
inline constexpr size_t kMaxBundleBytes = 256u * 1024 * 1024;
// POST /v1/courier, signed by the carrying device: {"envelopes": [envelope, ...]} (at most
// kMaxEnvelopesPerPost) -> {"deliveries": [{"from", "envelope", "outcome": "delivered" |
// "refused", "code", "message", "answer": envelope to the sender}, ...]}.
inline constexpr const char* kCourierPath = "/v1/courier";
inline constexpr size_t kMaxEnvelopesPerPost = 16;

struct Envelope {
  std::string to;    // key id of the recipient (the server's or a device's)
  std::string from;  // key id of the sender, as the sender says (the signature inside proves it)
  std::string box;   // the sealed box's bytes

  std::string digest() const;  // BLAKE2b of the box: the envelope's name
  nlohmann::json to_json() const;
  static Result<Envelope> from_json(const nlohmann::json& j);
};

struct Bundle {
  std::string written_by;
  uint64_t created_ms = 0;
  std::vector<Envelope> envelopes;
};

std::string encode_bundle(const Bundle& bundle);
// Corruption, saying what is wrong, for a file that is not a bundle or is damaged.
Result<Bundle> decode_bundle(std::string_view text);

// An envelope to `recipient` holding `document` (a signed document's JSON).
Result<Envelope> seal_envelope(const std::string& from, const crypto::PublicKey& recipient,
                               const nlohmann::json& document);
// The signed document inside an envelope addressed to `recipient` (still to be verified by
// whoever knows whose signature it must carry). Unauthenticated for a box that does not open.
Result<nlohmann::json> open_envelope(const Envelope& envelope, const crypto::KeyPair& recipient);

}  // namespace nastavnik::wire
