#include "client/sync/enrollment_client.h"

#include <nlohmann/json.hpp>

#include "client/sync/sync_state.h"
#include "shared/core/hlc.h"
#include "shared/protocol/signed_document.h"

namespace nastavnik {

namespace {

bool matches_expected(const std::string& server_id, const std::string& expected) {
  std::string wanted;
  for (char c : expected)
    if (c != ' ' && c != '-') wanted.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return server_id.rfind(wanted, 0) == 0;
}

}  // namespace

Result<std::string> fetch_server_key_id(SyncTransport& transport) {
  NASTAVNIK_ASSIGN_OR_RETURN(HttpReply reply, transport.get("/v1/info"));
  if (reply.status != 200)
    return Status::Unavailable("the server did not say who it is: " + server_error_text(reply));
  const auto info = nlohmann::json::parse(reply.body, nullptr, false);
  if (!info.is_object() || !info.contains("server_public_key") || !info["server_public_key"].is_string())
    return Status::Corruption("the server's /v1/info answer is malformed: is this a Nastavnik server?");
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey server_key,
                             crypto::public_key_from_hex(info["server_public_key"].get<std::string>()));
  return crypto::key_id(server_key);
}

Result<EnrollmentResult> enroll_device(LocalStore& store, const crypto::KeyPair& key, SyncTransport& transport,
                                       const std::string& server_url, const std::string& code,
                                       const std::string& device_name, const std::string& expected_server_key_id,
                                       const std::string& ca_cert_file) {
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(store));
  if (state.enrolled())
    return Status::FailedPrecondition("this device is already enrolled with " + state.server_url);
  if (!expected_server_key_id.empty()) {
    NASTAVNIK_ASSIGN_OR_RETURN(std::string server_id, fetch_server_key_id(transport));
    if (!matches_expected(server_id, expected_server_key_id))
      return Status::Unauthenticated("the server at " + server_url + " has the key " + server_id +
                                     ", not the expected " + expected_server_key_id +
                                     ": check the address and the key id from the methodologist (the code was "
                                     "not used)");
  }
  const nlohmann::json request = {{"code", code}, {"public_key", crypto::to_hex(key.public_key)}, {"name", device_name}};
  NASTAVNIK_ASSIGN_OR_RETURN(HttpReply reply, transport.post("/v1/enroll", "application/json", request.dump(), {}));
  if (reply.status != 200) return Status::FailedPrecondition("enrollment refused: " + server_error_text(reply));
  const auto answer = nlohmann::json::parse(reply.body, nullptr, false);
  if (!answer.is_object() || !answer.contains("server_public_key") || !answer["server_public_key"].is_string())
    return Status::Corruption("the server's enrollment answer is malformed");
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey server_key,
                             crypto::public_key_from_hex(answer["server_public_key"].get<std::string>()));
  NASTAVNIK_ASSIGN_OR_RETURN(auto body, wire::open_document(wire::kEnrollmentContext, answer.value("enrollment", nlohmann::json()), server_key));
  const std::string server_id = crypto::key_id(server_key);
  if (body.value("server", "") != server_id || body.value("device", "") != key.id())
    return Status::Unauthenticated("the enrollment answer is for another server or device");
  if (!expected_server_key_id.empty() && !matches_expected(server_id, expected_server_key_id))
    return Status::Unauthenticated("the server's key " + server_id + " is not the expected " + expected_server_key_id +
                                   ": you may be talking to another server");
  EnrollmentResult result;
  result.person_id = body.value("person", "");
  result.person_name = body.value("person_name", "");
  result.school_id = body.value("school", "");
  result.server_key_id = server_id;
  for (const auto& r : body.value("roles", nlohmann::json::array())) result.roles.insert(r.get<std::string>());
  const Actor& current = store.actor();
  if (!current.person_id.empty() && current.person_id != result.person_id)
    return Status::FailedPrecondition("this replica belongs to another person (" + current.person_id +
                                      "); enroll a new data directory instead — the code is now used, ask for a new one");
  NASTAVNIK_RETURN_IF_ERROR(store.set_actor(Actor{result.person_id, result.roles, result.school_id}));
  state.server_url = server_url;
  state.server_key_hex = crypto::to_hex(server_key);
  state.person_name = result.person_name;
  state.ca_cert_file = ca_cert_file;
  if (int64_t offset = 0; server_clock_offset(reply, system_wall_clock_ms(), &offset)) state.clock_offset_ms = offset;
  NASTAVNIK_RETURN_IF_ERROR(state.save(store));
  return result;
}

}  // namespace nastavnik
