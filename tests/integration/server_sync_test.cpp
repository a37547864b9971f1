// Sync against the real nastavnik-server process over real HTTP on 127.0.0.1.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "client/sync/device_list_client.h"
#include "client/sync/http_transport.h"
#include "client/sync/sync_engine.h"
#include "shared/crypto/sodium.h"
#include "shared/domain/schema.h"
#include "shared/ops/changeset.h"
#include "shared/protocol/device_list.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/sync_messages.h"
#include "tests/integration/server_fixture.h"
#include "tests/support/client_device.h"
#include "tests/support/demo_people.h"
#include "tests/support/fault_proxy.h"
#include "tests/support/forwarding_transport.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;

namespace {

struct Laptop {
  std::unique_ptr<HttpTransport> transport;
  std::unique_ptr<ClientDevice> device;

  Laptop(ServerFixture& fx, const std::string& url, const std::string& person, const std::string& role) {
    auto t = HttpTransport::connect(url, {2, 10, true, ""});
    REQUIRE(t.ok());
    transport = std::move(t).value();
    device = std::make_unique<ClientDevice>(*transport);
    auto enrolled = device->enroll(fx.code_for(person, role));
    INFO(enrolled.status().to_string());
    REQUIRE(enrolled.ok());
  }
  ClientDevice* operator->() { return device.get(); }
};

// A signed POST /v1/sync with a hand-made body, for hostile input.
httplib::Result raw_sync(const std::string& url, const crypto::KeyPair& key, const std::string& body) {
  httplib::Client client(url);
  const auto sig = wire::sign_request(key, "POST", "/v1/sync", system_wall_clock_ms(), body);
  return client.Post("/v1/sync",
                     {{wire::kDeviceHeader, sig.device}, {wire::kTimeHeader, std::to_string(sig.time_ms)},
                      {wire::kSignatureHeader, sig.signature_b64}},
                     body, wire::kSyncContentType);
}

// Sends raw bytes to 127.0.0.1:port and returns what comes back within 5 s.
std::string raw_exchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) {
      answer.append(buf, static_cast<size_t>(n));
      if (answer.find("\r\n\r\n") != std::string::npos && answer.find('}') != std::string::npos) break;
    }
  }
  ::close(fd);
  return answer;
}

std::string error_code(const httplib::Result& res) {
  auto j = json::parse(res->body, nullptr, false);
  return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
}

std::set<std::string> ids_of(ClientDevice& d, const std::string& entity) {
  RecordQuery q;
  q.entity = entity;
  q.limit = 0;
  std::set<std::string> out;
  auto rows = d.store().reader().list(q);
  REQUIRE(rows.ok());
  for (const auto& r : *rows) out.insert(r.id);
  return out;
}

}  // namespace

TEST_CASE("three roles record offline, sync in several orders and converge within their scopes",
          "[integration][sync]") {
  const std::vector<std::vector<int>> orders = {{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}};
  for (const auto& order : orders) {
    ServerFixture fx;
    std::vector<std::unique_ptr<Laptop>> laptops;
    laptops.push_back(std::make_unique<Laptop>(fx, fx.url(), demo::kTeacher1, "teacher"));
    laptops.push_back(std::make_unique<Laptop>(fx, fx.url(), demo::kTutor1, "tutor"));
    laptops.push_back(std::make_unique<Laptop>(fx, fx.url(), demo::kMethodologist, "methodologist"));
    laptops.push_back(std::make_unique<Laptop>(fx, fx.url(), demo::kTutor2, "tutor"));
    auto& teacher = *laptops[0];
    auto& tutor = *laptops[1];
    auto& methodologist = *laptops[2];
    auto& other_tutor = *laptops[3];
    const std::string s1 = tutor->add_session(demo::kPair1, "Пара 1: «смысловое чтение» — №1", demo::kTeacher1);
    const std::string s2 = other_tutor->add_session(demo::kPair2, "Пара 2: открытый урок", demo::kTeacher2);
    const std::string s3 = methodologist->add_session(demo::kPair1, "Консультация методиста");
    auto sa = teacher->store().create_record(
        "self_assessment", {{"instrument_id", "teacher_deficits"}, {"instrument_version", 2}, {"person_id", demo::kTeacher1},
                            {"date", "2026-11-01"}, {"answers", {{"modern_lesson_1", 1}}}, {"deficits", {"modern_lesson"}}});
    REQUIRE(sa.ok());
    for (int round = 0; round < 2; ++round)
      for (int i : order) {
        auto r = (*laptops[i])->sync();
        INFO("laptop " << i << ": " << r.status().to_string());
        REQUIRE(r.ok());
        CHECK(r->rejected.empty());
      }
    for (const std::string& id : {s1, s2, s3, *sa}) CHECK(methodologist->store().reader().get(id).ok());
    CHECK(ids_of(*teacher.device, "mentoring_session") == std::set<std::string>{s1, s3});
    CHECK(ids_of(*tutor.device, "mentoring_session") == std::set<std::string>{s1, s3});
    CHECK(ids_of(*other_tutor.device, "mentoring_session") == std::set<std::string>{s2});
    CHECK(tutor->store().reader().get(*sa).ok());            // a mentee's self-assessment
    CHECK_FALSE(other_tutor->store().reader().get(*sa).ok());  // not theirs to see
    CHECK(teacher->count("pair") == 1);
    CHECK(methodologist->count("pair") == 5);
    for (const std::string& id : {s1, s3})
      CHECK(teacher->store().reader().get(id)->data == methodologist->store().reader().get(id)->data);
  }
}

TEST_CASE("hostile requests get their documented errors and change nothing", "[integration][hostile]") {
  ServerFixture fx;
  Laptop tutor(fx, fx.url(), demo::kTutor1, "tutor");
  REQUIRE(tutor->sync().ok());
  const int64_t before = fx.ops();
  httplib::Client client(fx.url());

  SECTION("oversized body: 413, refused before the body is read") {
    const std::string answer = raw_exchange(
        fx.server().port(), "POST /v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " +
                                std::string(wire::kSyncContentType) + "\r\nContent-Length: 104857600\r\n\r\n");
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 413"));
    CHECK_THAT(answer, Catch::Contains("payload_too_large"));
  }
  SECTION("malformed JSON: 400") {
    auto res = client.Post("/v1/enroll", "{not json", "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(error_code(res) == "bad_request");
  }
  SECTION("malformed sync encoding: 400") {
    auto res = raw_sync(fx.url(), tutor->key(), "NSY1 garbage");
    REQUIRE(res);
    CHECK(res->status == 400);
  }
  SECTION("unknown device: 401") {
    const auto stranger = crypto::KeyPair::generate();
    auto res = raw_sync(fx.url(), stranger, wire::encode_sync_request({}));
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK(error_code(res) == "unknown_device");
  }
  SECTION("wrong protocol version: 426 with an upgrade message") {
    wire::SyncRequest request;
    request.protocol = 7;
    auto res = raw_sync(fx.url(), tutor->key(), wire::encode_sync_request(request));
    REQUIRE(res);
    CHECK(res->status == 426);
    CHECK_THAT(res->body, Catch::Contains("update"));
  }
  SECTION("tampered changeset: refused in the receipt") {
    tutor->add_session(demo::kPair1, "Тема");
    auto entry = tutor->store().seal_pending(tutor->key(), 100).value().value();
    auto frames = ChangesetCodec::unframe(entry.frame).value();
    const size_t at = frames[0].payload.find("Тема");
    REQUIRE(at != std::string::npos);
    frames[0].payload[at + 1] ^= 0x01;  // still valid JSON and UTF-8, no longer what was signed
    wire::SyncRequest request;
    request.changesets = frames;
    auto res = raw_sync(fx.url(), tutor->key(), wire::encode_sync_request(request));
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK_THAT(res->body, Catch::Contains("bad_signature"));
  }
  SECTION("revoked device: 403, and the client keeps its records") {
    const std::string id = tutor->add_session(demo::kPair1, "После отзыва");
    fx.admin({"revoke", tutor->key().id()});
    auto result = tutor->sync();
    CHECK(result.status().code() == StatusCode::kPermissionDenied);
    CHECK(tutor->store().reader().get(id).ok());
  }
  CHECK(fx.ops() == before);
}

TEST_CASE("enrollment codes are one-time", "[integration][hostile]") {
  ServerFixture fx;
  const std::string code = fx.code_for(demo::kTeacher1, "teacher");
  httplib::Client client(fx.url());
  const auto key = crypto::KeyPair::generate();
  const json body = {{"code", code}, {"public_key", crypto::to_hex(key.public_key)}, {"name", "x"}};
  auto first = client.Post("/v1/enroll", body.dump(), "application/json");
  REQUIRE(first);
  CHECK(first->status == 200);
  const auto other = crypto::KeyPair::generate();
  const json again = {{"code", code}, {"public_key", crypto::to_hex(other.public_key)}, {"name", "y"}};
  auto second = client.Post("/v1/enroll", again.dump(), "application/json");
  REQUIRE(second);
  CHECK(second->status == 403);
  CHECK(error_code(second) == "invalid_enrollment_code");
}

TEST_CASE("the server killed mid-ingest loses nothing acknowledged and applies nothing twice",
          "[integration][crash]") {
  ServerFixture fx;
  Laptop methodologist(fx, fx.url(), demo::kMethodologist, "methodologist");
  REQUIRE(methodologist->sync().ok());
  const int64_t registry_ops = fx.ops();
  constexpr int kSessions = 400;
  for (int i = 0; i < kSessions; ++i) methodologist->add_session(demo::kPair1, "Занятие " + std::to_string(i));
  SyncSettings small;
  small.max_ops_per_changeset = 10;
  small.max_request_bytes = 4000;
  small.max_attempts = 1;
  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    fx.server().kill_hard();
  });
  auto interrupted = methodologist->sync(small);
  killer.join();
  // Sealed and acknowledged: neither still unsealed nor in a changeset awaiting its receipt.
  const auto left = methodologist->store().outbox().pending();
  REQUIRE(left.ok());
  const int64_t acked_before_restart = (kSessions - left->unsealed_ops - left->ops_in_unacked) / 10;
  fx.server().restart();
  CHECK(fx.stats().value("changesets", int64_t{0}) >= acked_before_restart);  // every acknowledged one is there
  auto resumed = methodologist->sync(small);
  INFO(resumed.status().to_string());
  REQUIRE(resumed.ok());
  CHECK(methodologist->store().outbox().pending()->unacked_changesets == 0);
  CHECK(fx.ops() == registry_ops + kSessions);  // each op exactly once
  CHECK(fx.stats().value("changesets", int64_t{0}) == kSessions / 10 + 1);  // + the signed registry import
  INFO("the first run " << (interrupted.ok() ? "finished before the kill" : interrupted.status().to_string()));
}

TEST_CASE("a connection cut mid-response: the next sync resumes, nothing lost or duplicated",
          "[integration][faults]") {
  ServerFixture fx;
  FaultProxy proxy(fx.server().port());
  Laptop tutor(fx, "http://127.0.0.1:" + std::to_string(proxy.port()), demo::kTutor1, "tutor");
  const int64_t before = fx.ops();
  for (int i = 0; i < 20; ++i) tutor->add_session(demo::kPair1, "Занятие " + std::to_string(i), demo::kTeacher1);
  SyncSettings once;
  once.max_attempts = 1;
  FaultPlan cut_answer;
  cut_answer.cut_after_response_bytes = 300;  // the answer is cut after 300 bytes
  proxy.set_plan(cut_answer);
  auto cut = tutor->sync(once);
  CHECK(cut.status().code() == StatusCode::kUnavailable);
  CHECK(proxy.cuts() == 1);
  CHECK(tutor->store().outbox().pending()->unacked_changesets == 1);  // the receipt never arrived
  auto resumed = tutor->sync(once);
  INFO(resumed.status().to_string());
  REQUIRE(resumed.ok());
  CHECK(tutor->store().outbox().pending()->unacked_changesets == 0);
  CHECK(fx.ops() == before + 20);  // the resent changeset was recognised, not applied twice
  CHECK(tutor->count("mentoring_session") == 20);
}

// --- POST /v1/devices: the municipality's device list (docs/PROTOCOL.md §8.8)

namespace {

// A signed POST /v1/devices with a hand-made body.
httplib::Result raw_device_list(const std::string& url, const crypto::KeyPair& key, const std::string& body) {
  httplib::Client client(url);
  const auto sig = wire::sign_request(key, "POST", wire::kDeviceListPath, system_wall_clock_ms(), body);
  return client.Post(wire::kDeviceListPath,
                     {{wire::kDeviceHeader, sig.device}, {wire::kTimeHeader, std::to_string(sig.time_ms)},
                      {wire::kSignatureHeader, sig.signature_b64}},
                     body, "application/json");
}

std::string list_request(int proto = 1) {
  return wire::encode_device_list_request({proto, "0123456789abcdef0123456789abcdef"});
}

// The verified list, or the test fails with the reason.
wire::DeviceList fetch_ok(Laptop& laptop) {
  DeviceListFetch fetched = fetch_device_list(laptop->store(), laptop->key(), *laptop.transport);
  if (const auto* failure = std::get_if<DeviceListFailure>(&fetched)) {
    INFO(device_list_problem_id(failure->problem) << ": " << failure->status.to_string());
    FAIL("no device list");
  }
  return std::get<wire::DeviceList>(std::move(fetched));
}

DeviceListProblem problem_of(const DeviceListFetch& fetched) {
  const auto* failure = std::get_if<DeviceListFailure>(&fetched);
  REQUIRE(failure != nullptr);
  INFO(failure->status.to_string());
  return failure->problem;
}

const wire::DeviceListEntry& entry_of(const wire::DeviceList& list, const std::string& device) {
  for (const auto& d : list.devices)
    if (d.device == device) return d;
  FAIL("device " << device << " is not in the list");
  throw std::logic_error("unreachable");
}

// Hands requests to a real transport and lets the test rewrite the answer body.
class TamperingTransport : public ForwardingTransport {
 public:
  explicit TamperingTransport(SyncTransport& inner) : ForwardingTransport(inner) {}
  std::function<void(std::string& body)> tamper;
  Result<HttpReply> post(const std::string& path, const std::string& type, const std::string& body,
                         const HttpHeaders& headers) override {
    auto reply = inner_.post(path, type, body, headers);
    if (reply.ok() && tamper) tamper(reply->body);
    return reply;
  }
};

}  // namespace

TEST_CASE("a methodologist's device gets the signed device list; a revocation shows in it",
          "[integration][devices]") {
  ServerFixture fx;
  Laptop methodologist(fx, fx.url(), demo::kMethodologist, "methodologist");
  Laptop teacher(fx, fx.url(), demo::kTeacher1, "teacher");
  Laptop tutor(fx, fx.url(), demo::kTutor1, "tutor");
  REQUIRE(tutor->sync().ok());

  const wire::DeviceList list = fetch_ok(methodologist);
  CHECK(list.requester == methodologist->key().id());
  CHECK(list.devices.size() == 3);
  const auto& t = entry_of(list, tutor->key().id());
  CHECK(t.person == demo::kTutor1);
  CHECK(t.person_name == "Грамотеева Ирина Михайловна");
  CHECK(t.roles == std::vector<std::string>{"tutor"});
  CHECK_FALSE(t.revoked);
  CHECK(t.enrolled_ms > 0);
  CHECK(t.last_seen_ms >= t.enrolled_ms);  // its sync
  const auto& te = entry_of(list, teacher->key().id());
  CHECK(te.roles == std::vector<std::string>{"teacher"});
  CHECK(te.last_seen_ms == te.enrolled_ms);  // never synced: the server counts enrollment as seen
  CHECK(entry_of(list, methodologist->key().id()).roles == std::vector<std::string>{"methodologist"});

  // The same devices, people and statuses as the operator's `devices --json`.
  const json cli = json::parse(fx.admin({"devices", "--json"}).out);
  REQUIRE(cli.size() == list.devices.size());
  for (const auto& row : cli) {
    const auto& d = entry_of(list, row["id"].get<std::string>());
    CHECK(row["person"] == d.person_name);
    CHECK(row["status"] == (d.revoked ? "revoked" : "active"));
  }

  fx.admin({"revoke", teacher->key().id()});
  const wire::DeviceList after = fetch_ok(methodologist);
  CHECK(after.devices.size() == 3);
  CHECK(entry_of(after, teacher->key().id()).revoked);
  CHECK(entry_of(after, teacher->key().id()).revoked_ms > 0);
  CHECK_FALSE(entry_of(after, tutor->key().id()).revoked);
  CHECK_FALSE(entry_of(after, methodologist->key().id()).revoked);
}

TEST_CASE("the device list is refused to other roles, unknown and revoked devices, and bad requests",
          "[integration][devices][hostile]") {
  ServerFixture fx;
  Laptop methodologist(fx, fx.url(), demo::kMethodologist, "methodologist");
  Laptop teacher(fx, fx.url(), demo::kTeacher1, "teacher");

  SECTION("a teacher: 403 role_not_allowed") {
    auto res = raw_device_list(fx.url(), teacher->key(), list_request());
    REQUIRE(res);
    CHECK(res->status == 403);
    CHECK(error_code(res) == "role_not_allowed");
    CHECK_THAT(res->body, Catch::Contains("methodologist"));
    CHECK(problem_of(fetch_device_list(teacher->store(), teacher->key(), *teacher.transport)) ==
          DeviceListProblem::kNotMethodologist);
  }
  SECTION("an unknown device: 401 unknown_device") {
    const auto stranger = crypto::KeyPair::generate();
    auto res = raw_device_list(fx.url(), stranger, list_request());
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK(error_code(res) == "unknown_device");
  }
  SECTION("unsigned: 401 bad_signature") {
    httplib::Client client(fx.url());
    auto res = client.Post(wire::kDeviceListPath, list_request(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK(error_code(res) == "bad_signature");
  }
  SECTION("a revoked methodologist: 403 device_revoked, noted like a refused sync") {
    fx.admin({"revoke", methodologist->key().id()});
    auto res = raw_device_list(fx.url(), methodologist->key(), list_request());
    REQUIRE(res);
    CHECK(res->status == 403);
    CHECK(error_code(res) == "device_revoked");
    CHECK(problem_of(fetch_device_list(methodologist->store(), methodologist->key(), *methodologist.transport)) ==
          DeviceListProblem::kRevoked);
  }
  SECTION("a malformed body: 400; another protocol version: 426") {
    auto bad = raw_device_list(fx.url(), methodologist->key(), "{\"proto\":1}");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(error_code(bad) == "bad_request");
    auto newer = raw_device_list(fx.url(), methodologist->key(), list_request(7));
    REQUIRE(newer);
    CHECK(newer->status == 426);
    CHECK(error_code(newer) == "protocol_version");
  }
}

TEST_CASE("an altered, forged or replayed device list is refused by the client", "[integration][devices][hostile]") {
  ServerFixture fx;
  Laptop methodologist(fx, fx.url(), demo::kMethodologist, "methodologist");
  Laptop tutor(fx, fx.url(), demo::kTutor1, "tutor");
  TamperingTransport link(*methodologist.transport);
  auto fetch = [&] { return fetch_device_list(methodologist->store(), methodologist->key(), link); };

  SECTION("a device's status altered in transit") {
    link.tamper = [](std::string& body) {
      json answer = json::parse(body);
      std::string text = answer["device_list"]["body"];
      const size_t at = text.find("\"active\"");
      REQUIRE(at != std::string::npos);
      text.replace(at, 8, "\"revoked\"");
      answer["device_list"]["body"] = text;
      body = answer.dump();
    };
    CHECK(problem_of(fetch()) == DeviceListProblem::kForged);
  }
  SECTION("a list signed by another key") {
    const auto impostor = crypto::KeyPair::generate();
    link.tamper = [&](std::string& body) {
      json answer = json::parse(body);
      const json inner = json::parse(answer["device_list"]["body"].get<std::string>());
      answer["device_list"] = wire::sign_document(wire::kDeviceListContext, inner, impostor);
      body = answer.dump();
    };
    CHECK(problem_of(fetch()) == DeviceListProblem::kForged);
  }
  SECTION("an earlier answer replayed") {
    std::string recorded;
    link.tamper = [&](std::string& body) { recorded = body; };
    REQUIRE(std::holds_alternative<wire::DeviceList>(fetch()));
    link.tamper = [&](std::string& body) { body = recorded; };
    CHECK(problem_of(fetch()) == DeviceListProblem::kForged);
  }
  SECTION("a sync page offered as a device list") {
    link.tamper = [&](std::string& body) {
      const std::string page = raw_sync(fx.url(), methodologist->key(), wire::encode_sync_request({}))->body;
      body = json{{"server_time", 1}, {"device_list", json::parse(page)["page"]}}.dump();
    };
    CHECK(problem_of(fetch()) == DeviceListProblem::kForged);
  }
  SECTION("the untouched answer verifies") {
    CHECK(std::holds_alternative<wire::DeviceList>(fetch()));
  }
}

TEST_CASE("a push reports its upload as it leaves, not only when it is done", "[integration][sync][progress]") {
  ServerFixture fx;
  Laptop tutor(fx, fx.url(), demo::kTutor1, "tutor");
  // Notes of random words, so the compressed body stays large: several chunks of upload.
  std::mt19937 random(7);
  for (int i = 0; i < 400; ++i) {
    std::string notes;
    for (int w = 0; w < 300; ++w) notes += std::to_string(random()) + " ";
    const std::string id = tutor->add_session(demo::kPair1, "Встреча " + std::to_string(i));
    REQUIRE(tutor->store().update_record(id, {{"notes", notes}}).ok());
  }
  std::vector<SyncProgress> seen;
  SyncEngine engine(tutor->store(), tutor->key(), *tutor.transport);
  auto summary = engine.run([&](const SyncProgress& p) { seen.push_back(p); });
  REQUIRE(summary.ok());
  CHECK(summary->changesets_sent >= 1);
  // Within one request: the bytes handed to the network grow step by step to the body's size.
  std::map<uint64_t, std::vector<uint64_t>> sent_by_request;  // request size -> bytes sent as reported
  for (const auto& p : seen)
    if (p.request_bytes > 0) sent_by_request[p.request_bytes].push_back(p.request_bytes_sent);
  REQUIRE(!sent_by_request.empty());
  const auto& [total, steps] = *sent_by_request.rbegin();
  INFO("request of " << total << " bytes, " << steps.size() << " reports");
  CHECK(steps.size() >= 3);
  CHECK(std::is_sorted(steps.begin(), steps.end()));
  CHECK(steps.back() == total);
  CHECK(std::any_of(steps.begin(), steps.end(), [&](uint64_t s) { return s > 0 && s < total; }));
}

TEST_CASE("nastavnik-server compact beside the serving server: superseded ops go, devices keep syncing",
          "[integration][compaction]") {
  ServerFixture fx;
  Laptop methodologist(fx, fx.url(), demo::kMethodologist, "methodologist");
  const std::string session = methodologist->add_session(demo::kPair1, "Открытый урок", demo::kTeacher1);
  REQUIRE(methodologist->sync().ok());
  for (const char* topic : {"Открытый урок — №1", "Открытый урок — №2"}) {
    REQUIRE(methodologist->store().update_record(session, {{"topic", topic}}).ok());
    REQUIRE(methodologist->sync().ok());
  }
  REQUIRE(methodologist->sync().ok());  // the server learns its cursor from the request after
  const int64_t ops_before = fx.ops();

  const auto dry = nlohmann::json::parse(fx.admin({"compact", "--dry-run", "--json"}).out);
  CHECK(dry["dry_run"] == true);
  CHECK(dry["point"] == dry["feed_head"]);
  CHECK(dry["ops_removed"] == 0);
  CHECK(fx.ops() == ops_before);

  const auto done = nlohmann::json::parse(fx.admin({"compact", "--json"}).out);
  CHECK(done["ops_removed"] == 1);  // "№1": the first op still holds the other fields
  CHECK(fx.ops() == ops_before - 1);
  const auto text = fx.admin({"compact"});
  CHECK_THAT(text.out, Catch::Contains("compaction point") && Catch::Contains("removed            0 superseded ops"));
  const auto usage = fx.admin({"compact", "--inactive-days", "0"}, false);
  CHECK(usage.exit_code == 2);

  Laptop teacher(fx, fx.url(), demo::kTeacher1, "teacher");
  REQUIRE(teacher->sync().ok());
  CHECK(teacher->store().reader().get(session)->data["topic"] == "Открытый урок — №2");
  REQUIRE(methodologist->store().update_record(session, {{"notes", "после сжатия"}}).ok());
  REQUIRE(methodologist->sync().ok());
  REQUIRE(teacher->sync().ok());
  CHECK(teacher->store().reader().get(session)->data["notes"] == "после сжатия");
}

TEST_CASE("the signed changesets are exported as an archive that verifies on its own, and pruned from the store",
          "[integration][archive]") {
  ServerFixture fx;
  Laptop methodologist(fx, fx.url(), demo::kMethodologist, "methodologist");
  for (const char* topic : {"Семинар «Функциональная грамотность»", "Деловая игра — №2"}) {
    methodologist->add_session(demo::kPair1, topic);
    REQUIRE(methodologist->sync().ok());
  }
  const std::string archive = fx.store_path() + ".archive.jsonl";
  const auto exported = fx.admin({"archive", "export", "--out", archive});
  CHECK_THAT(exported.out, Catch::Contains("archived 3 changesets"));  // with the server's registry import
  CHECK(fx.admin({"archive", "export", "--out", archive}, false).exit_code == 1);  // never replaced

  // Each line is a changeset its device signed, in its chain, checkable without the server.
  std::ifstream in(archive);
  std::string line;
  REQUIRE(std::getline(in, line));
  CHECK(nlohmann::json::parse(line)["format"] == "nastavnik-changeset-archive");
  const auto device_key = methodologist->key().public_key;
  uint64_t seq = 0;
  std::string prev = kGenesisHash;
  int registry_imports = 0;
  while (std::getline(in, line)) {
    const auto entry = nlohmann::json::parse(line);
    if (entry["device"] != methodologist->key().id()) {  // the registry, signed by the server
      ++registry_imports;
      continue;
    }
    auto frame = crypto::from_base64(entry["frame"].get<std::string>());
    REQUIRE(frame.ok());
    auto sealed = ChangesetCodec::unframe(*frame);
    REQUIRE(sealed.ok());
    REQUIRE(sealed->size() == 1);
    CHECK(ChangesetCodec::verify(sealed->front(), device_key).ok());
    auto cs = ChangesetCodec::decode_payload(sealed->front().payload);
    REQUIRE(cs.ok());
    CHECK(ChangesetCodec::check_chain(cs->header, seq, prev).ok());
    CHECK(entry["hash"] == sealed->front().hash());
    seq = cs->header.seq;
    prev = sealed->front().hash();
  }
  CHECK(seq == 2);
  CHECK(registry_imports == 1);

  // A damaged archive prunes nothing.
  const std::string damaged = archive + ".damaged";
  {
    std::ifstream src(archive);
    std::ofstream dst(damaged);
    std::string text((std::istreambuf_iterator<char>(src)), std::istreambuf_iterator<char>());
    text.replace(text.rfind("\"frame\":\"") + 9, 4, "!!!!");
    dst << text;
  }
  const auto refused = fx.admin({"archive", "prune", "--archive", damaged, "--before", "2100-01-01"}, false);
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("damaged frame") && Catch::Contains("nothing was pruned"));
  CHECK(fx.admin({"archive", "prune", "--archive", archive, "--before", "2026-13-01"}, false).exit_code == 2);
  // Before a day before the changesets: nothing goes.
  CHECK_THAT(fx.admin({"archive", "prune", "--archive", archive, "--before", "2001-01-01"}).out,
             Catch::Contains("dropped the frames of 0 changesets"));
  CHECK_THAT(fx.admin({"archive", "prune", "--archive", archive, "--before", "2100-01-01"}).out,
             Catch::Contains("dropped the frames of 3 changesets"));
  const std::string again = archive + ".again";
  CHECK_THAT(fx.admin({"archive", "export", "--out", again}).out, Catch::Contains("archived 0 changesets"));

  // A device that sends an archived changeset again is still answered `duplicate`.
  const int64_t ops = fx.ops();
  REQUIRE(methodologist->store().mark_unacked_from(1).ok());
  auto resent = methodologist->sync();
  REQUIRE(resent.ok());
  CHECK(resent->refused_changesets.empty());
  CHECK(methodologist->store().outbox().unacked()->empty());
  CHECK(fx.ops() == ops);
}
