// Enrollment and sync through the model against an in-process server: the real protocol,
// signatures and stores, with the model's helper-thread transport in between.

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "tests/client/model_fixture.h"
#include "tests/support/client_device.h"
#include "tests/support/forwarding_transport.h"
#include "tests/support/in_process_server.h"
#include "shared/protocol/courier_bundle.h"
#include "syncserver/ingest/courier_desk.h"

#include <fstream>
#include <sstream>

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;

namespace {

constexpr const char* kUrl = "http://in-process";

// Hands the model's requests to a transport the test owns. With `hold` set, each request
// waits until the test releases it, so the test can act while a sync is in flight.
class TestTransport : public ForwardingTransport {
 public:
  struct Gate {
    std::mutex mu;
    std::condition_variable cv;
    bool hold = false;
    int waiting = 0;

    void close() {
      std::lock_guard lock(mu);
      hold = true;
    }
    // Returns once a request waits at the closed gate.
    void wait_for_request() {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return waiting > 0; });
    }
    void open() {
      {
        std::lock_guard lock(mu);
        hold = false;
      }
      cv.notify_all();
    }
  };
  TestTransport(SyncTransport& target, std::shared_ptr<Gate> gate) : ForwardingTransport(target), gate_(std::move(gate)) {}
  Result<HttpReply> post(const std::string& path, const std::string& type, const std::string& body,
                         const HttpHeaders& headers) override {
    {
      std::unique_lock lock(gate_->mu);
      ++gate_->waiting;
      gate_->cv.notify_all();
      gate_->cv.wait(lock, [&] { return !gate_->hold; });
      --gate_->waiting;
    }
    return inner_.post(path, type, body, headers);
  }

 private:
  std::shared_ptr<Gate> gate_;
};

struct World {
  InProcessServer server;
  InProcessTransport transport{server};
  std::shared_ptr<TestTransport::Gate> gate = std::make_shared<TestTransport::Gate>();
  TempDir dir;
  DataDir data_dir{dir / "data"};

  AppModelOptions options(bool auto_sync = false) {
    AppModelOptions o = model_options();
    o.auto_sync = auto_sync;
    o.device_name = "ноутбук тьютора";
    o.sync_settings.first_backoff_ms = 1;  // retries against an unreachable server are immediate
    o.transport_factory = [this](const std::string& url) -> Result<std::unique_ptr<SyncTransport>> {
      if (auto it = other_servers.find(url); it != other_servers.end()) {
        other_transports.push_back(std::make_unique<InProcessTransport>(*it->second));
        return std::unique_ptr<SyncTransport>(new TestTransport(*other_transports.back(), gate));
      }
      if (url != kUrl) return Status::InvalidArgument("unexpected server address " + url);
      return std::unique_ptr<SyncTransport>(new TestTransport(transport, gate));
    };
    return o;
  }
  // Other addresses the test serves: the same server under a new address, or another server.
  std::map<std::string, InProcessServer*> other_servers;
  std::vector<std::unique_ptr<InProcessTransport>> other_transports;

  std::unique_ptr<AppModel> create(bool auto_sync = false) {
    auto m = AppModel::create(data_dir, options(auto_sync));
    REQUIRE(m.ok());
    (*m)->wait_idle();
    return std::move(m).value();
  }
  std::unique_ptr<AppModel> open(bool auto_sync = false) {
    auto m = AppModel::open(data_dir, options(auto_sync));
    REQUIRE(m.ok());
    (*m)->wait_idle();
    return std::move(m).value();
  }
  void enroll(AppModel& model, const std::string& person, const std::string& role) {
    model.post(command::Enroll{kUrl, server.code_for(person, role), ""});
    model.wait_idle();
    REQUIRE(model.snapshot()->feedback.ok);
  }
};

// The model's snapshot once `ready` holds for it, or the last one after about 20 s.
std::shared_ptr<const AppSnapshot> snapshot_when(AppModel& model,
                                                 const std::function<bool(const AppSnapshot&)>& ready) {
  std::shared_ptr<const AppSnapshot> snap;
  for (int i = 0; i < 20'000; ++i) {
    snap = model.snapshot();
    if (ready(*snap)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return snap;
}

json tutor_session(const std::string& pair, const std::string& topic) {
  return {{"pair_id", pair},        {"mentor_id", demo::kTutor1}, {"mentees", {demo::kTeacher1}},
          {"date", "2027-01-12"},   {"format", "offline"},        {"stage", "trial_lessons"},
          {"topic", topic}};
}

}  // namespace

TEST_CASE("enroll, then sync: the registry arrives and the sync view says what happened", "[model][sync]") {
  World w;
  auto model = w.create();
  CHECK_FALSE(model->snapshot()->home.enrolled);

  model->post(command::StartSync{});
  model->wait_idle();
  CHECK_FALSE(model->snapshot()->feedback.ok);
  CHECK(model->snapshot()->feedback.message.key == msg::kSyncNotEnrolled);

  w.enroll(*model, demo::kTutor1, "tutor");
  auto snap = model->snapshot();
  CHECK(snap->feedback.form == "enroll");
  CHECK(snap->home.enrolled);
  CHECK(snap->home.server_url == kUrl);
  CHECK(snap->home.me.id == demo::kTutor1);
  CHECK(snap->home.me.name == "Грамотеева Ирина Михайловна");  // told by the server before any pull
  CHECK(snap->home.last_sync_ms == 0);
  CHECK(snap->pairs.empty());

  model->post(command::SaveRecord{"mentoring_session", "", tutor_session(demo::kPair1, "Пробный урок"), ""});
  model->post(command::StartSync{});
  model->wait_idle();
  snap = model->snapshot();
  CHECK(snap->feedback.form == "start_sync");
  CHECK(snap->feedback.ok);
  CHECK_FALSE(snap->sync.running);
  CHECK(snap->sync.last_error.empty());
  CHECK(snap->sync.last_sent == 1);
  CHECK(snap->sync.last_received > 0);
  CHECK(snap->sync.requests >= 1);
  CHECK(snap->home.last_sync_ms > 0);
  CHECK(snap->sync.last_sync_ms == snap->home.last_sync_ms);
  CHECK(snap->home.pending_ops == 0);
  CHECK_FALSE(snap->pairs.empty());  // the registry of the tutor's pair came with the pull
  CHECK(snap->pair_card.pair.id == demo::kPair1);
  CHECK(snap->home.me.name == "Грамотеева Ирина Михайловна");
}

TEST_CASE("an out-of-scope write comes back as a rejection on the sync screen", "[model][sync]") {
  World w;
  auto model = w.create();
  w.enroll(*model, demo::kTutor1, "tutor");
  model->post(command::SaveRecord{"mentoring_session", "", tutor_session(demo::kPair2, "Чужая пара"), ""});
  model->post(command::StartSync{});
  model->wait_idle();
  auto snap = model->snapshot();
  CHECK(snap->feedback.ok);
  REQUIRE(snap->sync.rejections.size() == 1);
  CHECK(snap->sync.rejections[0].code == "out_of_scope");
  CHECK(snap->sync.rejections[0].title == "Чужая пара");
  CHECK(snap->home.open_rejections == 1);
}

TEST_CASE("auto sync runs at start; an unreachable server is shown quietly", "[model][sync]") {
  World w;
  {
    auto model = w.create();
    w.enroll(*model, demo::kTutor1, "tutor");
  }
  SECTION("reachable: the start-up sync pulls the registry") {
    auto model = w.open(true);
    const auto snap = model->snapshot();
    CHECK(snap->home.last_sync_ms > 0);
    CHECK(snap->sync.last_error.empty());
    CHECK_FALSE(snap->pairs.empty());
    CHECK(snap->feedback.sequence == 0);  // nothing the person asked for
  }
  SECTION("offline: only the sync screen mentions it") {
    w.transport.offline = true;
    auto model = w.open(true);
    const auto snap = model->snapshot();
    CHECK(snap->sync.last_error == Message(msg::kSyncOffline));
    CHECK_THAT(snap->sync.last_error_detail, Catch::Contains("network is down"));
    CHECK(snap->feedback.ok);
    CHECK(snap->feedback.sequence == 0);
    CHECK(snap->feedback.message.empty());
    CHECK(snap->home.last_sync_ms == 0);
    CHECK_FALSE(snap->sync.running);
  }
}

TEST_CASE("commands posted while a sync waits for the network are applied meanwhile", "[model][sync]") {
  World w;
  auto model = w.create();
  w.enroll(*model, demo::kTutor1, "tutor");
  w.gate->close();
  model->post(command::StartSync{});
  w.gate->wait_for_request();  // the request is in flight
  model->post(command::SaveDraft{"session.new", {{"topic", "Пока идёт синхронизация"}}});
  model->post(command::StartSync{});  // a second press while one runs

  // The draft shows up in a snapshot while the request is still held.
  auto snap = snapshot_when(*model, [](const AppSnapshot& s) {
    return s.drafts.count("session.new") && s.feedback.sequence == 4;
  });
  CHECK(snap->drafts.count("session.new") == 1);
  CHECK(snap->sync.running);
  CHECK(snap->feedback.message == Message(msg::kSyncAlreadyRunning));
  w.gate->open();
  model->wait_idle();
  snap = model->snapshot();
  CHECK_FALSE(snap->sync.running);
  CHECK(snap->sync.last_error.empty());
  CHECK(snap->home.last_sync_ms > 0);
}

TEST_CASE("a sync asked for while the device list is fetched runs right after it", "[model][sync][devices]") {
  World w;
  auto model = w.create();
  w.enroll(*model, demo::kMethodologist, "methodologist");
  const uint64_t synced_before = model->snapshot()->home.last_sync_ms;
  model->post(command::SaveRecord{"mentoring_session", "", tutor_session(demo::kPair1, "Во время обновления"), ""});
  model->wait_idle();
  REQUIRE(model->snapshot()->home.pending_ops > 0);
  w.gate->close();
  model->post(command::RefreshDevices{});
  w.gate->wait_for_request();  // the device list request is in flight
  model->post(command::StartSync{});  // F5 meanwhile
  auto snap = snapshot_when(*model, [](const AppSnapshot& s) { return s.feedback.form == "start_sync"; });
  CHECK(snap->feedback.ok);
  CHECK(snap->feedback.message == Message(msg::kSyncQueued));
  w.gate->open();
  model->wait_idle();
  snap = model->snapshot();
  CHECK(snap->municipality.devices_error.empty());
  CHECK_FALSE(snap->municipality.devices.empty());
  CHECK(snap->home.last_sync_ms > synced_before);  // the sync ran after the refresh
  CHECK(snap->home.pending_ops == 0);
  CHECK_FALSE(snap->sync.running);
}

TEST_CASE("a methodologist refreshes the device list; it is kept and survives a restart", "[model][sync][devices]") {
  World w;
  InProcessTransport tutor_link{w.server};
  ClientDevice tutor(tutor_link);
  REQUIRE(tutor.enroll(w.server.code_for(demo::kTutor1, "tutor")).ok());
  REQUIRE(tutor.sync().ok());
  {
    auto model = w.create();
    w.enroll(*model, demo::kMethodologist, "methodologist");
    CHECK(model->snapshot()->municipality.devices.empty());
    CHECK(model->snapshot()->municipality.devices_fetched_ms == 0);

    model->post(command::RefreshDevices{});
    model->wait_idle();
    const auto snap = model->snapshot();
    INFO(snap->feedback.message);
    CHECK(snap->feedback.form == "refresh_devices");
    CHECK(snap->feedback.ok);
    const auto& m = snap->municipality;
    CHECK(m.devices_error.empty());
    CHECK_FALSE(m.devices_refreshing);
    CHECK(m.devices_fetched_ms > 0);
    REQUIRE(m.devices.size() == 2);
    const auto it = std::find_if(m.devices.begin(), m.devices.end(),
                                 [&](const view::DeviceStatusRow& r) { return r.device_id == tutor.key().id(); });
    REQUIRE(it != m.devices.end());
    CHECK(it->person_id == demo::kTutor1);
    CHECK(it->person_name == "Грамотеева Ирина Михайловна");
    CHECK(it->role == "tutor");
    CHECK(it->status == "active");
    CHECK(it->enrolled_ms > 0);
    CHECK(it->last_seen_ms > 0);
    CHECK(std::any_of(m.devices.begin(), m.devices.end(), [](const view::DeviceStatusRow& r) {
      return r.role == "methodologist" && r.device_name == "ноутбук тьютора";
    }));

    // A record write recomputes the municipality section: the list stays.
    model->post(command::SaveRecord{"mentoring_session", "", tutor_session(demo::kPair1, "После списка"), ""});
    model->wait_idle();
    CHECK(model->snapshot()->municipality.devices.size() == 2);

    // Offline: the failure is said, the list fetched before stays.
    w.transport.offline = true;
    model->post(command::RefreshDevices{});
    model->wait_idle();
    CHECK_FALSE(model->snapshot()->feedback.ok);
    CHECK(model->snapshot()->municipality.devices_error == "offline");
    CHECK(model->snapshot()->municipality.devices.size() == 2);
    w.transport.offline = false;

    // An altered answer is refused and changes nothing.
    w.transport.tamper_reply = [](std::string& body) {
      const size_t at = body.find("active");
      if (at != std::string::npos) body.replace(at, 6, "revokd");
    };
    model->post(command::RefreshDevices{});
    model->wait_idle();
    CHECK(model->snapshot()->municipality.devices_error == "forged");
    CHECK(model->snapshot()->municipality.devices[0].status == "active");
    w.transport.tamper_reply = nullptr;
  }
  auto reopened = w.open();
  const auto& m = reopened->snapshot()->municipality;
  CHECK(m.devices.size() == 2);
  CHECK(m.devices_fetched_ms > 0);
  CHECK(m.devices_error.empty());
}

TEST_CASE("the device list is refused to a teacher and to a device that is not enrolled", "[model][sync][devices]") {
  World w;
  auto model = w.create();
  model->post(command::RefreshDevices{});
  model->wait_idle();
  CHECK_FALSE(model->snapshot()->feedback.ok);
  CHECK(model->snapshot()->municipality.devices_error == "not_enrolled");

  w.enroll(*model, demo::kTeacher1, "teacher");
  model->post(command::RefreshDevices{});
  model->wait_idle();
  const auto snap = model->snapshot();
  CHECK(snap->feedback.form == "refresh_devices");
  CHECK_FALSE(snap->feedback.ok);
  CHECK(snap->municipality.devices_error == "not_methodologist");
  CHECK_THAT(snap->municipality.devices_error_detail, Catch::Contains("methodologist"));
  CHECK(snap->municipality.devices.empty());
}

TEST_CASE("the server's key is shown before the code is sent, and the enrollment is pinned to it",
          "[model][sync][enroll]") {
  World w;
  auto model = w.create();
  model->post(command::CheckServer{kUrl});
  model->wait_idle();
  auto snap = model->snapshot();
  CHECK(snap->feedback.form == "check_server");
  CHECK(snap->feedback.ok);
  CHECK(snap->sync.checked_url == kUrl);
  CHECK(snap->sync.checked_key_id == w.server.key().id());
  CHECK(snap->sync.check_error.empty());
  CHECK_FALSE(snap->sync.checking);

  // A key the person did not see: refused before the code is sent, so the code still works.
  const std::string code = w.server.code_for(demo::kTutor1, "tutor");
  model->post(command::Enroll{kUrl, code, "0123456789abcdef0123456789abcdef"});
  model->wait_idle();
  CHECK_FALSE(model->snapshot()->feedback.ok);
  CHECK(model->snapshot()->feedback.message.key == msg::kEnrollWrongKey);
  CHECK_THAT(model->snapshot()->feedback.detail, Catch::Contains("not used"));
  CHECK_FALSE(model->snapshot()->home.enrolled);
  model->post(command::Enroll{kUrl, code, snap->sync.checked_key_id});
  model->wait_idle();
  CHECK(model->snapshot()->feedback.ok);
  CHECK(model->snapshot()->home.enrolled);

  // An address that does not answer.
  w.transport.offline = true;
  model->post(command::CheckServer{kUrl});
  model->wait_idle();
  CHECK(model->snapshot()->sync.check_error == "unreachable");
  CHECK(model->snapshot()->sync.checked_key_id.empty());
}

TEST_CASE("a moved server is accepted under its new address only when it shows the pinned key",
          "[model][sync][enroll]") {
  World w;
  InProcessServer impostor;  // another server with a key of its own
  w.other_servers["https://moved.example"] = &w.server;
  w.other_servers["https://impostor.example"] = &impostor;
  auto model = w.create();

  model->post(command::ChangeServerAddress{"https://moved.example"});
  model->wait_idle();
  CHECK(model->snapshot()->feedback.message.key == msg::kSyncNotEnrolled);

  w.enroll(*model, demo::kTutor1, "tutor");
  CHECK(model->snapshot()->home.server_key_id == w.server.key().id());

  model->post(command::ChangeServerAddress{"https://impostor.example"});
  model->wait_idle();
  auto snap = model->snapshot();
  CHECK_FALSE(snap->feedback.ok);
  CHECK(snap->feedback.message.key == msg::kServerOtherKey);
  CHECK(snap->home.server_url == kUrl);  // unchanged

  model->post(command::ChangeServerAddress{"https://moved.example"});
  model->wait_idle();
  snap = model->snapshot();
  CHECK(snap->feedback.ok);
  CHECK(snap->feedback.message.key == msg::kServerAddressChanged);
  CHECK(snap->home.server_url == "https://moved.example");
  // The next sync goes to the new address and works.
  model->post(command::StartSync{});
  model->wait_idle();
  CHECK(model->snapshot()->feedback.ok);
  CHECK(model->snapshot()->sync.last_received > 0);

  // Kept across a restart.
  model.reset();
  CHECK(w.open()->snapshot()->home.server_url == "https://moved.example");
}

TEST_CASE("the sync screen's courier: a bundle written, taken by the server, its answer taken back", "[model][sync][courier]") {
  World w;
  auto model = w.create();
  w.enroll(*model, demo::kTutor1, "tutor");
  model->post(command::StartSync{});  // measures the link for the budget
  model->wait_idle();
  auto snap = model->snapshot();
  CHECK(snap->sync.budget.measured == (snap->sync.budget.bytes_per_s > 0));
  model->post(command::SaveRecord{"mentoring_session", "", tutor_session(demo::kPair1, "Через флешку"), ""});
  model->wait_idle();
  snap = model->snapshot();
  CHECK(snap->sync.budget.bytes_to_send > 0);  // the new session waits to be sent

  const std::string path = (w.dir / "stick.nbundle").string();
  model->post(command::ExportBundle{path, false});
  model->wait_idle();
  snap = model->snapshot();
  INFO(snap->feedback.detail);
  REQUIRE(snap->feedback.ok);
  CHECK(snap->feedback.form == "export_bundle");
  CHECK(snap->feedback.message.key == msg::kBundleWritten);
  REQUIRE(std::filesystem::exists(path));

  // The methodologist takes it at the server; the answer comes back in a bundle of its own.
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto bundle = wire::decode_bundle(text.str());
  REQUIRE(bundle.ok());
  REQUIRE(bundle->envelopes.size() == 1);
  const int64_t before = w.server.op_count();
  auto delivery = server::take_envelope(w.server.service(), bundle->envelopes[0]);
  REQUIRE(delivery.ok());
  REQUIRE(delivery->delivered);
  CHECK(w.server.op_count() == before + 1);
  wire::Bundle back;
  back.envelopes.push_back(*delivery->answer);
  const std::string answer_path = (w.dir / "answer.nbundle").string();
  {
    std::ofstream out(answer_path, std::ios::binary);
    out << wire::encode_bundle(back);
  }
  model->post(command::ImportBundle{answer_path});
  model->wait_idle();
  snap = model->snapshot();
  INFO(snap->feedback.detail);
  REQUIRE(snap->feedback.ok);
  CHECK(snap->feedback.message.key == msg::kBundleTaken);
  bool one_delivered = false;
  for (const auto& [name, value] : snap->feedback.message.args)
    if (name == "delivered") one_delivered = value == MessageArg(std::string("1"));
  CHECK(one_delivered);
  CHECK(snap->home.pending_ops == 0);
  CHECK(snap->sync.budget.bytes_to_send == 0);

  // A damaged file is refused, nothing changes.
  {
    std::ofstream out(answer_path, std::ios::binary | std::ios::trunc);
    out << "{\"format\": \"nastavnik-bundle\"";
  }
  model->post(command::ImportBundle{answer_path});
  model->wait_idle();
  CHECK_FALSE(model->snapshot()->feedback.ok);
  CHECK(model->snapshot()->feedback.message.key == msg::kBundleFailed);
}

TEST_CASE("an opened record brings its history for the form's panel", "[model][history]") {
  World w;
  auto model = w.create();
  w.enroll(*model, demo::kTutor1, "tutor");
  model->post(command::StartSync{});  // the registry, with the tutor's name
  model->wait_idle();
  model->post(command::SaveRecord{"mentoring_session", "", tutor_session(demo::kPair1, "Первая тема"), ""});
  model->wait_idle();
  const std::string id = model->snapshot()->feedback.created_id;
  REQUIRE_FALSE(id.empty());
  model->post(command::SaveRecord{"mentoring_session", id, {{"topic", "Вторая тема"}}, ""});
  model->post(command::OpenRecord{id});
  model->wait_idle();
  const auto snap = model->snapshot();
  REQUIRE(snap->opened_record.history.size() == 2);
  const view::HistoryRow& first = snap->opened_record.history[0];
  const view::HistoryRow& second = snap->opened_record.history[1];
  CHECK(first.kind == "created");
  CHECK(second.kind == "changed");
  CHECK(second.author_name == "Грамотеева Ирина Михайловна");
  CHECK(second.written_here);
  CHECK_FALSE(second.delivered);
  REQUIRE(second.fields.size() == 1);
  CHECK(second.fields[0] == std::make_pair(std::string("topic"), std::string("Вторая тема")));
}
