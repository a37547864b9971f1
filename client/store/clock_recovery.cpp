// A laptop whose clock ran ahead stamps its work in the future; the server refuses such ops
// (`clock_ahead`) and, because a device's stamps never go back, the laptop would go on
// stamping ahead for as long as its clock was wrong even after the clock is fixed. Here the
// device's own ops that nobody has accepted — not yet sealed, or refused for their stamp —
// are given new stamps from the corrected clock, in their order, and made pending again.
// Nothing else changes: the records keep the values the user typed, only which stamp they
// come from is renamed.

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "client/store/local_store.h"
#include "shared/protocol/wire_error.h"
#include "shared/sqlite/stored_op_body.h"

namespace nastavnik {
namespace {

using nlohmann::json;

constexpr const char* kServerClockKey = "server_clock";  // "offset_ms learned_at_raw_ms"

std::string replace_all(std::string text, const std::map<std::string, std::string>& renames) {
  for (const auto& [from, to] : renames)
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  return text;
}

Result<std::vector<std::string>> column_of(sql::Database& db, const std::string& query, const std::string& arg) {
  auto st = db.prepare(query);
  if (!st.ok()) return st.status();
  if (!arg.empty()) st->bind(1, arg);
  std::vector<std::string> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return out;
    out.push_back(st->text(0));
  }
}

}  // namespace

uint64_t LocalStore::wall_now() const {
  const uint64_t raw = options_.wall();
  // A clock set back since the server's time was heard was fixed: its own reading is right.
  if (server_offset_ms_ >= 0 || raw < offset_learned_at_ms_) return raw;
  const uint64_t behind = static_cast<uint64_t>(-server_offset_ms_);
  return raw > behind ? raw - behind : raw;
}

HlcClock LocalStore::fresh_clock() const {
  return HlcClock(device_id_, [this] { return wall_now(); }, options_.max_drift_ms);
}

Status LocalStore::load_server_clock() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto saved, meta(kServerClockKey));
  if (!saved) return Status::Ok();
  long long offset = 0;
  unsigned long long learned = 0;
  if (std::sscanf(saved->c_str(), "%lld %llu", &offset, &learned) != 2)
    return Status::Corruption("the replica's record of the server's time is damaged");
  server_offset_ms_ = offset;
  offset_learned_at_ms_ = learned;
  return Status::Ok();
}

Result<int64_t> LocalStore::observe_server_time(uint64_t server_ms) {
  if (server_ms == 0) return int64_t{0};
  const uint64_t raw = options_.wall();
  const int64_t offset = static_cast<int64_t>(server_ms) - static_cast<int64_t>(raw);
  // Only a clock running ahead is corrected: a slow one makes stamps no server refuses.
  const bool ahead = offset < -static_cast<int64_t>(options_.max_drift_ms);
  server_offset_ms_ = ahead ? offset : 0;
  offset_learned_at_ms_ = ahead ? raw : 0;
  NASTAVNIK_RETURN_IF_ERROR(
      set_meta(kServerClockKey, std::to_string(server_offset_ms_) + " " + std::to_string(offset_learned_at_ms_)));
  return recover_clock();
}

Result<int64_t> LocalStore::recover_clock() {
  const uint64_t wall = wall_now();
  if (clock_.last().ms <= wall + options_.max_drift_ms) return int64_t{0};
  const std::string bound = Hlc{wall + options_.max_drift_ms, 0, std::string(32, '0')}.str();
  // Ops of this device sealed but not yet answered would be refused with the old stamps and
  // cannot be re-stamped (they are signed): recovery waits for the sync that answers them.
  NASTAVNIK_ASSIGN_OR_RETURN(auto in_flight, column_of(*db_,
      "SELECT o.hlc FROM ops o JOIN changesets c ON c.seq = o.changeset_seq "
      "WHERE o.origin = 'local' AND o.hlc > ?1 AND c.acked_ms IS NULL LIMIT 1", bound));
  if (!in_flight.empty()) return int64_t{0};
  // Refused for any reason, an op stamped ahead was never accepted: it is re-stamped too (and
  // refused again, now with a true stamp, if its reason was another), so that none of this
  // device's stamps is left ahead of the clock.
  NASTAVNIK_ASSIGN_OR_RETURN(auto ahead, column_of(*db_,
      "SELECT hlc FROM ops WHERE origin = 'local' AND hlc > ?1 AND (changeset_seq IS NULL OR hlc IN "
      "(SELECT hlc FROM rejections)) ORDER BY hlc", bound));
  return restamp_own_ops(ahead);
}

Result<int64_t> LocalStore::resend_refused_for_clock() {
  NASTAVNIK_ASSIGN_OR_RETURN(auto refused, column_of(*db_,
      "SELECT r.hlc FROM rejections r JOIN ops o ON o.hlc = r.hlc WHERE o.origin = 'local' AND r.code = ?1 "
      "ORDER BY r.hlc", wire::kClockAhead));
  return restamp_own_ops(refused);
}

Result<int64_t> LocalStore::restamp_own_ops(const std::vector<std::string>& hlcs) {
  if (hlcs.empty() && clock_.last().ms <= wall_now() + options_.max_drift_ms) return int64_t{0};
  const std::set<std::string> moving(hlcs.begin(), hlcs.end());
  sql::Transaction tx(*db_);
  NASTAVNIK_RETURN_IF_ERROR(tx.begin());
  // The clock starts again from the newest stamp that stays, so the new stamps still order
  // after everything else in the log, as the old ones did.
  HlcClock clock = fresh_clock();
  {
    auto newest = db_->prepare("SELECT hlc FROM ops ORDER BY hlc DESC");
    if (!newest.ok()) return newest.status();
    for (;;) {
      NASTAVNIK_ASSIGN_OR_RETURN(bool row, newest->step());
      if (!row) break;
      if (moving.count(newest->text(0))) continue;
      NASTAVNIK_ASSIGN_OR_RETURN(Hlc floor, Hlc::parse(newest->text(0)));
      clock.restore(floor);
      break;
    }
  }
  std::map<std::string, std::string> renames;
  std::vector<std::pair<std::string, Op>> ops;  // old stamp, op with its new stamp
  std::set<std::string> records;
  auto read = db_->prepare("SELECT body FROM ops WHERE hlc = ?");
  if (!read.ok()) return read.status();
  for (const auto& old : hlcs) {
    read->reset();
    read->bind(1, old);
    NASTAVNIK_ASSIGN_OR_RETURN(bool found, read->step());
    if (!found) return Status::NotFound("op " + old + " is no longer in the replica");
    NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(read->blob(0)));
    NASTAVNIK_ASSIGN_OR_RETURN(Op op, op_from_json(json::parse(body, nullptr, false)));
    op.hlc = clock.now();
    renames[old] = op.hlc.str();
    records.insert(op.id);
    ops.emplace_back(old, std::move(op));
  }
  read->reset();
  // Two steps, so that a new stamp never meets an old one still in the log.
  for (const auto& [old, op] : ops) {
    auto park = db_->prepare("UPDATE ops SET hlc = '~' || hlc WHERE hlc = ?");
    if (!park.ok()) return park.status();
    NASTAVNIK_RETURN_IF_ERROR(park->bind(1, old).run());
  }
  for (auto& [old, op] : ops) {
    for (auto& [field, base] : op.bases) {
      auto renamed = renames.find(base.str());
      if (renamed == renames.end()) continue;
      NASTAVNIK_ASSIGN_OR_RETURN(base, Hlc::parse(renamed->second));
    }
    NASTAVNIK_ASSIGN_OR_RETURN(std::string stored, pack_op_body(op_to_json(op).dump()));
    auto put = db_->prepare("UPDATE ops SET hlc = ?, body = ?, changeset_seq = NULL, flagged = NULL WHERE hlc = ?");
    if (!put.ok()) return put.status();
    NASTAVNIK_RETURN_IF_ERROR(put->bind(1, op.hlc.str()).bind_blob(2, stored).bind(3, "~" + old).run());
    for (const char* column : {"loser_hlc", "winner_hlc"}) {
      auto conflicts = db_->prepare(std::string("UPDATE conflicts SET ") + column + " = ? WHERE " + column + " = ?");
      if (!conflicts.ok()) return conflicts.status();
      NASTAVNIK_RETURN_IF_ERROR(conflicts->bind(1, op.hlc.str()).bind(2, old).run());
    }
    auto settled = db_->prepare("DELETE FROM rejections WHERE hlc = ?");
    if (!settled.ok()) return settled.status();
    NASTAVNIK_RETURN_IF_ERROR(settled->bind(1, old).run());
  }
  for (const auto& id : records) {
    auto row = db_->prepare("SELECT stamps, updated_hlc FROM records WHERE id = ?");
    if (!row.ok()) return row.status();
    row->bind(1, id);
    NASTAVNIK_ASSIGN_OR_RETURN(bool found, row->step());
    if (!found) continue;
    const std::string stamps = replace_all(row->text(0), renames), updated = replace_all(row->text(1), renames);
    row->reset();
    auto put = db_->prepare("UPDATE records SET stamps = ?, updated_hlc = ? WHERE id = ?");
    if (!put.ok()) return put.status();
    NASTAVNIK_RETURN_IF_ERROR(put->bind(1, stamps).bind(2, updated).bind(3, id).run());
  }
  NASTAVNIK_RETURN_IF_ERROR(set_meta("last_hlc", clock.last().str()));
  NASTAVNIK_RETURN_IF_ERROR(tx.commit());
  clock_ = clock;
  return static_cast<int64_t>(ops.size());
}

}  // namespace nastavnik
