#pragma once
// ViewModels: pure functions from the replica (through a ViewContext) to the data of each
// screen (view_data.h). They only read; the model calls them on its own thread to build a
// snapshot, and tests call them directly. Every function returns a Status when the replica
// cannot be read, never a partial screen.
//
// Files: view_context.{h,cpp} (names, helpers) · home_view_model.cpp · session_view_models.cpp
// (sessions, visits) · assessment_view_models.cpp (results, trends) · plan_view_models.cpp
// (routes, roadmap, pickers) · registry_view_model.cpp (registry, opened record) ·
// pair_view_model.cpp · municipality_view_model.cpp · sync_view_model.cpp.

#include <string>
#include <vector>

#include "client/model/view_context.h"
#include "client/model/view_data.h"
#include "shared/monitoring/indicator_engine.h"

namespace nastavnik::model {

// The instrument whose trends the self-assessment and pair screens show, and whose
// deficits the municipality heatmap counts.
inline constexpr const char* kDeficitInstrument = "teacher_deficits";

// --- Home: who I am, what is coming in the next 30 days (planned roadmap events and the
// next dates agreed in sessions, soonest first, at most 10), the last 10 records whose
// latest change was made on this device, and the sync backlog.
Result<view::HomeData> home_data(const ViewContext& ctx);

// --- Sessions matching the filter (pair, a person named in the session, date range
// inclusive, format), newest first.
Result<view::SessionList> session_list(const ViewContext& ctx, const view::SessionFilter& filter);
// --- Lesson visits, newest first.
Result<std::vector<view::VisitRow>> visit_rows(const ViewContext& ctx);

// --- Self-assessments. A record is scored with the instrument version it names; an
// unknown version gives a result without areas.
view::AssessmentResult assessment_result(const ViewContext& ctx, const Record& record);
// The person's self-assessments (any instrument), newest first.
Result<std::vector<view::AssessmentResult>> assessment_results(const ViewContext& ctx, const std::string& person_id);
// The person's self-assessments with one instrument, oldest first. Areas are those of the
// newest version used (in its order), then any area only older versions had. A mean is
// NaN where the assessment's version lacks the area or left it unanswered.
Result<view::AssessmentTrend> assessment_trend(const ViewContext& ctx, const std::string& person_id,
                                               const std::string& instrument_id);

// --- Individual routes with their steps (by due date, undated last), by teacher name.
Result<std::vector<view::RouteView>> route_views(const ViewContext& ctx);
// --- Roadmap events in calendar order (planned date, then id).
Result<std::vector<view::RoadmapRow>> roadmap_rows(const ViewContext& ctx);
// --- Pickers: pairs by low-results school name, people by name.
std::vector<view::PairRef> pair_refs(const ViewContext& ctx);
std::vector<view::PersonRef> person_refs(const ViewContext& ctx);

// --- Registry: schools with their flags, indices and municipality; people with their
// roles and school; mentor assignments with names; municipalities for pickers.
Result<view::RegistryData> registry_data(const ViewContext& ctx);
// --- The stored fields of one record, for a form that edits it. An unknown or deleted
// record gives found = false (not an error: a sync may have deleted it meanwhile).
Result<view::OpenedRecord> opened_record(const ViewContext& ctx, const std::string& id);
// Every write to the record the op log keeps, oldest first, for the history panel.
Result<view::SyncBudgetView> sync_budget_view(const ViewContext& ctx);
Result<std::vector<view::HistoryRow>> history_rows(const ViewContext& ctx, const std::string& id);

// --- Pair review: the pair's registry data, mentors and mentees from its assignments,
// plan vs done per month (every month from the first to the last with any activity),
// its records newest first, the mentees' deficit trends (those who filled one) and reviews.
// NotFound for an unknown pair.
Result<view::PairCard> pair_card(const ViewContext& ctx, const std::string& pair_id);

// --- Municipality: activity per pair and the deficit heatmap (view_data.h says how the
// shares are taken), of one half-year ("2026/27-1": its sessions, visits, reviews and
// events, and the assessments up to its end) or of the whole programme (""). The device
// list is the model's own (DeviceListCache).
Result<view::MunicipalityData> municipality_data(const ViewContext& ctx, const std::string& period = "");
// Every indicator in every half-year with records (monitoring_view_model.cpp).
Result<view::MonitoringData> monitoring_data(const ViewContext& ctx, const monitoring::IndicatorCatalog& catalog);
// `until`: only assessments dated up to this ISO date count ("": all).
Result<view::DeficitHeatmap> deficit_heatmap(const ViewContext& ctx, const std::string& until = "");

// --- Sync: open conflicts and unacknowledged rejections, with names and titles.
Result<std::vector<view::ConflictView>> conflict_views(const ViewContext& ctx);
Result<std::vector<view::RejectionView>> rejection_views(const ViewContext& ctx);

}  // namespace nastavnik::model
