#include "tests/support/in_process_server.h"

#include <catch2/catch.hpp>

#include "shared/domain/registry_file.h"
#include "shared/protocol/device_list.h"
#include "shared/protocol/wire_error.h"
#include "syncserver/admin/enrollment.h"
#include "syncserver/admin/registry_import.h"
#include "syncserver/admin/server_identity.h"
#include "syncserver/http/error_mapping.h"
#include "syncserver/ingest/store_opening.h"
#include "tests/support/postgres_cluster.h"

namespace nastavnik::testing {

InProcessServer::InProcessServer()
    : key_(crypto::KeyPair::generate()), store_address_(test_store_address(store_path())) {
  auto address = server::parse_store_address(store_address_);
  REQUIRE(address.ok());
  auto store = server::create_store(*address);
  INFO(store.status().message());
  REQUIRE(store.ok());
  store_ = std::move(store).value();
  auto file = read_registry_file(std::filesystem::path(NASTAVNIK_TEST_ASSETS) / "demo" / "volosovo.json");
  REQUIRE(file.ok());
  HlcClock clock(key_.id(), system_wall_clock_ms);
  REQUIRE(server::import_registry(*store_, *file, clock, key_, system_wall_clock_ms()).ok());
  service_ = std::make_unique<server::SyncService>(*store_, key_, system_wall_clock_ms);
}

std::string InProcessServer::code_for(const std::string& person_id, const std::string& role) {
  auto code = server::issue_enrollment_code(*store_, person_id, role, system_wall_clock_ms());
  REQUIRE(code.ok());
  return *code;
}

void InProcessServer::reopen() {
  service_.reset();
  store_.reset();
  auto store = server::open_store(store_address_);
  INFO(store.status().message());
  REQUIRE(store.ok());
  store_ = std::move(store).value();
  service_ = std::make_unique<server::SyncService>(*store_, key_, system_wall_clock_ms);
}

int64_t InProcessServer::op_count() {
  auto stats = store_->stats();
  REQUIRE(stats.ok());
  return stats->ops;
}

namespace {

std::string header(const HttpHeaders& headers, const std::string& name) {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return "";
}

// The error answer the server's HTTP layer gives for this failure of this endpoint.
HttpReply error_reply(const Status& st, server::http::Endpoint endpoint) {
  const server::http::HttpError e = server::http::http_error_for(st, endpoint);
  return HttpReply{e.status, nlohmann::json{{"error", {{"code", e.code}, {"message", e.message}}}}.dump(), "", ""};
}

}  // namespace

Result<HttpReply> InProcessTransport::post(const std::string& path, const std::string&, const std::string& body,
                                           const HttpHeaders& headers) {
  if (offline) return Status::Unavailable("network is down");
  sent_ += body.size();
  HttpReply reply;
  if (intercept && intercept(reply)) return reply;
  using server::http::Endpoint;
  if (path == "/v1/enroll") {
    auto answer = server_.service().enroll(nlohmann::json::parse(body, nullptr, false));
    reply = answer.ok() ? HttpReply{200, answer->dump(), "", ""} : error_reply(answer.status(), Endpoint::kEnroll);
  } else if (path == "/v1/sync" || path == wire::kDeviceListPath) {
    wire::RequestSignature sig{header(headers, wire::kDeviceHeader), 0, header(headers, wire::kSignatureHeader)};
    sig.time_ms = std::stoull(header(headers, wire::kTimeHeader));
    auto device = server_.service().authenticate(sig, "POST", path, body);
    if (!device.ok()) {
      reply = error_reply(device.status(), Endpoint::kAuthentication);
    } else if (path == "/v1/sync") {
      auto answer = server_.service().sync(*device, body);
      reply = answer.ok() ? HttpReply{200, answer->dump(), "", ""} : error_reply(answer.status(), Endpoint::kSync);
    } else {
      auto answer = server_.service().device_list(*device, body);
      reply = answer.ok() ? HttpReply{200, answer->dump(), "", ""} : error_reply(answer.status(), Endpoint::kDeviceList);
    }
  } else {
    reply = HttpReply{404, "{}", "", ""};
  }
  reply.server_time = std::to_string(server_.service().now());
  if (tamper_reply) tamper_reply(reply.body);
  received_ += reply.body.size();
  return reply;
}

Result<HttpReply> InProcessTransport::get(const std::string& path) {
  if (offline) return Status::Unavailable("network is down");
  if (path == "/v1/info") return HttpReply{200, server_.service().info().dump(), "", ""};
  return HttpReply{404, "{}", "", ""};
}

std::unique_ptr<ClientDevice> enrolled(InProcessServer& server, InProcessTransport& transport,
                                       const std::string& person, const std::string& role) {
  auto d = std::make_unique<ClientDevice>(transport);
  REQUIRE(d->enroll(server.code_for(person, role)).ok());
  return d;
}

}  // namespace nastavnik::testing
