#include "client/sync/device_list_client.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "client/sync/server_reply.h"
#include "client/sync/signed_post.h"
#include "client/sync/sync_state.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/wire_error.h"

namespace nastavnik {
namespace {

using nlohmann::json;

DeviceListFailure failure(DeviceListProblem problem, Status status) { return {problem, std::move(status)}; }

// 32 hex digits from libsodium's generator: every request body differs, so an answer
// recorded earlier cannot pass as the answer to this one.
std::string new_nonce() {
  uint8_t bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  return crypto::to_hex(bytes, sizeof bytes);
}

DeviceListFailure refusal(LocalStore& store, SyncState state, const HttpReply& reply) {
  const std::string text = server_error_text(reply);
  if (reply.status >= 500)
    return failure(DeviceListProblem::kOffline, Status::Unavailable("the server has a problem: " + text));
  const std::string code = server_error_code(reply);
  if (reply.status == 403 && code == wire::kRoleNotAllowed)
    return failure(DeviceListProblem::kNotMethodologist, Status::PermissionDenied(text));
  if (reply.status == 403 && code == wire::kRevoked) {
    // The same note a refused sync leaves: the home screen then says the device is revoked.
    state.revoked_message = text;
    if (Status s = state.save(store); !s.ok()) return failure(DeviceListProblem::kRefused, s);
    return failure(DeviceListProblem::kRevoked, Status::PermissionDenied("this device was revoked: " + text));
  }
  if (reply.status == 401)
    return failure(DeviceListProblem::kRefused,
                   Status::Unauthenticated("the server refused this device: " + text));
  return failure(DeviceListProblem::kRefused,
                 Status::InvalidArgument("the server refused the request: " + text));
}

}  // namespace

const char* device_list_problem_id(DeviceListProblem problem) {
  switch (problem) {
    case DeviceListProblem::kNotEnrolled:
      return "not_enrolled";
    case DeviceListProblem::kOffline:
      return "offline";
    case DeviceListProblem::kNotMethodologist:
      return "not_methodologist";
    case DeviceListProblem::kRevoked:
      return "revoked";
    case DeviceListProblem::kRefused:
      return "refused";
    case DeviceListProblem::kForged:
      return "forged";
  }
  return "refused";
}

DeviceListFetch fetch_device_list(LocalStore& store, const crypto::KeyPair& key, SyncTransport& transport) {
  auto state = SyncState::load(store);
  if (!state.ok()) return failure(DeviceListProblem::kRefused, state.status());
  if (!state->enrolled())
    return failure(DeviceListProblem::kNotEnrolled,
                   Status::FailedPrecondition(
                       "this device is not enrolled yet: enroll it with the code from the methodologist"));
  auto server_key = state->server_key();
  if (!server_key.ok()) return failure(DeviceListProblem::kRefused, server_key.status());

  wire::DeviceListRequest request;
  request.nonce = new_nonce();
  const std::string body = wire::encode_device_list_request(request);
  auto reply = post_signed(transport, key, store, wire::kDeviceListPath, "application/json", body);
  if (!reply.ok())
    return failure(reply.status().code() == StatusCode::kUnavailable ? DeviceListProblem::kOffline
                                                                      : DeviceListProblem::kRefused,
                   reply.status());
  if (reply->status != 200) return refusal(store, std::move(state).value(), *reply);

  const json answer = json::parse(reply->body, nullptr, false);
  if (!answer.is_object())
    return failure(DeviceListProblem::kForged, Status::Corruption("the server's answer is not JSON"));
  auto opened =
      wire::open_document(wire::kDeviceListContext, answer.value("device_list", json()), *server_key);
  if (!opened.ok()) return failure(DeviceListProblem::kForged, opened.status());
  auto list = wire::device_list_from_json(*opened);
  if (!list.ok())
    return failure(DeviceListProblem::kForged, list.status().with_context("the signed device list"));
  if (list->requester != key.id() || list->request != crypto::hash_hex(body))
    return failure(
        DeviceListProblem::kForged,
        Status::Unauthenticated("the server's answer belongs to another request (a replayed answer)"));
  if (list->server != crypto::key_id(*server_key))
    return failure(DeviceListProblem::kForged,
                   Status::Unauthenticated("the device list names another server"));
  return std::move(list).value();
}

}  // namespace nastavnik
