#pragma once
// AppModel's insides, shared by its implementation files. The model, file by file:
//   app_model.cpp           lifecycle, the model thread's loop, publishing snapshots
//   command_handlers.cpp    what each command does to the replica
//   model_sync.cpp          sync runs, enrollment, the device list and the auto-sync timer
//   mailbox.h               posted commands and how far they are applied (wait_idle)
//   pumping_transport.*     network requests on a helper thread while commands go on
//   snapshot_builder.*      the next snapshot, recomputing only what changed
//   record_cache.*          the replica's records, read once and patched after writes
//   view_models.h + *_view_model(s).cpp, view_context.*   the data of each screen
//   draft_store.*, rejection_acks.*, device_list_cache.*   what the model keeps in meta
// The members under "Model thread only" are touched by the model thread alone; views only
// ever see `snapshot`.

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "client/model/app_model.h"
#include "client/model/device_list_cache.h"
#include "client/model/mailbox.h"
#include "client/model/snapshot_builder.h"
#include "client/report/report_tables.h"
#include "shared/monitoring/indicator_catalog.h"

namespace nastavnik {

struct AppModel::Impl {
  using Clock = std::chrono::steady_clock;

  Impl(AppModelOptions opts, DeviceReplica rep, InstrumentRegistry inst);

  // Fixed at open.
  AppModelOptions options;
  DeviceReplica replica;
  InstrumentRegistry instruments;
  // The monitoring screen's indicators; a catalogue that cannot be read leaves it empty and
  // the screen says why (indicators_error), the rest of the app works.
  monitoring::IndicatorCatalog indicators;
  std::string indicators_error;
  std::shared_ptr<model::Mailbox> mailbox = std::make_shared<model::Mailbox>();
  std::atomic<std::shared_ptr<const AppSnapshot>> snapshot;
  std::thread thread;

  // Model thread only.
  model::SnapshotBuilder builder{replica.store->reader()};
  unsigned dirty = model::kDirtyAll;
  std::vector<uint64_t> applied;  // jobs applied since the last publish
  view::SessionFilter filter;
  std::string selected_pair, selected_person, lang;
  bool monitoring_wanted = false;
  std::string municipality_period;  // command::SetMunicipalityPeriod
  std::shared_ptr<const view::ReportPreviewData> report_preview;  // command::PreviewReport
  std::string opened_record;  // command::OpenRecord
  CommandFeedback feedback;
  view::SyncView sync_status;
  model::DeviceListCache devices;  // copied into every snapshot's municipality section
  Clock::time_point next_auto_sync = Clock::now();
  bool sync_after_exchange = false;  // asked for while the device list was being fetched

  // --- app_model.cpp
  void run();
  // Applies jobs in order. `nested`: while a sync or enrollment waits for the network, when
  // another network job cannot start and is answered at once.
  void apply_jobs(std::deque<model::QueuedJob> jobs, bool nested);
  // Builds and publishes a snapshot reflecting everything applied, then reports the applied
  // jobs as done to wait_idle().
  void publish();
  // The pump of PumpingTransport and of the sync's back-off sleeps.
  bool pump_until(const std::function<bool()>& ready, std::optional<Clock::time_point> deadline);

  // --- command_handlers.cpp
  // Applies one command and counts it in the feedback sequence; never throws.
  void apply(const Command& command, bool nested);
  void dispatch(const Command& command, bool nested);
  // The feedback of a command: `message` for people, or (empty) the general one for the
  // status's kind; the status's own text becomes the detail.
  void set_feedback(const std::string& form, const Status& status, Message message = {});
  void save_record(const command::SaveRecord& c);
  void write_report(const command::WriteReport& c);
  void export_bundle(const command::ExportBundle& c);
  void import_bundle(const command::ImportBundle& c);
  void preview_report(const command::PreviewReport& c);
  // The report of a half-year as of today, in the model's language; the reason when it cannot be made.
  Result<report::Report> build_report(const std::string& period, const Catalog& text);
  // After a local write of record `id`: updates the record cache and marks the sections.
  void wrote(const std::string& id);
  void reapply_conflict(const command::ReapplyConflict& c);

  // --- model_sync.cpp
  enum class SyncTrigger { kUser, kTimer };
  void run_sync(SyncTrigger trigger);
  void enroll(const command::Enroll& c);
  void check_server(const command::CheckServer& c);
  void change_server_address(const command::ChangeServerAddress& c);
  // RefreshDevices: one signed request for the device list; the verified list replaces the
  // cached one (and is stored), a failure leaves it and says why. `nested`: a sync is
  // waiting for the network, so the refresh is refused at once ("busy").
  void refresh_devices(bool nested);
  // Reads the device list kept from an earlier run (at start).
  void load_devices();
  bool auto_sync_armed() const;
  Result<std::shared_ptr<SyncTransport>> make_transport(const std::string& url) const;
  std::unique_ptr<SyncTransport> pumping(std::shared_ptr<SyncTransport> inner);
};

}  // namespace nastavnik
