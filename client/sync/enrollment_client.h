#pragma once
// The device side of enrollment: send the one-time code and the device's public key,
// verify the server's signed answer, pin the server key and bind the replica to the person.

#include <string>

#include "client/store/local_store.h"
#include "client/sync/sync_transport.h"
#include "shared/crypto/key_pair.h"

namespace nastavnik {

struct EnrollmentResult {
  std::string person_id, person_name, school_id, server_key_id;
  std::set<std::string> roles;
};

// `expected_server_key_id` (optional, from the methodologist's printout) must match the
// server's key when given. FailedPrecondition when the replica already belongs to another
// person or is enrolled already; the server's refusal (bad, used or expired code) comes back
// with its message.
Result<EnrollmentResult> enroll_device(LocalStore& store, const crypto::KeyPair& key, SyncTransport& transport,
                                       const std::string& server_url, const std::string& code,
                                       const std::string& device_name, const std::string& expected_server_key_id = "");

// The server's error body {"error":{"code","message"}} as a readable line.
std::string server_error_text(const HttpReply& reply);

}  // namespace nastavnik
