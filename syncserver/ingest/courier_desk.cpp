#include "syncserver/ingest/courier_desk.h"

#include "shared/protocol/signed_document.h"
#include "shared/protocol/wire_error.h"

namespace nastavnik::server {
namespace {

using nlohmann::json;

CourierDelivery refused(CourierDelivery d, const char* code, std::string message) {
  d.code = code;
  d.message = std::move(message);
  return d;
}

// The sender named inside the signed body, read before the signature can be checked (the
// key to check it with is that sender's).
std::string claimed_sender(const json& document) {
  const json body = json::parse(document.value("body", ""), nullptr, false);
  return body.is_object() ? body.value("device", "") : "";
}

}  // namespace

Result<CourierDelivery> take_envelope(SyncService& service, const wire::Envelope& envelope) {
  CourierDelivery d;
  d.from = envelope.from;
  d.envelope = envelope.digest();
  const crypto::KeyPair& key = service.server_key();
  if (envelope.to != key.id())
    return refused(d, wire::kBadRequest, "the envelope is addressed to " + envelope.to.substr(0, 8) +
                                             "…, not to this server");
  auto document = wire::open_envelope(envelope, key);
  if (!document.ok())
    return refused(d, wire::kBadSignature, "the envelope is damaged or was altered on the way; nothing was taken");
  const std::string sender = claimed_sender(*document);
  if (sender != envelope.from)
    return refused(d, wire::kBadSignature, "the envelope's sender does not match its contents; nothing was taken");
  NASTAVNIK_ASSIGN_OR_RETURN(auto device, service.store().find_device(sender));
  if (!device) return refused(d, wire::kUnknownDevice, "device " + sender.substr(0, 8) + "… is not enrolled here");
  if (device->revoked())
    return refused(d, wire::kRevoked, "device " + sender.substr(0, 8) +
                                          "… was revoked; its work is kept on it and can be exported from it");
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey device_key, crypto::public_key_from_hex(device->public_key));
  auto body = wire::open_document(wire::kCourierRequestContext, *document, device_key);
  if (!body.ok()) return refused(d, wire::kBadSignature, "the courier request's signature does not verify; nothing was taken");
  auto request = crypto::from_base64(body->value("request", ""));
  if (!request.ok()) return refused(d, wire::kBadRequest, "the courier request is malformed");
  auto answer = service.sync(*device, *request);
  if (!answer.ok()) {
    const StatusCode code = answer.status().code();
    if (code == StatusCode::kInvalidArgument || code == StatusCode::kFailedPrecondition)
      return refused(d, wire::kBadRequest, answer.status().message());
    return answer.status();
  }
  json signed_answer = wire::sign_document(
      wire::kCourierAnswerContext,
      {{"device", device->id}, {"request", crypto::hash_hex(*request)}, {"answer", std::move(*answer)}}, key);
  NASTAVNIK_ASSIGN_OR_RETURN(d.answer, wire::seal_envelope(key.id(), device_key, signed_answer));
  d.delivered = true;
  return d;
}

json delivery_to_json(const CourierDelivery& d) {
  json j{{"from", d.from}, {"envelope", d.envelope}, {"outcome", d.delivered ? "delivered" : "refused"}};
  if (!d.delivered) j.update({{"code", d.code}, {"message", d.message}});
  if (d.answer) j["answer"] = d.answer->to_json();
  return j;
}

}  // namespace nastavnik::server
