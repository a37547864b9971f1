#pragma once
// Changesets: a device's ops batched, chained and signed. The signature covers the exact
// payload bytes that are stored and sent; verification always uses the received bytes,
// never a re-serialisation. Wire and file format: docs/PROTOCOL.md, "Changesets".

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/status.h"
#include "shared/crypto/sodium.h"
#include "shared/ops/op.h"

namespace nastavnik {

inline constexpr int kChangesetFormatVersion = 1;
inline constexpr int kProtocolVersion = 1;
inline constexpr size_t kMaxChangesetPayloadBytes = 8 * 1024 * 1024;
inline constexpr const char* kChangesetSignContext = "nastavnik/changeset/v1";
inline constexpr const char* kChangesetMagic = "NCS1";
// The "previous hash" of a device's first changeset.
inline const std::string kGenesisHash(64, '0');

struct ChangesetHeader {
  int format = kChangesetFormatVersion;
  int schema = 0;    // domain schema version the ops were written against
  int protocol = kProtocolVersion;
  std::string device;  // key id of the signing device
  uint64_t seq = 0;    // 1, 2, 3, ... per device, no gaps
  std::string prev;    // hash of the device's previous payload, kGenesisHash for seq 1
  uint64_t created_ms = 0;

  bool operator==(const ChangesetHeader&) const = default;
};

struct Changeset {
  ChangesetHeader header;
  std::vector<Op> ops;
  bool operator==(const Changeset&) const = default;
};

// A signed changeset exactly as stored and sent.
struct SealedChangeset {
  std::string payload;  // UTF-8 JSON bytes
  crypto::Signature signature{};
  // BLAKE2b-256 of the payload: the link in the device's hash chain.
  std::string hash() const { return crypto::hash_hex(payload); }
};

class ChangesetCodec {
 public:
  static std::string encode_payload(const Changeset& changeset);
  // Strict decoding: Corruption for bytes that are not a well-formed changeset payload.
  static Result<Changeset> decode_payload(std::string_view payload);

  static SealedChangeset seal(const Changeset& changeset, const crypto::SecretKey& key);
  // Unauthenticated when the signature does not match the payload and key.
  static Status verify(const SealedChangeset& sealed, const crypto::PublicKey& key);

  // "NCS1" | payload length (u32, big-endian) | payload | 64-byte signature.
  static std::string frame(const SealedChangeset& sealed);
  // Splits concatenated frames; Corruption names the offset of the first bad frame.
  static Result<std::vector<SealedChangeset>> unframe(std::string_view bytes);

  // Checks a header against the device's chain: Conflict for a replay (seq already seen)
  // or a gap, Corruption when prev does not match the previous payload's hash.
  static Status check_chain(const ChangesetHeader& header, uint64_t last_seq,
                            const std::string& last_hash);
};

}  // namespace nastavnik
