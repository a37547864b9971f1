// What the sync screen lists: conflicts kept by the reconciler and ops the server refused,
// with names and titles so a person can tell which of their records is concerned.

#include "client/model/rejection_acks.h"
#include "client/model/view_models.h"
#include "client/sync/sync_budget.h"
#include "client/sync/sync_engine.h"
#include "client/sync/sync_state.h"

namespace nastavnik::model {
namespace {

// The record's entity and title, as far as this replica still knows the record.
std::pair<std::string, std::string> describe(const ViewContext& ctx, const std::string& id, std::string entity) {
  auto record = ctx.store.reader().get(id);
  if (!record.ok()) return {entity, ""};
  if (entity.empty()) entity = record->entity;
  return {entity, shown_title(ctx, *record)};
}

std::string compact(const nlohmann::json& value) { return value.is_discarded() ? "null" : value.dump(); }

}  // namespace

Result<std::vector<view::ConflictView>> conflict_views(const ViewContext& ctx) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto conflicts, ctx.store.reader().conflicts(false));
  std::vector<view::ConflictView> out;
  for (const auto& c : conflicts) {
    view::ConflictView v;
    v.record_id = c.record_id;
    std::tie(v.entity, v.title) = describe(ctx, c.record_id, c.entity);
    v.field = c.field;
    v.kind = c.kind;
    v.your_value = compact(c.loser_value);
    v.their_value = compact(c.winner_value);
    v.your_author_name = ctx.directory.person_name(c.loser_author);
    v.their_author_name = ctx.directory.person_name(c.winner_author);
    v.mine_lost = stamp_device(c.loser_hlc) == ctx.store.device_id();
    v.loser_hlc = c.loser_hlc;
    v.winner_hlc = c.winner_hlc;
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<view::RejectionView>> rejection_views(const ViewContext& ctx) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto rejections, open_rejections(ctx.store));
  std::vector<view::RejectionView> out;
  for (const auto& r : rejections) {
    view::RejectionView v;
    v.record_id = r.record_id;
    std::tie(v.entity, v.title) = describe(ctx, r.record_id, r.entity);
    v.code = r.code;
    v.message = r.message;
    v.received_ms = r.received_ms;
    out.push_back(std::move(v));
  }
  return out;
}

Result<view::SyncBudgetView> sync_budget_view(const ViewContext& ctx) {
  view::SyncBudgetView v;
  NASTAVNIK_ASSIGN_OR_RETURN(const SyncBudget budget, sync_budget(ctx.store, SyncSettings{}.max_request_bytes));
  v.bytes_to_send = budget.pending.bytes_to_send;
  v.measured = budget.last.has_value() && budget.last->bytes_per_s > 0;
  v.estimated_ms = budget.estimated_ms;
  if (budget.last) {
    v.bytes_per_s = budget.last->bytes_per_s;
    v.last_received = budget.last->ops_received;
  }
  NASTAVNIK_ASSIGN_OR_RETURN(const SyncState state, SyncState::load(ctx.store));
  if (state.enrolled()) {
    NASTAVNIK_ASSIGN_OR_RETURN(const crypto::PublicKey server_key, state.server_key());
    NASTAVNIK_ASSIGN_OR_RETURN(const replica::CarriedCount carried, ctx.store.courier().count(crypto::key_id(server_key)));
    v.carried_for_server = carried.for_server;
    v.carried_for_devices = carried.for_devices;
  }
  return v;
}

}  // namespace nastavnik::model
