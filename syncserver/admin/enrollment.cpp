#include "syncserver/admin/enrollment.h"

#include <sodium.h>

#include "shared/core/control_characters.h"
#include "shared/protocol/signed_document.h"

namespace nastavnik::server {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

// At most `max_bytes` of `text`, never cutting a UTF-8 character in two.
std::string utf8_prefix(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

std::string new_enrollment_code() {
  std::string code;
  for (int i = 0; i < 12; ++i) {
    if (i > 0 && i % 4 == 0) code.push_back('-');
    code.push_back(kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)]);
  }
  return code;
}

std::string normalise_code(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

Result<std::string> issue_enrollment_code(CentralStore& store, const std::string& person_id, const std::string& role,
                                          uint64_t now_ms, uint64_t ttl_ms) {
  auto person = store.record(person_id);
  if (!person.ok() || person->entity != "person" || person->deleted)
    return Status::NotFound("no person with id " + person_id + " in the registry: import the registry first");
  const auto& roles = person->data.value("roles", nlohmann::json::array());
  if (std::find(roles.begin(), roles.end(), role) == roles.end())
    return Status::InvalidArgument(person->data.value("full_name", person_id) + " does not have the role '" + role +
                                   "' (roles: " + roles.dump() + ")");
  const std::string code = new_enrollment_code();
  NASTAVNIK_RETURN_IF_ERROR(store.save_code(
      EnrollmentCode{crypto::hash_hex(normalise_code(code)), person_id, role, now_ms, now_ms + ttl_ms, ""}));
  return code;
}

Result<nlohmann::json> enroll_device(CentralStore& store, const crypto::KeyPair& server_key,
                                     const nlohmann::json& request, uint64_t now_ms) {
  if (!request.is_object() || !request.contains("code") || !request["code"].is_string() ||
      !request.contains("public_key") || !request["public_key"].is_string())
    return Status::InvalidArgument("an enrollment request needs \"code\" and \"public_key\" as strings");
  if (request.contains("name") && !request["name"].is_string())
    return Status::InvalidArgument("\"name\" must be a string (a label for the device)");
  const std::string name = request.value("name", "");
  if (has_control_characters(name))
    return Status::InvalidArgument("\"name\" must not contain control characters");
  auto pk = crypto::public_key_from_hex(request["public_key"].get<std::string>());
  if (!pk.ok()) return Status::InvalidArgument("public_key must be 64 hex digits");
  const std::string code_hash = crypto::hash_hex(normalise_code(request["code"].get<std::string>()));
  NASTAVNIK_ASSIGN_OR_RETURN(auto code, store.find_code(code_hash));
  if (!code) return Status::FailedPrecondition("the enrollment code is not known: check it or ask for a new one");
  auto person = store.record(code->person_id);
  if (!person.ok()) return Status::FailedPrecondition("the person of this code is no longer in the registry");
  Device device;
  device.id = crypto::key_id(*pk);
  device.public_key = crypto::to_hex(*pk);
  device.person_id = code->person_id;
  device.roles = {code->role};
  device.school_id = person->data.value("school_id", "");
  device.name = utf8_prefix(name, 100);
  const nlohmann::json body = {{"kind", "enrollment"}, {"device", device.id}, {"person", device.person_id},
                               {"person_name", person->data.value("full_name", "")}, {"roles", device.roles},
                               {"school", device.school_id}, {"server", server_key.id()}, {"time", now_ms}};
  const nlohmann::json answer = {{"enrollment", wire::sign_document(wire::kEnrollmentContext, body, server_key)},
                                 {"server_public_key", crypto::to_hex(server_key.public_key)}};
  // The same device asking again with the same code gets the answer of the first time.
  return store.redeem_code(code_hash, device, answer, now_ms);
}

}  // namespace nastavnik::server
