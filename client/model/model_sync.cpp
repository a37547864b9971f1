// Sync runs, enrollment, the device list and the auto-sync timer, on the model thread.
// Network calls go through PumpingTransport, so commands keep being applied while a reply
// is awaited.

#include <unistd.h>

#include "client/model/app_model_impl.h"
#include "client/sync/courier.h"
#include "client/model/pumping_transport.h"
#include "client/model/user_messages.h"
#include "client/sync/device_list_client.h"
#include "client/sync/enrollment_client.h"
#include "client/sync/http_transport.h"
#include "client/sync/sync_state.h"

namespace nastavnik {
namespace {

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "desktop";
  return buf;
}

}  // namespace

bool AppModel::Impl::auto_sync_armed() const {
  if (!options.auto_sync) return false;
  const auto snap = snapshot.load();
  return snap->home.enrolled && snap->home.revoked_message.empty();
}

Result<std::shared_ptr<SyncTransport>> AppModel::Impl::make_transport(const std::string& url) const {
  if (options.transport_factory) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto t, options.transport_factory(url));
    return std::shared_ptr<SyncTransport>(std::move(t));
  }
  NASTAVNIK_ASSIGN_OR_RETURN(auto t, HttpTransport::connect(url));
  return std::shared_ptr<SyncTransport>(std::move(t));
}

std::unique_ptr<SyncTransport> AppModel::Impl::pumping(std::shared_ptr<SyncTransport> inner) {
  return std::make_unique<model::PumpingTransport>(
      std::move(inner), mailbox, [this](const std::function<bool()>& ready) { return pump_until(ready, std::nullopt); });
}

void AppModel::Impl::run_sync(SyncTrigger trigger) {
  const bool by_user = trigger == SyncTrigger::kUser;
  LocalStore& store = *replica.store;
  next_auto_sync = Clock::now() + std::chrono::seconds(std::max(1, options.auto_sync_interval_s));
  // A failure the person did not ask about stays on the sync screen (last_error) and does
  // not interrupt them through the command feedback.
  auto fail = [&](const Status& s, Message why = {}) {
    if (why.empty()) why = msg::for_sync_failure(s);
    sync_status.last_error = why;
    sync_status.last_error_detail = s.message();
    if (by_user) set_feedback("start_sync", s, why);
    dirty |= model::kDirtySync;
  };
  auto state = SyncState::load(store);
  if (!state.ok()) return fail(state.status());
  if (!state->enrolled())
    return fail(Status::FailedPrecondition("not enrolled"), Message(msg::kSyncNotEnrolled));
  auto transport = make_transport(state->server_url);
  if (!transport.ok()) return fail(transport.status());

  sync_status.running = true;
  sync_status.changesets_sent = sync_status.changesets_total = sync_status.ops_received = 0;
  sync_status.requests = 0;
  sync_status.changesets_in_request = 0;
  sync_status.request_bytes_sent = sync_status.request_bytes = 0;
  dirty |= model::kDirtySync;
  publish();

  auto link = pumping(std::move(transport).value());
  SyncEngine engine(store, replica.key, *link, options.sync_settings, [this](uint64_t ms) {
    pump_until([] { return false; }, Clock::now() + std::chrono::milliseconds(ms));
  });
  auto result = engine.run([this](const SyncProgress& p) {
    sync_status.changesets_sent = p.changesets_sent;
    sync_status.changesets_total = p.changesets_total;
    sync_status.ops_received = p.ops_received;
    sync_status.requests = p.requests;
    sync_status.changesets_in_request = p.changesets_in_request;
    sync_status.request_bytes_sent = p.request_bytes_sent;
    sync_status.request_bytes = p.request_bytes;
    publish();
  });
  sync_status.running = false;
  // Whatever was merged before a failure is in the replica: show it either way.
  builder.records().clear();
  dirty |= model::kDirtyRecords | model::kDirtySync;
  if (!result.ok()) return fail(result.status());
  sync_status.last_error = Message();
  sync_status.last_error_detail.clear();
  sync_status.last_sent = result->ops_sent;
  sync_status.last_received = result->ops_received;
  sync_status.last_conflicts = result->new_conflicts;
  sync_status.last_result = Message(msg::kSyncDone)
                                .with("sent", result->ops_sent)
                                .with("received", result->ops_received)
                                .with("conflicts", result->new_conflicts)
                                .with("refused", static_cast<int64_t>(result->rejected.size()));
  sync_status.clock_warning = result->clock_warning ? Message(msg::kSyncClockOff).with(
                                                          "minutes", std::llabs(result->clock_offset_ms) / 60000)
                                                    : Message();
  if (!result->left_pairs.empty() || result->removed_out_of_scope > 0) {
    std::string pairs;
    auto directory = model::Directory::load(builder.records());
    for (const auto& p : result->left_pairs) {
      const std::string label = directory.ok() ? directory->pair_label(p) : "";
      pairs += (pairs.empty() ? "«" : ", «") + (label.empty() ? p : label) + "»";
    }
    sync_status.scope_notice = Message(msg::kScopeLeft).with("pairs", pairs).with("count", result->removed_out_of_scope);
  }
  // Envelopes this laptop carries for others go over the same link (courier.h); a failure
  // leaves them for the next sync.
  if (auto carried = Courier(store, replica.key).deliver_carried(*link); !carried.ok())
    sync_status.last_error_detail = carried.status().message();
  if (by_user) set_feedback("start_sync", Status::Ok(), sync_status.last_result);
}

void AppModel::Impl::enroll(const command::Enroll& c) {
  LocalStore& store = *replica.store;
  auto transport = make_transport(c.server_url);
  if (!transport.ok()) return set_feedback("enroll", transport.status());
  auto link = pumping(std::move(transport).value());
  auto result = enroll_device(store, replica.key, *link, c.server_url, c.code,
                              options.device_name.empty() ? host_name() : options.device_name, c.expected_key);
  dirty |= model::kDirtyRecords | model::kDirtySync;
  if (!result.ok()) {
    const StatusCode code = result.status().code();
    return set_feedback("enroll", result.status(),
                        code == StatusCode::kFailedPrecondition ? Message(msg::kEnrollRefused)
                        : code == StatusCode::kUnauthenticated  ? Message(msg::kEnrollWrongKey)
                                                                : msg::for_sync_failure(result.status()));
  }
  set_feedback("enroll", Status::Ok(), Message(msg::kEnrolled).with("name", result->person_name));
  // The first sync brings the registry; with auto sync on, do not make the person wait for
  // the timer.
  if (options.auto_sync) run_sync(SyncTrigger::kTimer);
}

void AppModel::Impl::check_server(const command::CheckServer& c) {
  sync_status.checked_url = c.server_url;
  sync_status.checked_key_id.clear();
  sync_status.check_error.clear();
  sync_status.checking = true;
  dirty |= model::kDirtySync;
  publish();  // the view shows that the question is on its way
  auto transport = make_transport(c.server_url);
  Result<std::string> key_id = transport.ok() ? fetch_server_key_id(*pumping(std::move(transport).value()))
                                              : Result<std::string>(transport.status());
  sync_status.checking = false;
  if (key_id.ok()) sync_status.checked_key_id = *key_id;
  else sync_status.check_error = key_id.status().code() == StatusCode::kUnavailable ? "unreachable" : "not_nastavnik";
  dirty |= model::kDirtySync;
  set_feedback("check_server", key_id.status());
}

void AppModel::Impl::change_server_address(const command::ChangeServerAddress& c) {
  constexpr const char* kForm = "change_server";
  LocalStore& store = *replica.store;
  auto state = SyncState::load(store);
  if (!state.ok() || !state->enrolled())
    return set_feedback(kForm, Status::FailedPrecondition("not enrolled"), Message(msg::kSyncNotEnrolled));
  auto pinned = state->server_key();
  if (!pinned.ok()) return set_feedback(kForm, pinned.status());
  auto transport = make_transport(c.server_url);
  Result<std::string> key_id = transport.ok() ? fetch_server_key_id(*pumping(std::move(transport).value()))
                                              : Result<std::string>(transport.status());
  if (!key_id.ok())
    return set_feedback(kForm, key_id.status(),
                        Message(key_id.status().code() == StatusCode::kUnavailable ? msg::kServerUnreachable
                                                                                   : msg::kServerNotNastavnik));
  if (*key_id != crypto::key_id(*pinned))
    return set_feedback(kForm, Status::FailedPrecondition("the server at " + c.server_url + " has key " + *key_id),
                        Message(msg::kServerOtherKey).with("key", *key_id));
  state->server_url = c.server_url;
  if (Status s = state->save(store); !s.ok()) return set_feedback(kForm, s);
  dirty |= model::kDirtySync | model::kDirtyRecords;
  set_feedback(kForm, Status::Ok(), Message(msg::kServerAddressChanged).with("url", c.server_url));
}

void AppModel::Impl::load_devices() {
  auto cache = model::DeviceListCache::load(*replica.store);
  if (cache.ok()) {
    devices = std::move(cache).value();
    return;
  }
  devices.error = "failed";
  devices.error_detail = cache.status().message();
}

void AppModel::Impl::refresh_devices(bool nested) {
  constexpr const char* kForm = "refresh_devices";
  auto fail = [&](const std::string& problem, const Status& status) {
    devices.error = problem;
    devices.error_detail = status.message();
    set_feedback(kForm, status, Message("ui.municipality.devices_error." + problem));
  };
  if (nested)
    return fail("busy", Status::FailedPrecondition("an exchange with the server is running, "
                                                   "then refresh the device list"));
  LocalStore& store = *replica.store;
  auto state = SyncState::load(store);
  if (!state.ok()) return fail("failed", state.status());
  if (!state->enrolled())
    return fail(device_list_problem_id(DeviceListProblem::kNotEnrolled),
                Status::FailedPrecondition("not enrolled"));
  auto transport = make_transport(state->server_url);
  if (!transport.ok()) return fail(device_list_problem_id(DeviceListProblem::kOffline), transport.status());

  devices.refreshing = true;
  publish();  // the view shows that the refresh runs
  auto link = pumping(std::move(transport).value());
  DeviceListFetch fetched = fetch_device_list(store, replica.key, *link);
  devices.refreshing = false;
  if (auto* failure = std::get_if<DeviceListFailure>(&fetched)) {
    // A revoked device is noted in the sync state: the home screen says so too.
    if (failure->problem == DeviceListProblem::kRevoked) dirty |= model::kDirtySync;
    return fail(device_list_problem_id(failure->problem), failure->status);
  }
  const auto& list = std::get<wire::DeviceList>(fetched);
  if (Status s = devices.save(store, list); !s.ok())
    return set_feedback(kForm, s, Message(msg::kDevicesNotKept));
  set_feedback(kForm, Status::Ok(), Message(msg::kDevicesFetched).with("count", list.devices.size()));
}

}  // namespace nastavnik
