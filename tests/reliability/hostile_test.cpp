// Hostile input at the protocol level (issue 5, item 3): what tests/integration and
// tests/syncserver do not already cover. Each input is refused with its documented error
// (docs/PROTOCOL.md §8.5-8.6) and changes nothing.
//  - through the real nastavnik-server over HTTP: truncated request bodies (cut at every
//    part, and a Content-Length the client never sends), old and future protocol versions
//    of the request and of a changeset, a changeset signed with the wrong key, a request
//    signed with the wrong key or far from the server's clock, a replayed request, ops
//    stamped far in the future (hand-made, and from a laptop whose clock is a day ahead);
//  - on the client: a forged receipt, a receipt altered after signing, and an answer that
//    belongs to another request or another device.
// Path tricks in file names are in hostile_paths_test.cpp.

#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>

#include "client/sync/http_transport.h"
#include "shared/domain/schema.h"
#include "shared/ops/changeset.h"
#include "shared/protocol/request_auth.h"
#include "shared/protocol/signed_document.h"
#include "shared/protocol/sync_messages.h"
#include "tests/integration/server_fixture.h"
#include "tests/reliability/db_query.h"
#include "tests/support/client_device.h"
#include "tests/support/demo_people.h"
#include "tests/support/in_process_server.h"
#include "tests/support/wall_clock.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;

namespace {

constexpr uint64_t kDayMs = 24ULL * 3600 * 1000;

// A device enrolled with the real server, with its own replica (not synced).
struct Laptop {
  std::unique_ptr<HttpTransport> transport;
  std::unique_ptr<ClientDevice> device;
  Laptop(ServerFixture& fx, const std::string& person, const std::string& role) {
    transport = HttpTransport::connect(fx.url(), {2, 10, true, ""}).value();
    device = std::make_unique<ClientDevice>(*transport);
    REQUIRE(device->enroll(fx.code_for(person, role)).ok());
  }
  const crypto::KeyPair& key() const { return device->key(); }
};

Op session_op(const std::string& device, const std::string& author, uint64_t ms, const std::string& topic) {
  Op op;
  op.entity = "mentoring_session";
  static int n = 0;
  char id[64];
  std::snprintf(id, sizeof id, "0190a000-0000-7000-8000-%012x", 0x100 + n++);
  op.id = id;
  op.hlc = Hlc{ms, 0, device};
  op.author = author;
  op.fields = {{"mentor_id", author}, {"pair_id", demo::kPair1}, {"date", "2026-11-20"}, {"format", "online"},
               {"stage", "theory"},   {"topic", topic},          {"created_by", author}};
  return op;
}

SealedChangeset changeset(const crypto::KeyPair& signer, const std::string& device, uint64_t seq,
                          const std::string& prev, std::vector<Op> ops, int format = kChangesetFormatVersion,
                          int protocol = kProtocolVersion, int schema = kDomainSchemaVersion) {
  Changeset cs;
  cs.header.format = format;
  cs.header.protocol = protocol;
  cs.header.schema = schema;
  cs.header.device = device;
  cs.header.seq = seq;
  cs.header.prev = prev;
  cs.header.created_ms = system_wall_clock_ms();
  cs.ops = std::move(ops);
  return ChangesetCodec::seal(cs, signer.secret_key);
}

std::string sync_body(const std::vector<SealedChangeset>& changesets, int protocol = kProtocolVersion) {
  wire::SyncRequest request;
  request.protocol = protocol;
  request.schema = kDomainSchemaVersion;
  request.changesets = changesets;
  return wire::encode_sync_request(request);
}

httplib::Headers signed_headers(const crypto::KeyPair& key, const std::string& body, uint64_t time_ms,
                                const std::string& device = "") {
  const auto sig = wire::sign_request(key, "POST", "/v1/sync", time_ms, body);
  return {{wire::kDeviceHeader, device.empty() ? sig.device : device},
          {wire::kTimeHeader, std::to_string(sig.time_ms)},
          {wire::kSignatureHeader, sig.signature_b64}};
}

httplib::Result post_sync(const std::string& url, const crypto::KeyPair& key, const std::string& body,
                          uint64_t time_ms = system_wall_clock_ms(), const std::string& device = "") {
  httplib::Client client(url);
  client.set_read_timeout(20, 0);
  return client.Post("/v1/sync", signed_headers(key, body, time_ms, device), body, wire::kSyncContentType);
}

std::string error_code(const httplib::Result& res) {
  auto j = json::parse(res->body, nullptr, false);
  return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
}

// The receipt of a 200 answer (signature not checked here: the server's own answer).
wire::Receipt receipt_of(const httplib::Result& res) {
  REQUIRE(res);
  INFO(res->body.substr(0, 400));
  REQUIRE(res->status == 200);
  const json answer = json::parse(res->body);
  return wire::receipt_from_json(json::parse(answer["receipt"]["body"].get<std::string>())).value();
}

int64_t device_changesets(ServerFixture& fx, const std::string& device) {
  return std::stoll(
      query(fx.store_address(), "SELECT COUNT(*) FROM changesets WHERE device_id = '" + device + "'")
          .at(0)
          .at(0));
}

}  // namespace

TEST_CASE(
    "hostile requests to the real server: truncated, wrong versions, wrong keys, replays, future stamps",
    "[reliability][hostile][http]") {
  ServerFixture fx;
  Laptop tutor(fx, demo::kTutor1, "tutor");
  const std::string me = tutor.key().id();
  const int64_t before = fx.ops();
  const SealedChangeset good =
      changeset(tutor.key(), me, 1, kGenesisHash,
                {session_op(me, demo::kTutor1, system_wall_clock_ms(), "Настоящая запись")});
  const std::string body = sync_body({good});

  // Truncated bodies: cut inside the magic, the length, the header, the frame's payload and
  // its signature. Each is a 400 naming the problem; none is partly applied.
  const size_t header_len = (static_cast<uint8_t>(body[6]) << 8) | static_cast<uint8_t>(body[7]);
  for (size_t cut : {size_t{3}, size_t{6}, 8 + header_len / 2, 8 + header_len + 20,
                     body.size() / 2 + header_len / 2, body.size() - 10}) {
    INFO("body of " << body.size() << " bytes cut to " << cut);
    auto res = post_sync(fx.url(), tutor.key(), body.substr(0, cut));
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(error_code(res) == "bad_request");
    CHECK(json::parse(res->body)["error"].value("message", "") != "");
  }
  // A body shorter than its Content-Length: the client stops sending and half-closes.
  {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(fx.server().port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    std::string request =
        "POST /v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + std::string(wire::kSyncContentType) +
        "\r\n";
    for (const auto& [k, v] : signed_headers(tutor.key(), body, system_wall_clock_ms()))
      request += k + ": " + v + "\r\n";
    request +=
        "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, body.size() - 30);
    REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
    ::shutdown(fd, SHUT_WR);
    // The server must answer 4xx, and soon: an empty answer or a hang fails.
    std::string answer;
    char buf[4096];
    const auto start = std::chrono::steady_clock::now();
    pollfd p{fd, POLLIN, 0};
    while (::poll(&p, 1, 5'000) > 0) {  // bounded: the server answers or closes
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      answer.append(buf, static_cast<size_t>(n));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ::close(fd);
    INFO(answer);
    CHECK(answer.starts_with("HTTP/1.1 400"));
    CHECK_THAT(answer, Catch::Contains("bad_request"));
    CHECK(seconds < 5.0);
  }
  CHECK(fx.ops() == before);
  CHECK(device_changesets(fx, me) == 0);

  // Old and future protocol versions of the request: 426 with an upgrade message.
  for (int proto : {0, kProtocolVersion + 1}) {
    INFO("request proto " << proto);
    auto res = post_sync(fx.url(), tutor.key(), sync_body({good}, proto));
    REQUIRE(res);
    CHECK(res->status == 426);
    CHECK(error_code(res) == "protocol_version");
  }
  // Changesets of a future format, protocol or domain schema: refused in the receipt, the
  // chain does not advance.
  for (auto [fmt, proto, schema] :
       {std::tuple{kChangesetFormatVersion + 1, kProtocolVersion, kDomainSchemaVersion},
        std::tuple{kChangesetFormatVersion, kProtocolVersion + 1, kDomainSchemaVersion},
        std::tuple{kChangesetFormatVersion, 0, kDomainSchemaVersion},
        std::tuple{kChangesetFormatVersion, kProtocolVersion, kDomainSchemaVersion + 1}}) {
    INFO("changeset fmt " << fmt << " proto " << proto << " schema " << schema);
    const auto cs =
        changeset(tutor.key(), me, 1, kGenesisHash,
                  {session_op(me, demo::kTutor1, system_wall_clock_ms(), "Версия")}, fmt, proto, schema);
    const auto receipt = receipt_of(post_sync(fx.url(), tutor.key(), sync_body({cs})));
    REQUIRE(receipt.results.size() == 1);
    CHECK(receipt.results[0].outcome == wire::ChangesetOutcome::kRejected);
    CHECK(receipt.results[0].code == "protocol_version");
    CHECK_THAT(receipt.results[0].message, Catch::Contains("update"));
  }
  CHECK(fx.ops() == before);
  CHECK(device_changesets(fx, me) == 0);

  // Wrong keys: a changeset in the tutor's name signed by another key, a request in the
  // tutor's name signed by another key, and a request signed 8 days ago.
  const auto impostor = crypto::KeyPair::generate();
  {
    const auto forged = changeset(impostor, me, 1, kGenesisHash,
                                  {session_op(me, demo::kTutor1, system_wall_clock_ms(), "Подделка")});
    const auto receipt = receipt_of(post_sync(fx.url(), tutor.key(), sync_body({forged})));
    CHECK(receipt.results.at(0).code == "bad_signature");
    auto res = post_sync(fx.url(), impostor, body, system_wall_clock_ms(), me);
    REQUIRE(res);
    CHECK(res->status == 401);
    CHECK(error_code(res) == "bad_signature");
    auto stale = post_sync(fx.url(), tutor.key(), body, system_wall_clock_ms() - 8 * kDayMs);
    REQUIRE(stale);
    CHECK(stale->status == 401);
    CHECK(error_code(stale) == "stale_request");
    CHECK_THAT(stale->body, Catch::Contains("clock"));
    // Six minutes off is outside the window too; four minutes is inside it.
    auto six = post_sync(fx.url(), tutor.key(), body, system_wall_clock_ms() - 6 * 60'000);
    REQUIRE(six);
    CHECK(error_code(six) == "stale_request");
  }
  CHECK(fx.ops() == before);
  CHECK(device_changesets(fx, me) == 0);

  // The good changeset, signed four minutes ago (inside the window): accepted. The very same
  // signed request captured and replayed byte for byte: refused, and it changes nothing,
  // not even the device's "last seen". The same body signed anew (a device resending after
  // a lost answer): acknowledged as a duplicate, applied once.
  const auto headers = signed_headers(tutor.key(), body, system_wall_clock_ms() - 4 * 60'000);
  {
    httplib::Client client(fx.url());
    const auto receipt = receipt_of(client.Post("/v1/sync", headers, body, wire::kSyncContentType));
    CHECK(receipt.results.at(0).outcome == wire::ChangesetOutcome::kAccepted);
    CHECK(fx.ops() == before + 1);
  }
  const auto last_seen = [&] {
    return query(fx.store_address(), "SELECT last_seen_ms FROM devices WHERE device_id = '" + me + "'").at(0).at(0);
  };
  const std::string seen_before_replay = last_seen();
  {
    httplib::Client client(fx.url());
    auto replayed = client.Post("/v1/sync", headers, body, wire::kSyncContentType);
    REQUIRE(replayed);
    CHECK(replayed->status == 401);
    CHECK(error_code(replayed) == "replayed_request");
    CHECK(fx.ops() == before + 1);
    CHECK(last_seen() == seen_before_replay);
  }
  {
    const auto receipt = receipt_of(post_sync(fx.url(), tutor.key(), body));
    CHECK(receipt.results.at(0).outcome == wire::ChangesetOutcome::kDuplicate);
    CHECK(fx.ops() == before + 1);
  }

  // An op stamped a day ahead of the server's clock, next to a good one: only it is refused.
  const Op future = session_op(me, demo::kTutor1, system_wall_clock_ms() + kDayMs, "Из завтрашнего дня");
  const Op today = session_op(me, demo::kTutor1, system_wall_clock_ms(), "Сегодня");
  const auto second = changeset(tutor.key(), me, 2, good.hash(), {today, future});
  const auto receipt = receipt_of(post_sync(fx.url(), tutor.key(), sync_body({second})));
  REQUIRE(receipt.results.size() == 1);
  CHECK(receipt.results[0].outcome == wire::ChangesetOutcome::kAccepted);
  REQUIRE(receipt.results[0].rejected_ops.size() == 1);
  CHECK(receipt.results[0].rejected_ops[0].hlc == future.hlc.str());
  CHECK(receipt.results[0].rejected_ops[0].code == "clock_ahead");
  CHECK(fx.ops() == before + 2);
  CHECK(query(fx.store_address(), "SELECT COUNT(*) FROM records WHERE id = '" + future.id + "'").at(0).at(0) ==
        "0");
}

TEST_CASE("a laptop whose clock is a day ahead: its op is refused, re-stamped by the server's time, and the user is told",
          "[reliability][hostile][http]") {
  ServerFixture fx;
  ManualClock ahead(system_wall_clock_ms() + kDayMs);
  auto transport = HttpTransport::connect(fx.url(), {2, 10, true, ""}).value();
  TempDir dir;
  const auto key = crypto::KeyPair::generate();
  auto store = LocalStore::create(dir / "replica.db", key.id(), {ahead.fn()}).value();
  REQUIRE(enroll_device(*store, key, *transport, fx.url(), fx.code_for(demo::kTutor1, "tutor"), "x").ok());
  const int64_t before = fx.ops();
  auto id = store->create_record("mentoring_session", {{"pair_id", demo::kPair1},
                                                       {"mentor_id", demo::kTutor1},
                                                       {"date", "2026-11-20"},
                                                       {"format", "online"},
                                                       {"stage", "theory"},
                                                       {"topic", "Часы спешат"}});
  REQUIRE(id.ok());
  SyncEngine engine(*store, key, *transport, {}, [](uint64_t) {});
  auto summary = engine.run();
  REQUIRE(summary.ok());
  // Refused as stamped ahead; the answer's server time showed the clock ahead, so the op was
  // stamped again from the server's time and sent again in the same sync.
  CHECK(summary->restamped == 1);
  CHECK(summary->rejected.empty());
  CHECK(store->rejections(false)->empty());
  CHECK(store->reader().get(*id)->data.value("topic", "") == "Часы спешат");
  CHECK(fx.ops() == before + 1);
}

TEST_CASE("the client refuses a forged, altered or misdirected receipt and applies nothing",
          "[reliability][hostile][client]") {
  InProcessServer server;
  InProcessTransport transport(server);
  ClientDevice tutor(transport);
  REQUIRE(tutor.enroll(server.code_for(demo::kTutor1, "tutor")).ok());
  ClientDevice teacher(transport);
  REQUIRE(teacher.enroll(server.code_for(demo::kTeacher1, "teacher")).ok());
  tutor.add_session(demo::kPair1, "Тема", demo::kTeacher1);
  REQUIRE(tutor.store().seal_pending(tutor.key(), 1000).ok());
  const int64_t before = server.op_count();
  const auto impostor = crypto::KeyPair::generate();

  auto refused = [&](const std::string& what, std::function<void(std::string&)> tamper) {
    INFO(what);
    const int64_t unacked = tutor.store().outbox().pending()->unacked_changesets;
    transport.tamper_reply = std::move(tamper);
    auto result = tutor.sync();
    transport.tamper_reply = nullptr;
    CHECK(result.status().code() == StatusCode::kUnauthenticated);
    CHECK(tutor.store().outbox().pending()->unacked_changesets == unacked);  // not marked as delivered
    CHECK(tutor.count("pair") == 0);                                         // nothing pulled was applied
  };
  std::string earlier;  // the genuine answer to the first request
  refused("a receipt signed by another key, claiming every changeset accepted", [&](std::string& body) {
    earlier = body;
    auto j = json::parse(body);
    auto receipt = json::parse(j["receipt"]["body"].get<std::string>());
    for (auto& r : receipt["results"]) r["status"] = "accepted";
    j["receipt"] = wire::sign_document(wire::kReceiptContext, receipt, impostor);
    body = j.dump();
  });
  refused("a receipt altered after the server signed it", [&](std::string& body) {
    auto j = json::parse(body);
    auto receipt = json::parse(j["receipt"]["body"].get<std::string>());
    receipt["time"] = receipt["time"].get<uint64_t>() + 1;
    j["receipt"]["body"] = receipt.dump();
    body = j.dump();
  });
  refused("a page signed with the receipt's context", [&](std::string& body) {
    auto j = json::parse(body);
    j["page"] = j["receipt"];
    body = j.dump();
  });

  // Genuine answers of the server, but to another request: the teacher's, and (once the
  // tutor has written more, so its request differs) the tutor's first one.
  std::string teachers_answer;
  transport.tamper_reply = [&](std::string& body) { teachers_answer = body; };
  REQUIRE(teacher.sync().ok());
  refused("the server's signed answer to another device's request",
          [&](std::string& body) { body = teachers_answer; });
  tutor.add_session(demo::kPair1, "Вторая тема", demo::kTeacher1);
  REQUIRE(tutor.store().seal_pending(tutor.key(), 1000).ok());
  refused("the server's signed answer to an earlier request, replayed",
          [&](std::string& body) { body = earlier; });

  CHECK(server.op_count() - before <= 2);  // the changesets themselves did reach the server
  auto clean = tutor.sync();
  REQUIRE(clean.ok());
  CHECK(tutor.store().outbox().pending()->unacked_changesets == 0);
  CHECK(tutor.count("pair") == 1);
  CHECK(server.op_count() == before + 2);  // once each, however often they were sent
}
