#pragma once
// Error codes carried in error responses ({"error":{"code","message"}}) and in receipts.
// The HTTP layer maps Status codes to these and to HTTP statuses; clients map them back to
// text for people. The full table is in docs/PROTOCOL.md, "Errors".


namespace nastavnik::wire {

inline constexpr const char* kBadRequest = "bad_request";            // malformed body or encoding
inline constexpr const char* kTooLarge = "payload_too_large";        // body over the limit
inline constexpr const char* kUnknownDevice = "unknown_device";      // not enrolled
inline constexpr const char* kRevoked = "device_revoked";            // enrolled, then revoked
inline constexpr const char* kBadSignature = "bad_signature";        // request or changeset signature
inline constexpr const char* kStaleRequest = "stale_request";        // request signed outside the time window
inline constexpr const char* kReplayedRequest = "replayed_request";  // exact request seen before
inline constexpr const char* kProtocolVersion = "protocol_version";  // unsupported protocol version
inline constexpr const char* kBadCode = "invalid_enrollment_code";   // unknown, used or expired code
inline constexpr const char* kTooManyAttempts = "too_many_attempts"; // too many wrong codes from one address
inline constexpr const char* kRoleNotAllowed = "role_not_allowed";    // the device's role may not use the endpoint
inline constexpr const char* kChainGap = "sequence_gap";             // a changeset is missing before this one
inline constexpr const char* kChainBroken = "chain_broken";          // prev hash does not match
inline constexpr const char* kOutOfScope = "out_of_scope";           // op outside the device's role scope
inline constexpr const char* kClockAhead = "clock_ahead";            // op stamped far in the future
inline constexpr const char* kInvalidOp = "invalid_op";              // op does not fit the schema
inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kInternal = "internal";
inline constexpr const char* kUnavailable = "unavailable";

}  // namespace nastavnik::wire
