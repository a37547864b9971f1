// Home screen: identity, upcoming items, recent local writes and the sync backlog.

#include <algorithm>

#include "client/model/rejection_acks.h"
#include "client/model/view_models.h"
#include "client/sync/sync_state.h"
#include "shared/domain/schema.h"

namespace nastavnik::model {
namespace {

constexpr int kUpcomingDays = 30;
constexpr size_t kMaxUpcoming = 10;
constexpr size_t kMaxRecent = 10;

bool upcoming_before(const view::UpcomingItem& a, const view::UpcomingItem& b) {
  return std::tie(a.date, a.kind, a.record_id) < std::tie(b.date, b.kind, b.record_id);
}

Status add_upcoming(const ViewContext& ctx, std::vector<view::UpcomingItem>& out) {
  const std::string last = add_days(ctx.today, kUpcomingDays);
  RecordQuery events;
  events.entity = "roadmap_event";
  events.date_from = ctx.today;
  events.date_to = last;
  NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, events, [&](const Record& r) {
    const std::string status = text_field(r, "status");
    if (status == "done" || status == "cancelled") return;
    out.push_back({"roadmap_event", r.id, text_field(r, "planned_date"), text_field(r, "title"),
                   ctx.directory.pair_label(text_field(r, "pair_id"))});
  }));
  // A next date is agreed in a session held before it, so only sessions up to the end of
  // the window can name one inside it.
  RecordQuery sessions;
  sessions.entity = "mentoring_session";
  sessions.date_to = last;
  return for_each_record(ctx, sessions, [&](const Record& r) {
    const std::string next = text_field(r, "next_date");
    if (next.empty() || next < ctx.today || next > last) return;
    out.push_back({"next_session", r.id, next, text_field(r, "topic"), ctx.directory.pair_label(text_field(r, "pair_id"))});
  });
}

// Records whose latest change carries this device's stamp, newest change first.
Status add_recent(const ViewContext& ctx, std::vector<view::RecentItem>& out) {
  const std::string& device = ctx.store.device_id();
  std::vector<std::pair<std::string, view::RecentItem>> found;  // (stamp, item)
  for (const auto& entity : DomainSchema::instance().entities()) {
    RecordQuery q;
    q.entity = entity.name;
    NASTAVNIK_RETURN_IF_ERROR(for_each_record(ctx, q, [&](const Record& r) {
      if (found.size() == kMaxRecent && r.updated_hlc <= found.back().first) return;
      if (stamp_device(r.updated_hlc) != device) return;
      found.emplace_back(r.updated_hlc, view::RecentItem{r.entity, r.id, record_date(r), shown_title(ctx, r)});
      std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      if (found.size() > kMaxRecent) found.pop_back();
    }));
  }
  for (auto& [stamp, item] : found) out.push_back(std::move(item));
  return Status::Ok();
}

}  // namespace

Result<view::HomeData> home_data(const ViewContext& ctx) {
  view::HomeData home;
  const Actor& actor = ctx.store.actor();
  home.roles.assign(actor.roles.begin(), actor.roles.end());
  home.school_id = actor.school_id;

  NASTAVNIK_RETURN_IF_ERROR(add_upcoming(ctx, home.upcoming));
  std::sort(home.upcoming.begin(), home.upcoming.end(), upcoming_before);
  if (home.upcoming.size() > kMaxUpcoming) home.upcoming.resize(kMaxUpcoming);
  NASTAVNIK_RETURN_IF_ERROR(add_recent(ctx, home.recent));

  NASTAVNIK_ASSIGN_OR_RETURN(PendingSummary pending, ctx.store.outbox().pending());
  home.pending_ops = pending.unsealed_ops + pending.ops_in_unacked;
  home.unacked_changesets = pending.unacked_changesets;
  home.open_conflicts = pending.open_conflicts;
  NASTAVNIK_ASSIGN_OR_RETURN(auto rejections, open_rejections(ctx.store));
  home.open_rejections = static_cast<int64_t>(rejections.size());

  NASTAVNIK_ASSIGN_OR_RETURN(SyncState state, SyncState::load(ctx.store));
  home.last_sync_ms = state.last_sync_ms;
  home.enrolled = state.enrolled();
  home.server_url = state.server_url;
  if (auto key = state.server_key(); key.ok()) home.server_key_id = crypto::key_id(*key);
  home.revoked_message = state.revoked_message;
  if (!actor.person_id.empty()) {
    home.me = ctx.directory.person(actor.person_id);
    // Before the first pull the registry is not here yet; enrollment told us the name.
    if (!ctx.directory.has_person(actor.person_id) && !state.person_name.empty()) home.me.name = state.person_name;
  }
  return home;
}

}  // namespace nastavnik::model
