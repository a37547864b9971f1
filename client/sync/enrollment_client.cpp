#include "client/sync/enrollment_client.h"

#include <nlohmann/json.hpp>

#include "client/sync/sync_state.h"
#include "shared/protocol/signed_document.h"

namespace nastavnik {

std::string server_error_text(const HttpReply& reply) {
  const auto j = nlohmann::json::parse(reply.body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_object())
    return j["error"].value("message", "") + " (" + j["error"].value("code", "") + ", HTTP " +
           std::to_string(reply.status) + ")";
  return "the server answered HTTP " + std::to_string(reply.status);
}

Result<EnrollmentResult> enroll_device(LocalStore& store, const crypto::KeyPair& key, SyncTransport& transport,
                                       const std::string& server_url, const std::string& code,
                                       const std::string& device_name, const std::string& expected_server_key_id) {
  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(store));
  if (state.enrolled())
    return Status::FailedPrecondition("this device is already enrolled with " + state.server_url);
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
  if (!expected_server_key_id.empty() && server_id.rfind(expected_server_key_id, 0) != 0)
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
  NASTAVNIK_RETURN_IF_ERROR(state.save(store));
  return result;
}

}  // namespace nastavnik
