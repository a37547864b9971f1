#pragma once
// The messages of POST /v1/sync (docs/PROTOCOL.md, "Sync"). One request pushes changesets
// and pulls a page, so a sync with nothing to do is one round trip.
//
// Request body, binary ("application/x-nastavnik-sync"):
//   "NSY1" | u32 big-endian header length | header JSON | zero or more changeset frames
// Response body, JSON: {"server_time": ms, "receipt": signed, "page": signed}

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/ops/changeset.h"

namespace nastavnik::wire {

inline constexpr const char* kSyncContentType = "application/x-nastavnik-sync";
inline constexpr const char* kSyncMagic = "NSY1";
inline constexpr uint32_t kDefaultPageLimit = 2000;
inline constexpr uint32_t kMaxPageLimit = 10000;

struct SyncRequest {
  int protocol = kProtocolVersion;
  int schema = 0;
  uint64_t cursor = 0;  // pull position: everything up to here has been received
  uint32_t page_limit = kDefaultPageLimit;
  std::string scope;    // the scope fingerprint of the device's last page ("" at first)
  std::vector<SealedChangeset> changesets;
};

std::string encode_sync_request(const SyncRequest& request);
// Corruption (with what is wrong) for a body that is not a well-formed sync request.
Result<SyncRequest> decode_sync_request(std::string_view body);

// Result for one pushed changeset, as listed in the receipt.
enum class ChangesetOutcome { kAccepted, kDuplicate, kRejected };
const char* outcome_name(ChangesetOutcome outcome);

struct RejectedOp {
  std::string hlc;
  std::string code;     // wire error code
  std::string message;  // readable reason
};

struct ChangesetResult {
  std::string device;
  uint64_t seq = 0;
  std::string hash;
  ChangesetOutcome outcome = ChangesetOutcome::kAccepted;
  std::string code, message;  // for kRejected
  uint64_t expected_seq = 0;  // for a sequence gap
  std::vector<RejectedOp> rejected_ops;  // ops of an accepted changeset that were refused
};

struct Receipt {
  std::string server;     // server key id
  std::string requester;  // device id of the requester
  std::string request;    // BLAKE2b-256 of the request body: binds the receipt to it
  uint64_t time_ms = 0;
  std::vector<ChangesetResult> results;
};

struct PullPage {
  std::string server, requester, request;
  uint64_t from = 0;     // the cursor the request asked from
  uint64_t cursor = 0;   // the cursor to ask from next time
  bool more = false;     // another page is waiting
  bool reset = false;    // the device's scope changed: the page restarts from the beginning
  std::string scope;     // fingerprint of what the device may see; sent back next time
  // The scope's pairs and schools, so the device can refuse a write outside them before
  // making it and tell its person which pair left; `all_pairs`: it may write for every pair
  // (a methodologist). Absent in pages of servers before this field: `has_scope_sets` false.
  bool has_scope_sets = false;
  bool all_pairs = false;
  std::vector<std::string> pairs, schools;
  uint64_t time_ms = 0;
  std::vector<Op> ops;
};

nlohmann::json receipt_to_json(const Receipt& r);
Result<Receipt> receipt_from_json(const nlohmann::json& j);
nlohmann::json page_to_json(const PullPage& p);
Result<PullPage> page_from_json(const nlohmann::json& j);

}  // namespace nastavnik::wire
