#pragma once
// The data each screen of the desktop client shows, as plain structs. They are computed
// from the replica by ViewModels (view_models.h) off the UI thread and handed to the views
// as immutable snapshots; views only read them. Labels are ids and enum values: views
// translate them through the i18n catalog.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "client/report/report_preview.h"
#include "shared/i18n/message.h"

namespace nastavnik::view {

using nastavnik::Message;

// The name shown for a person, school or pair this replica does not have (a responsible
// person from another school, say): a code, never an id; the views show the catalog's
// text for it (ui_helpers.h ShownName).
inline constexpr const char* kNameElsewhere = "\x1e" "elsewhere";

struct PersonRef {
  std::string id;
  std::string name;  // full name from the registry, or kNameElsewhere when unknown here
};

struct PairRef {
  std::string id;
  std::string low_school;      // short school names, with «», № and dashes as written
  std::string partner_school;
  std::string low_school_full, partner_school_full;  // full legal names, for tooltips
};

// --- Home
struct UpcomingItem {
  std::string kind;  // "roadmap_event" or "next_session"
  std::string record_id;
  std::string date;  // YYYY-MM-DD
  std::string title;
  std::string pair_label;  // "<low school> — <partner school>" or empty
};
struct RecentItem {
  std::string entity, record_id, date, title;
};
struct HomeData {
  PersonRef me;
  std::vector<std::string> roles;
  std::string school_id;               // the person's school (write rules of school_admin)
  std::vector<UpcomingItem> upcoming;  // next 30 days, soonest first, at most 10
  std::vector<RecentItem> recent;      // last 10 records written on this device
  int64_t pending_ops = 0;
  int64_t unacked_changesets = 0;
  int64_t open_conflicts = 0;
  int64_t open_rejections = 0;
  uint64_t last_sync_ms = 0;           // 0: never
  bool enrolled = false;
  std::string server_url;
  std::string server_key_id;           // of the key pinned at enrollment (settings shows it)
  std::string revoked_message;         // non-empty when the server revoked this device
};

// --- Mentoring sessions
struct SessionFilter {
  std::string pair_id, person_id, date_from, date_to, format;  // empty: any
  bool operator==(const SessionFilter&) const = default;
};
struct SessionRow {
  std::string id, date, topic, format, stage;
  std::string pair_label;
  std::string mentor_name;
  int mentees = 0;
};
struct SessionList {
  SessionFilter filter;
  int64_t total = 0;             // rows matching the filter
  std::vector<SessionRow> rows;  // all matching rows (the view clips them)
};

// --- Lesson visits
struct VisitRow {
  std::string id, date, subject, host_school, visitor_name, teacher_name;
  int grade = 0;
  double mean_score = 0;  // mean of the observation protocol scores, 0 when none
  std::string follow_up_date;
};

// --- Self-assessment
struct AreaScoreView {
  std::string area_id;
  std::string title;     // in the UI language
  double mean = 0;       // NaN when no item of the area was answered
  double scale_min = 0, scale_max = 0;
  bool deficit = false;
  int answered = 0;      // items of the area that were answered
};
struct AssessmentResult {
  std::string record_id, instrument_id, date;
  int instrument_version = 0;
  std::vector<AreaScoreView> areas;  // empty when this program lacks that instrument version
  std::string instrument_title;      // in the UI language; empty when the version is unknown
};
// Trend of one person's self-assessments with one instrument, oldest first.
struct AssessmentTrend {
  std::string person_id, instrument_id;
  std::vector<std::string> dates;
  std::vector<std::string> area_ids, area_titles;
  std::vector<std::vector<double>> means;  // [assessment][area]; NaN where unanswered
};

// --- Individual route (ИОМ)
struct RouteStepView {
  std::string id, title, deficit, due_date, note;
  bool done = false;
};
struct RouteView {
  std::string id, title, status;
  PersonRef teacher, tutor;
  std::vector<std::string> deficits;
  std::vector<RouteStepView> steps;  // by due date
  double progress = 0;               // done steps / steps, 0 when no steps
};

// --- Roadmap
struct RoadmapRow {
  std::string id, title, planned_date, format, status, pair_label, responsible_name, report;
  std::string responsible_id, school_id;  // what the write rules look at
  int participants = 0;
};

// --- Registry (schools, people, assignments)
struct MunicipalityRef {
  std::string id, name;
};
struct SchoolRow {
  std::string id, name, short_name, municipality_id, municipality_name, address;
  bool low_results = false, difficult_social = false, leader = false, resource_center = false;
  std::optional<double> ior, social_index;  // 0..1, absent when the registry has none
  int ior_quartile = 0;                     // 1..4, 0 when absent
  int people = 0;                           // people of the registry at this school
};
struct PersonRow {
  std::string id, name, school_id, school_name, subject, position;
  std::vector<std::string> roles;  // enum values of "role"
};
struct PairRow {
  std::string id, label, low_school_name, partner_school_name;  // short school names
  std::string low_school_full, partner_school_full;             // full legal names
  std::vector<std::string> problem_zones;
  std::string model, direction, agreement_number, agreement_date;  // enum values, a date
  int assignments = 0;
};
struct AssignmentRow {
  std::string id, pair_id, pair_label, kind, mentor_id, mentor_name, mode, start_date;
  std::vector<std::string> mentee_names;  // by name
};
struct RegistryData {
  std::vector<SchoolRow> schools;            // by name
  std::vector<PersonRow> people;             // by name
  std::vector<PairRow> pairs;                // by label
  std::vector<AssignmentRow> assignments;    // by pair, then start date, then mentor
  std::vector<MunicipalityRef> municipalities;  // by name, for pickers
};

// --- One record opened for editing (command::OpenRecord)
// One write to a record, as the replica's op log keeps it (client/store/record_history.h).
struct HistoryRow {
  uint64_t time_ms = 0;
  std::string author_name;  // the writer's name (kNameElsewhere when the replica lacks them)
  std::string kind;         // "created", "changed" or "deleted": the i18n key suffix
  std::vector<std::pair<std::string, std::string>> fields;  // field, value as text ("": cleared)
  bool written_here = false, delivered = true, untrusted = false;
  std::string refusal;      // the server refused it, and why
};
struct OpenedRecord {
  std::string id, entity;  // empty id: none is open
  nlohmann::json fields;   // the stored fields as an object; null when not found
  bool found = false;      // false: unknown here or deleted (a sync may delete it)
  std::vector<HistoryRow> history;  // oldest first
};

// --- Pair review
struct MonthActivity {
  std::string month;  // YYYY-MM
  int events_planned = 0, events_done = 0, sessions = 0, visits = 0;
};
struct TimelineEntry {
  std::string date, entity, record_id, title;
};
// Progress through the eight stages of the learning-by-action chain (enum session_stage):
// how many sessions of each stage a pair held, as a whole or with one mentee.
struct StageProgress {
  std::string id, name;       // the pair (name: its label) or the mentee
  std::vector<int> sessions;  // one count per stage, in the chain's order
  std::string last_date;      // of the latest session counted
};

struct PairCard {
  PairRef pair;
  std::vector<std::string> problem_zones, topics;
  std::string model, direction, agreement_number, agreement_date, period_start, period_end;
  std::vector<PersonRef> mentors, mentees;
  std::vector<MonthActivity> plan_vs_done;  // by month, oldest first
  std::vector<TimelineEntry> timeline;      // newest first
  std::vector<AssessmentTrend> mentee_trends;
  std::vector<RecentItem> reviews;
  std::vector<StageProgress> stages;  // the pair first, then each mentee by name
};

// --- Municipality overview
struct PairActivityRow {
  PairRef pair;
  int sessions = 0, visits = 0, events_done = 0, events_planned = 0;
  std::string last_activity;  // latest date of any record of the pair
};
struct DeficitHeatmap {
  std::vector<std::string> school_ids, school_names;  // short names (full ones below)
  std::vector<std::string> school_full_names;
  std::vector<std::string> area_ids, area_titles;
  // [school][area]: share (0..1) of the school's teachers whose latest self-assessment
  // shows that area as a deficit; -1 when no teacher of the school has one. The share is
  // taken over the teachers who filled the self-assessment: a teacher who never filled it
  // is unknown, not free of deficits.
  std::vector<std::vector<double>> share;
  std::vector<int> assessed_teachers, teachers;  // [school]: who filled it, of how many
};
// One enrolled device of the municipality, as the server listed it (POST /v1/devices).
struct DeviceStatusRow {
  std::string device_id;
  std::string device_name;  // the label given at enrollment (often the computer's name)
  std::string person_id;
  std::string person_name;  // from the server's registry; empty when the server does not know them
  std::string role;         // the role the device was enrolled for
  std::string status;       // "active" or "revoked"
  uint64_t enrolled_ms = 0, last_seen_ms = 0;  // last_seen: its last sync (enrollment before)
};
// Monitoring: every indicator of the catalogue (assets/indicators) for the municipality,
// each pair and each school in this replica's scope, in every half-year from the first
// one with records to the latest — computed by shared/monitoring's engine.
struct MonitoringSourceRef {
  std::string id, entity, date, title;
};
struct MonitoringRow {
  std::string indicator_id, name, definition, kind, unit, better;
  bool reported = false;  // a figure the school enters (indicator_value), not computed
  double min = 0, max = 0;  // its allowed range, when reported
  std::string level;  // "municipality", "pair", "school"
  std::string subject_id, subject;
  std::vector<std::optional<double>> values;  // one per period of MonitoringData::periods
  std::vector<int> source_counts;             // records each value was computed from
  // Per period, the records of the value ("computed from"), newest first, at most 20.
  std::vector<std::vector<MonitoringSourceRef>> sources;
};
// A risk of the programme's register (programme_risk), for the list beside its form.
struct RiskRow {
  std::string id, title, school, likelihood, impact, status, owner, review_date;
};
// A conclusion, recommendation or decision of a period (period_note).
struct PeriodNoteRow {
  std::string id, period, kind, text, addressee, document, due_date;
};
// The half-year report drawn as pages for the window, as the PDF prints them.
struct ReportPreviewData {
  std::string period;                    // "2026/27-1"
  std::vector<report::PageImage> pages;  // the first pages, RGBA
  int total_pages = 0;
};
struct MonitoringData {
  std::vector<std::string> periods;  // "2026/27-1", oldest first; empty: no dated records
  std::vector<MonitoringRow> rows;   // municipality, then pairs, then schools, by name
  std::vector<RiskRow> risks;        // open ones first, then by title
  std::vector<PeriodNoteRow> notes;  // every period's, in the order written
};

struct MunicipalityData {
  std::string period;                // the half-year counted, "2026/27-1"; "" for the whole programme
  std::vector<std::string> periods;  // the half-years with dated work, oldest first
  std::vector<PairActivityRow> pairs;
  std::vector<StageProgress> pair_stages;  // one per pair, in the order of `pairs`
  DeficitHeatmap heatmap;
  // The device list, as last fetched from the server (methodologists; RefreshDevices). It
  // is kept in the replica's meta table, so it shows after a restart until refreshed.
  std::vector<DeviceStatusRow> devices;
  uint64_t devices_fetched_ms = 0;  // the server's time of that fetch; 0: never fetched
  bool devices_refreshing = false;  // a refresh waits for the server
  // Why the last refresh failed, empty after a success: "not_enrolled", "offline",
  // "not_methodologist", "revoked", "refused", "forged" (device_list_client.h), "busy" (a
  // sync or enrollment was waiting for the server) or "failed" (the replica could not be
  // read); the view's i18n key suffix. The list above is then the older one. `devices_error_detail` is the reason in English, for a tooltip.
  std::string devices_error, devices_error_detail;
};

// --- Sync
// One open conflict. `your_value` is always the superseded (losing) write, the one that
// ReapplyConflict writes again; `their_value` and `their_author_name` are the winning write.
// `mine_lost` says whether the superseded write was made on this device. For field "*"
// (kind "edit_of_deleted") `your_value` is the whole lost edit and `their_value` is null.
struct ConflictView {
  std::string record_id, entity, field, kind;
  std::string your_value, their_value;   // compact JSON text
  std::string their_author_name;
  std::string your_author_name;          // who made the superseded write
  std::string title;                     // the record's title, when it is still known here
  bool mine_lost = false;                // the losing write was made on this device
  std::string loser_hlc, winner_hlc;     // identify the conflict for acknowledge/re-apply
};
struct RejectionView {
  std::string record_id, entity, code, message;
  std::string title;        // the record's title, when it is known here
  uint64_t received_ms = 0;
};
// Before a sync: what it will send and how long it may take on the link as last measured
// (client/sync/sync_budget.h), and what this laptop carries for others (courier bundles).
struct SyncBudgetView {
  int64_t bytes_to_send = 0;
  bool measured = false;           // a finished sync measured the link
  uint64_t estimated_ms = 0, bytes_per_s = 0;
  int64_t last_received = 0;       // changes the last sync received
  int64_t carried_for_server = 0, carried_for_devices = 0;
};
struct SyncView {
  SyncBudgetView budget;
  bool running = false;
  int64_t changesets_sent = 0, changesets_total = 0, ops_received = 0;
  int requests = 0;
  // The request on its way: its changesets and how much of its (compressed) body has left.
  int64_t changesets_in_request = 0;
  uint64_t request_bytes_sent = 0, request_bytes = 0;
  Message last_result;       // what the last run did (msg::kSyncDone with its numbers)
  Message last_error;        // why the last run failed; empty when it succeeded
  std::string last_error_detail;  // the technical reason in English, for a tooltip
  Message clock_warning;     // the laptop's clock is off (msg::kSyncClockOff); empty when fine
  Message scope_notice;      // the person's scope shrank (msg::kScopeLeft); empty otherwise
  int64_t last_sent = 0, last_received = 0, last_conflicts = 0;
  uint64_t last_sync_ms = 0;
  std::vector<ConflictView> conflicts;
  std::vector<RejectionView> rejections;
  // The server asked about before enrolling (command::CheckServer): its key id, or why there
  // is none ("unreachable": no answer; "not_nastavnik": an answer that is not a Nastavnik
  // server's). checking is true while the question is on its way.
  std::string checked_url, checked_key_id, check_error;
  bool checking = false;
};

}  // namespace nastavnik::view
