#pragma once
// AppModel: what the desktop client's views read and where they send what the user asked
// for. It owns the replica and the sync engine and works on its own thread:
//  - views call post(command) during a frame; commands are applied after the frame, in
//    order, on the model thread (never on the UI thread);
//  - after applying commands, and as a sync progresses, the model publishes a new immutable
//    AppSnapshot; views take the latest with snapshot() and only read it;
//  - the model never hands out its mutex or the store; no SQL, network, crypto or disk
//    work ever runs on the UI thread.
//  - a sync (StartSync, the auto-sync timer), an enrollment and a device-list refresh
//    (RefreshDevices) run on the model thread too, but each network request waits on a
//    helper thread while the model keeps applying the commands posted meanwhile: a save
//    never waits for a slow link. A second StartSync, an Enroll or a RefreshDevices during
//    a running sync is answered at once through the feedback.
// It links no ImGui (client_core), so its behaviour is tested without a window.
// Implementation: app_model_impl.h (index of the files), view_models.h (screen data).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "client/model/view_data.h"
#include "shared/i18n/message.h"
#include "client/store/data_dir.h"
#include "client/sync/sync_engine.h"
#include "client/sync/sync_transport.h"
#include "shared/domain/instrument.h"
#include "shared/domain/validation.h"

namespace nastavnik {

namespace command {
// Create (empty id) or update a record; on success the draft `draft_key` is discarded.
// A self-assessment is completed first: the latest instrument version when none is given,
// the device's own person for a new person questionnaire, and "deficits" scored from the
// answers. On update, `fields` are the changes (null clears a field); others are kept.
struct SaveRecord {
  std::string entity, id;
  nlohmann::json fields;
  std::string draft_key;
};
struct DeleteRecord { std::string id; };
// Loads one record's stored fields into snapshot.opened_record, for a form that edits it;
// it follows later writes (local or from a sync) until another is opened. Empty id: none.
// A form sends its changes back as a SaveRecord update (record_changes.h).
struct OpenRecord { std::string id; };
// Persists a half-filled form so it survives closing the app or a crash (in the replica's
// meta table). Only a failure changes the feedback: autosaving must not hide a save's errors.
struct SaveDraft { std::string key; nlohmann::json fields; };
struct DiscardDraft { std::string key; };
struct SetSessionFilter { view::SessionFilter filter; };
struct SelectPair { std::string pair_id; };
struct SelectPerson { std::string person_id; };  // whose trend / route to show
struct StartSync {};
// Asks the server who it is (GET /v1/info) before enrolling: its key id lands in
// snapshot.sync (checked_url, checked_key_id, check_error) for the person to compare with
// the one the methodologist read out. A network job like a sync.
struct CheckServer { std::string server_url; };
// `expected_key`: the key id the person saw and accepted (CheckServer); the enrollment is
// refused, before the code is sent, when the server's key is another.
struct Enroll { std::string server_url, code, expected_key; };
// Settings: the enrolled server answers at a new address (a new domain, a new port). The
// address is changed only when the server there has the key pinned at enrollment, so a
// typo or another server cannot take the device's data. A network job like a sync.
struct ChangeServerAddress { std::string server_url; };
struct AcknowledgeConflict { std::string record_id, field, loser_hlc, winner_hlc; };
// Writes the losing value again, as a new edit, and acknowledges the conflict. A lost edit
// of a record deleted elsewhere (field "*") cannot be written again: the feedback says so.
struct ReapplyConflict { std::string record_id, field, loser_hlc, winner_hlc; };
struct AcknowledgeRejections {};
// Methodologists: fetch the device list of the municipality overview from the server
// (POST /v1/devices), verified with the pinned server key. It is a network job like a sync:
// commands posted meanwhile are applied while it waits. The outcome shows in
// snapshot.municipality (devices, devices_fetched_ms, devices_error) and in the feedback
// ("refresh_devices"); a failure keeps the list fetched before.
struct RefreshDevices {};
// The language of instrument texts in snapshots ("ru" or "en"); views translate the rest.
struct SetLanguage { std::string lang; };
// The half-year monitoring report of `period` ("2026/27-1") written to `path` as "pdf",
// "xlsx" or "csv" (client/report), in the model's language, as of today.
struct WriteReport { std::string period, format, path; };
// The monitoring screen is shown: compute the indicators, and keep them current from now on.
struct ShowMonitoring {};
// The half-year the municipality overview counts ("2026/27-1"); "" for the whole programme.
struct SetMunicipalityPeriod { std::string period; };
// The half-year report of `period` drawn as page images for the window (snapshot
// report_preview), as the PDF would print it; ClosePreview lets them go.
struct PreviewReport { std::string period; };
struct ClosePreview {};
// Courier bundles (client/sync/courier.h): write this laptop's pending work and what it
// carries for others to `path` (a USB stick); `carried_only`: only what it carries. Take a
// bundle from `path`: answers for this laptop are applied, envelopes for others kept.
struct ExportBundle { std::string path; bool carried_only = false; };
struct ImportBundle { std::string path; };
// Stamps again the changes the server refused for this laptop's clock, then syncs.
struct ResendRefused {};
}  // namespace command

using Command =
    std::variant<command::SaveRecord, command::DeleteRecord, command::OpenRecord, command::SaveDraft,
                 command::DiscardDraft, command::SetSessionFilter, command::SelectPair, command::SelectPerson, command::StartSync,
                 command::CheckServer, command::Enroll, command::ChangeServerAddress, command::AcknowledgeConflict, command::ReapplyConflict,
                 command::AcknowledgeRejections, command::RefreshDevices, command::SetLanguage, command::WriteReport,
                 command::ShowMonitoring, command::SetMunicipalityPeriod, command::PreviewReport,
                 command::ClosePreview, command::ExportBundle, command::ImportBundle, command::ResendRefused>;

// The outcome of the last command that can fail, for the view that sent it.
struct CommandFeedback {
  uint64_t sequence = 0;               // increases with every command applied
  // The fields below change only with commands that can fail (not with selections, filters
  // or successful draft saves).
  std::string form;                    // draft_key / command name it belongs to
  bool ok = true;
  std::vector<FieldError> field_errors;  // rendered inline by the form
  Message message;                     // for people: a catalog key with arguments (user_messages.h)
  std::string detail;                  // the technical reason in English, for a tooltip
  std::string created_id;
};

struct AppSnapshot {
  uint64_t version = 0;
  view::HomeData home;
  view::SessionList sessions;
  std::vector<view::VisitRow> visits;
  std::vector<view::AssessmentResult> assessments;   // this person's, newest first
  view::AssessmentTrend trend;                        // of the selected person (default: me)
  std::vector<view::RouteView> routes;                // routes this device may see
  std::vector<view::RoadmapRow> roadmap;
  std::vector<view::PairRef> pairs;                   // pairs this device may see
  std::vector<view::PersonRef> people;                // for pickers
  view::RegistryData registry;                        // schools, people, assignments
  view::OpenedRecord opened_record;                   // see command::OpenRecord
  view::PairCard pair_card;                           // the selected pair
  view::MunicipalityData municipality;
  view::MonitoringData monitoring;
  bool monitoring_ready = false;  // computed since the monitoring screen asked (ShowMonitoring)
  // The report's pages drawn for the window (command::PreviewReport); null when none is open.
  // Shared, not copied, from one snapshot to the next.
  std::shared_ptr<const view::ReportPreviewData> report_preview;
  std::string monitoring_error;  // the indicator catalogue could not be read
  view::SyncView sync;
  std::map<std::string, nlohmann::json> drafts;
  CommandFeedback feedback;
  std::string selected_pair_id;    // the pair of pair_card (default: the first pair)
  std::string selected_person_id;  // whose assessments and trend are shown (default: me)
  std::string language = "ru";     // of instrument texts (area titles)
  std::string load_error;          // non-empty when part of the replica could not be read
};

struct AppModelOptions {
  std::filesystem::path assets;  // instruments and demo data; empty: assets_dir()
  // Creates the transport for the stored server address (tests inject their own); empty:
  // HttpTransport. Requests run on a helper thread while the model keeps applying commands.
  std::function<Result<std::unique_ptr<SyncTransport>>(const std::string& url)> transport_factory;
  bool auto_sync = true;               // try a sync every `auto_sync_interval_s` when enrolled
  int auto_sync_interval_s = 300;
  std::string language = "ru";         // of instrument texts until SetLanguage
  // What "today" is for the home screen's upcoming items (local date of this clock);
  // tests and screenshots pin it. The replica's own clock stays the real one.
  WallClock calendar = system_wall_clock_ms;
  std::string device_name;             // sent at enrollment; empty: the host name
  SyncSettings sync_settings;          // for each sync run (tests shrink pages)
};

class AppModel {
 public:
  // Opens the replica of `data_dir` (NotFound when there is none yet: the first-run screen
  // creates it with create()).
  static Result<std::unique_ptr<AppModel>> open(const DataDir& data_dir, AppModelOptions options);
  // First run: creates the replica and device key, unbound to a person until enrollment.
  static Result<std::unique_ptr<AppModel>> create(const DataDir& data_dir, AppModelOptions options);
  ~AppModel();

  void post(Command command);
  std::shared_ptr<const AppSnapshot> snapshot() const;
  // Blocks until every command posted so far is applied and a snapshot reflects it (for
  // tests and for the screenshot mode; the UI never waits).
  void wait_idle();
  const InstrumentRegistry& instruments() const;

 private:
  struct Impl;
  explicit AppModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nastavnik
