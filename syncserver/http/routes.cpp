#include "syncserver/http/routes.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <string>
#include <variant>

#include "shared/protocol/request_auth.h"
#include "shared/protocol/wire_error.h"
#include "syncserver/http/body_reader.h"
#include "syncserver/http/json_response.h"
#include "syncserver/ingest/courier_desk.h"

namespace nastavnik::server::http {
namespace {

using nlohmann::json;

// What a client is told to wait after /healthz says the store is in trouble.
constexpr int kHealthRetryAfterSeconds = 30;

// The signature headers as sent. A missing or unreadable header leaves its field empty or
// zero, and authentication then fails with a message saying so.
wire::RequestSignature signature_of(const httplib::Request& req) {
  wire::RequestSignature sig;
  sig.device = req.get_header_value(wire::kDeviceHeader);
  sig.signature_b64 = req.get_header_value(wire::kSignatureHeader);
  const std::string time = req.get_header_value(wire::kTimeHeader);
  std::from_chars(time.data(), time.data() + time.size(), sig.time_ms);
  return sig;
}

// Answers a failed service call. A fault on the server's side is logged with its full
// reason; the client sees only a message that names no file and no database text.
void send_failure(httplib::Response& res, const Status& status, Endpoint endpoint) {
  const HttpError error = http_error_for(status, endpoint);
  if (error.status >= 500) spdlog::error("{}", status.to_string());
  if (error.retry_after_s > 0) res.set_header("Retry-After", std::to_string(error.retry_after_s));
  send_error(res, error);
}

void handle_health(SyncService& service, httplib::Response& res) {
  Status health = service.health();
  if (!health.ok()) {
    res.set_header("Retry-After", std::to_string(kHealthRetryAfterSeconds));
    return send_error(res, unavailable(health.message()));
  }
  send_json(res, 200, {{"status", "ok"}});
}

void handle_enroll(const RouteContext& ctx, const httplib::Request& req, httplib::Response& res,
                   const std::string& body) {
  const std::string address = client_address(req, ctx.trusted_proxies);
  if (const int64_t wait = ctx.enroll_limiter.retry_after(address); wait > 0) {
    res.set_header("Retry-After", std::to_string(wait));
    return send_error(res, too_many_attempts(wait));
  }
  const json request = json::parse(body, nullptr, false);
  if (request.is_discarded() || !request.is_object())
    return send_failure(res,
                        Status::InvalidArgument("the body is not a JSON object: send {\"code\", "
                                                "\"public_key\", \"name\"}"),
                        Endpoint::kEnroll);
  auto answer = ctx.service.enroll(request);
  if (!answer.ok()) {
    if (answer.status().code() == StatusCode::kFailedPrecondition) ctx.enroll_limiter.note_failure(address);
    return send_failure(res, answer.status(), Endpoint::kEnroll);
  }
  send_json(res, 200, *answer);
}

void handle_sync(SyncService& service, const httplib::Request& req, httplib::Response& res,
                 const std::string& body) {
  auto device = service.authenticate(signature_of(req), req.method, req.path, body);
  if (!device.ok()) return send_failure(res, device.status(), Endpoint::kAuthentication);
  auto answer = service.sync(*device, body);
  if (!answer.ok()) return send_failure(res, answer.status(), Endpoint::kSync);
  send_json(res, 200, *answer);
}

void handle_device_list(SyncService& service, const httplib::Request& req, httplib::Response& res,
                        const std::string& body) {
  // Authentication first, with the same answers as /v1/sync (401, 403 device_revoked);
  // then the role check of the list itself (403 role_not_allowed).
  auto device = service.authenticate(signature_of(req), req.method, req.path, body);
  if (!device.ok()) return send_failure(res, device.status(), Endpoint::kAuthentication);
  auto answer = service.device_list(*device, body);
  if (!answer.ok()) return send_failure(res, answer.status(), Endpoint::kDeviceList);
  send_json(res, 200, *answer);
}

// Envelopes a device carries for others (courier_desk.h). Any enrolled device may carry;
// what it carries proves itself. A store fault fails the whole post: the carrier keeps every
// envelope and posts them again, and taking one twice changes nothing.
void handle_courier(SyncService& service, const httplib::Request& req, httplib::Response& res,
                    const std::string& body) {
  auto device = service.authenticate(signature_of(req), req.method, req.path, body);
  if (!device.ok()) return send_failure(res, device.status(), Endpoint::kAuthentication);
  const json request = json::parse(body, nullptr, false);
  if (!request.is_object() || !request.value("envelopes", json()).is_array() ||
      request["envelopes"].size() > wire::kMaxEnvelopesPerPost)
    return send_failure(res,
                        Status::InvalidArgument("send {\"envelopes\": [...]} with at most " +
                                                std::to_string(wire::kMaxEnvelopesPerPost) + " envelopes"),
                        Endpoint::kSync);
  json deliveries = json::array();
  for (const auto& item : request["envelopes"]) {
    auto envelope = wire::Envelope::from_json(item);
    if (!envelope.ok()) {
      deliveries.push_back({{"outcome", "refused"}, {"code", wire::kBadRequest}, {"message", envelope.status().message()}});
      continue;
    }
    auto delivery = take_envelope(service, *envelope);
    if (!delivery.ok()) return send_failure(res, delivery.status(), Endpoint::kSync);
    deliveries.push_back(delivery_to_json(*delivery));
  }
  send_json(res, 200, {{"deliveries", deliveries}});
}

// Wraps a body handler for httplib: reads the body within the limit first.
template <typename Handler>
httplib::Server::HandlerWithContentReader with_body(size_t max_body_bytes, Handler handler) {
  return [max_body_bytes, handler](const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& reader) {
    auto body = read_body(reader, res, max_body_bytes);
    if (auto* error = std::get_if<HttpError>(&body)) return send_error(res, *error);
    handler(req, res, std::get<std::string>(body));
  };
}

}  // namespace

std::string client_address(const httplib::Request& req, const std::vector<std::string>& trusted_proxies) {
  if (std::find(trusted_proxies.begin(), trusted_proxies.end(), req.remote_addr) != trusted_proxies.end()) {
    const std::string forwarded = req.get_header_value("X-Real-IP");
    if (!forwarded.empty()) return forwarded;
  }
  return req.remote_addr;
}

void register_routes(httplib::Server& server, const RouteContext& context) {
  // Copied into the handlers: they outlive this call.
  auto ctx = std::make_shared<RouteContext>(context);
  const size_t max_body_bytes = ctx->max_body_bytes;
  SyncService& service = ctx->service;
  server.Get(kHealthPath,
             [&service](const httplib::Request&, httplib::Response& res) { handle_health(service, res); });
  server.Get(kInfoPath, [&service](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, service.info());
  });
  server.Post(kEnrollPath,
              with_body(max_body_bytes, [ctx](const httplib::Request& req, httplib::Response& res,
                                              const std::string& body) { handle_enroll(*ctx, req, res, body); }));
  server.Post(kSyncPath,
              with_body(max_body_bytes,
                        [&service](const httplib::Request& req, httplib::Response& res,
                                   const std::string& body) { handle_sync(service, req, res, body); }));
  server.Post(kDeviceListPath,
              with_body(max_body_bytes, [&service](const httplib::Request& req, httplib::Response& res,
                                                   const std::string& body) {
                handle_device_list(service, req, res, body);
              }));
  server.Post(kCourierPath,
              with_body(max_body_bytes, [&service](const httplib::Request& req, httplib::Response& res,
                                                   const std::string& body) { handle_courier(service, req, res, body); }));
}

}  // namespace nastavnik::server::http
