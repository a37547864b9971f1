#include "client/model/snapshot_builder.h"

#include <algorithm>

#include "client/model/draft_store.h"
#include "client/model/view_models.h"

namespace nastavnik::model {
namespace {

// The selected pair if it is still here, else the first one (the card is never blank while
// the replica has pairs).
std::string resolve_pair(const std::string& wanted, const std::vector<view::PairRef>& pairs) {
  for (const auto& p : pairs)
    if (p.id == wanted) return wanted;
  return pairs.empty() ? std::string() : pairs.front().id;
}

}  // namespace

void SnapshotBuilder::section(const std::string& name, const Status& status) {
  if (status.ok()) errors_.erase(name);
  else errors_[name] = status.message();
}

std::shared_ptr<AppSnapshot> SnapshotBuilder::build(const AppSnapshot& previous, const SnapshotInputs& in,
                                                    unsigned dirty) {
  auto next = std::make_shared<AppSnapshot>(previous);
  next->version = previous.version + 1;
  next->feedback = in.feedback;
  next->language = in.lang;

  // Computes one section; a library exception (malformed data) is that section's error, it
  // must not end the model thread.
  auto assign = [&](const char* name, auto compute, auto& target) {
    try {
      auto result = compute();
      section(name, result.status());
      if (result.ok()) target = std::move(result).value();
    } catch (const std::exception& e) {
      section(name, Status::Internal(std::string("unexpected data: ") + e.what()));
    }
  };
  if (!directory_ || (dirty & kDirtyRecords)) {
    std::optional<Directory> loaded;
    assign("registry", [&] { return Directory::load(records_); }, loaded);
    if (loaded) directory_ = std::move(loaded);
    if (!directory_) directory_.emplace();
    dirty |= kDirtyRecords;
  }
  const ViewContext ctx{in.store, in.instruments, *directory_, records_, in.lang, in.today};
  const bool all = (dirty & kDirtyRecords) != 0;

  if (all) {
    next->pairs = pair_refs(ctx);
    next->people = person_refs(ctx);
  }
  const std::string pair = resolve_pair(in.selected_pair, next->pairs);
  const std::string person = in.selected_person.empty() ? in.store.actor().person_id : in.selected_person;
  const bool pair_changed = pair != previous.selected_pair_id || (dirty & kDirtyPair);
  const bool person_changed = person != previous.selected_person_id || (dirty & kDirtyPerson);
  next->selected_pair_id = pair;
  next->selected_person_id = person;

  if (all || (dirty & kDirtySync)) assign("home", [&] { return home_data(ctx); }, next->home);
  if (all || (dirty & kDirtySessions)) assign("sessions", [&] { return session_list(ctx, in.filter); }, next->sessions);
  if (all) {
    assign("visits", [&] { return visit_rows(ctx); }, next->visits);
    assign("routes", [&] { return route_views(ctx); }, next->routes);
    assign("roadmap", [&] { return roadmap_rows(ctx); }, next->roadmap);
    assign("registry lists", [&] { return registry_data(ctx); }, next->registry);
  }
  if (all || (dirty & kDirtyMunicipality))
    assign("municipality", [&] { return municipality_data(ctx, in.municipality_period); }, next->municipality);
  if (in.monitoring_wanted && (all || (dirty & kDirtyMonitoring))) {
    assign("monitoring", [&] { return monitoring_data(ctx, in.indicators); }, next->monitoring);
    next->monitoring_ready = true;
  }
  if (all || (dirty & kDirtyOpened))
    assign("opened record", [&] { return opened_record(ctx, in.opened_record); }, next->opened_record);
  if (all || person_changed) {
    assign("assessments", [&] { return assessment_results(ctx, person); }, next->assessments);
    assign("trend", [&] { return assessment_trend(ctx, person, kDeficitInstrument); }, next->trend);
  }
  if (all || pair_changed) {
    if (pair.empty()) next->pair_card = view::PairCard{};
    else assign("pair", [&] { return pair_card(ctx, pair); }, next->pair_card);
  }
  std::vector<view::ConflictView> conflicts = std::move(next->sync.conflicts);
  std::vector<view::RejectionView> rejections = std::move(next->sync.rejections);
  view::SyncBudgetView budget = next->sync.budget;
  if (all || (dirty & kDirtySync)) {
    assign("conflicts", [&] { return conflict_views(ctx); }, conflicts);
    assign("rejections", [&] { return rejection_views(ctx); }, rejections);
    assign("sync budget", [&] { return sync_budget_view(ctx); }, budget);
  }
  if (dirty & kDirtyDrafts) assign("drafts", [&] { return DraftStore::load(in.store); }, next->drafts);

  next->sync = in.sync_status;
  next->sync.conflicts = std::move(conflicts);
  next->sync.rejections = std::move(rejections);
  next->sync.budget = budget;
  next->sync.last_sync_ms = next->home.last_sync_ms;

  next->load_error.clear();
  for (const auto& [name, reason] : errors_)
    next->load_error += (next->load_error.empty() ? "" : "; ") + name + ": " + reason;
  return next;
}

}  // namespace nastavnik::model
