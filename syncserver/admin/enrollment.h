#pragma once
// Enrollment: the methodologist issues a one-time, expiring code for a person and role;
// the device redeems it once, registering its public key, and pins the server's key from
// the signed answer. Codes are stored only as hashes.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "shared/core/status.h"
#include "shared/crypto/key_pair.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

inline constexpr uint64_t kDefaultCodeTtlMs = 7ULL * 24 * 3600 * 1000;

// "K7QM-3XWP-9RTD": 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
std::string new_enrollment_code();
// Upper-cases and drops spaces and dashes, so codes typed by hand still match.
std::string normalise_code(const std::string& code);

// Issues a code for `person_id` acting as `role`. NotFound for an unknown person,
// InvalidArgument when the person does not have that role.
Result<std::string> issue_enrollment_code(CentralStore& store, const std::string& person_id,
                                          const std::string& role, uint64_t now_ms,
                                          uint64_t ttl_ms = kDefaultCodeTtlMs);

// Handles POST /v1/enroll: {"code","public_key","name"} -> {"enrollment": signed, "server_public_key"}.
// InvalidArgument for a malformed request, FailedPrecondition for an unknown, used or
// expired code (the message says which).
Result<nlohmann::json> enroll_device(CentralStore& store, const crypto::KeyPair& server_key,
                                     const nlohmann::json& request, uint64_t now_ms);

}  // namespace nastavnik::server
