#pragma once
// The device side of enrollment: send the one-time code and the device's public key,
// verify the server's signed answer, pin the server key and bind the replica to the person.

#include <string>

#include "client/store/local_store.h"
#include "client/sync/server_reply.h"
#include "client/sync/sync_transport.h"
#include "shared/crypto/key_pair.h"

namespace nastavnik {

struct EnrollmentResult {
  std::string person_id, person_name, school_id, server_key_id;
  std::set<std::string> roles;
};

// `expected_server_key_id` (optional, from the methodologist's printout): the server's key
// id (or its beginning) is checked against it with GET /v1/info before the code is sent,
// so a typo or a wrong server never spends the code; the signed answer is checked against
// it again. FailedPrecondition when the replica already belongs to another person or is
// enrolled already; the server's refusal (bad, used or expired code) comes back with its
// message. When the answer is lost in transit, calling again with the same code gets the
// same answer from the server: enrollment is safe to retry.
Result<EnrollmentResult> enroll_device(LocalStore& store, const crypto::KeyPair& key, SyncTransport& transport,
                                       const std::string& server_url, const std::string& code,
                                       const std::string& device_name, const std::string& expected_server_key_id = "",
                                       const std::string& ca_cert_file = "");

// GET /v1/info: the server's key id, for a person to compare with the one the
// methodologist gave them before enrolling. Unavailable when the server is not reached.
Result<std::string> fetch_server_key_id(SyncTransport& transport);

}  // namespace nastavnik
