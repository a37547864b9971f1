// AppModel lifecycle and the model thread: take posted jobs in order, apply them, publish a
// snapshot, report them done. Sync runs on this thread too; while it waits for the network
// the pump keeps applying commands (pumping_transport.h).

#include "client/model/app_model_impl.h"

#include <utility>

#include "shared/assets_dir.h"

namespace nastavnik {

using model::QueuedJob;

AppModel::Impl::Impl(AppModelOptions opts, DeviceReplica rep, InstrumentRegistry inst)
    : options(std::move(opts)),
      replica(std::move(rep)),
      instruments(std::move(inst)),
      snapshot(std::make_shared<const AppSnapshot>()),
      lang(options.language.empty() ? "ru" : options.language) {
  auto catalog = monitoring::IndicatorCatalog::load_dir(options.assets / "indicators");
  if (catalog.ok()) indicators = std::move(catalog).value();
  else indicators_error = catalog.status().message();
}

namespace {

// Network jobs wait for replies; inside another one's wait they cannot start.
bool is_network_job(const model::Job& job) {
  if (std::holds_alternative<model::StartupJob>(job)) return true;
  const auto& c = std::get<Command>(job);
  return std::holds_alternative<command::StartSync>(c) || std::holds_alternative<command::Enroll>(c) ||
         std::holds_alternative<command::CheckServer>(c) || std::holds_alternative<command::RefreshDevices>(c) ||
         std::holds_alternative<command::ChangeServerAddress>(c);
}

// Fills in the defaults of `options` and loads the instruments they point to.
Result<InstrumentRegistry> prepare(AppModelOptions& options) {
  if (options.assets.empty()) options.assets = assets_dir();
  if (!options.calendar) options.calendar = system_wall_clock_ms;
  return InstrumentRegistry::load_dir(options.assets / "instruments");
}

}  // namespace

Result<std::unique_ptr<AppModel>> AppModel::open(const DataDir& data_dir, AppModelOptions options) {
  if (!data_dir.has_replica())
    return Status::NotFound("no replica in " + data_dir.root().string() + " yet: create one first");
  NASTAVNIK_ASSIGN_OR_RETURN(auto instruments, prepare(options));
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica replica, data_dir.open());
  return std::unique_ptr<AppModel>(new AppModel(
      std::make_unique<Impl>(std::move(options), std::move(replica), std::move(instruments))));
}

Result<std::unique_ptr<AppModel>> AppModel::create(const DataDir& data_dir, AppModelOptions options) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto instruments, prepare(options));
  NASTAVNIK_ASSIGN_OR_RETURN(DeviceReplica replica, data_dir.initialise(Actor{}));
  return std::unique_ptr<AppModel>(new AppModel(
      std::make_unique<Impl>(std::move(options), std::move(replica), std::move(instruments))));
}

AppModel::AppModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  {
    // Counted like a command, so wait_idle() right after opening sees the first snapshot.
    std::lock_guard lock(impl_->mailbox->mu);
    impl_->mailbox->jobs.push_back(QueuedJob{++impl_->mailbox->posted, model::StartupJob{}});
  }
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

AppModel::~AppModel() {
  {
    std::lock_guard lock(impl_->mailbox->mu);
    impl_->mailbox->stopping = true;
  }
  impl_->mailbox->cv.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

void AppModel::post(Command command) {
  {
    std::lock_guard lock(impl_->mailbox->mu);
    if (impl_->mailbox->stopping) return;
    impl_->mailbox->jobs.push_back(QueuedJob{++impl_->mailbox->posted, std::move(command)});
  }
  impl_->mailbox->cv.notify_all();
}

std::shared_ptr<const AppSnapshot> AppModel::snapshot() const { return impl_->snapshot.load(); }

void AppModel::wait_idle() {
  std::unique_lock lock(impl_->mailbox->mu);
  const uint64_t target = impl_->mailbox->posted;
  impl_->mailbox->cv.wait(lock, [&] { return impl_->mailbox->stopping || impl_->mailbox->done_prefix >= target; });
}

const InstrumentRegistry& AppModel::instruments() const { return impl_->instruments; }

void AppModel::Impl::run() {
  load_devices();
  for (;;) {
    std::deque<QueuedJob> jobs;
    bool timer = false;
    {
      std::unique_lock lock(mailbox->mu);
      auto wake = [&] { return mailbox->stopping || !mailbox->jobs.empty(); };
      if (auto_sync_armed()) timer = !mailbox->cv.wait_until(lock, next_auto_sync, wake);
      else mailbox->cv.wait(lock, wake);
      if (mailbox->stopping) return;
      jobs.swap(mailbox->jobs);
    }
    if (timer) {
      run_sync(SyncTrigger::kTimer);
      publish();
    }
    if (!jobs.empty()) apply_jobs(std::move(jobs), false);
  }
}

void AppModel::Impl::apply_jobs(std::deque<QueuedJob> jobs, bool nested) {
  while (!jobs.empty()) {
    QueuedJob next = std::move(jobs.front());
    jobs.pop_front();
    if (is_network_job(next.job) && !nested) {
      // Hand the jobs behind it back to the mailbox, so that the pump applies them while
      // this one waits for the network instead of after it.
      {
        std::lock_guard lock(mailbox->mu);
        for (auto it = jobs.rbegin(); it != jobs.rend(); ++it) mailbox->jobs.push_front(std::move(*it));
      }
      jobs.clear();
      publish();  // what came before shows while the network is awaited
      if (std::holds_alternative<model::StartupJob>(next.job)) {
        if (auto_sync_armed()) run_sync(SyncTrigger::kTimer);
      } else {
        apply(std::get<Command>(next.job), false);
      }
      if (std::exchange(sync_after_exchange, false)) run_sync(SyncTrigger::kUser);
    } else if (const auto* command = std::get_if<Command>(&next.job)) {
      apply(*command, nested);
    }
    applied.push_back(next.seq);
  }
  publish();
}

void AppModel::Impl::publish() {
  const model::SnapshotInputs inputs{*replica.store,  instruments,    indicators,    lang,
                                     model::local_date(options.calendar()),
                                     filter,          selected_pair,  selected_person,
                                     opened_record,   monitoring_wanted, municipality_period,
                                     sync_status,     feedback};
  auto next = builder.build(*snapshot.load(), inputs, dirty);
  // The device list comes from the server, not the replica's records: whatever section the
  // builder recomputed, the list is the model's own.
  devices.copy_to(next->municipality);
  next->report_preview = report_preview;
  next->monitoring_error = indicators_error;
  dirty = model::kDirtyNone;
  snapshot.store(std::move(next));
  {
    std::lock_guard lock(mailbox->mu);
    for (uint64_t seq : applied) mailbox->finish(seq);
  }
  applied.clear();
  mailbox->cv.notify_all();
}

bool AppModel::Impl::pump_until(const std::function<bool()>& ready, std::optional<Clock::time_point> deadline) {
  for (;;) {
    std::deque<QueuedJob> jobs;
    {
      std::unique_lock lock(mailbox->mu);
      auto wake = [&] { return mailbox->stopping || ready() || !mailbox->jobs.empty(); };
      if (deadline) {
        if (!mailbox->cv.wait_until(lock, *deadline, wake)) return true;
      } else {
        mailbox->cv.wait(lock, wake);
      }
      if (mailbox->stopping) return false;
      if (ready()) return true;
      jobs.swap(mailbox->jobs);
    }
    apply_jobs(std::move(jobs), true);
  }
}

}  // namespace nastavnik
