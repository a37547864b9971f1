#include "client/store/outbox.h"

#include <cstdint>

#include "shared/domain/schema.h"
#include "shared/ops/changeset_chain.h"
#include "shared/sqlite/stored_frame.h"
#include "shared/sqlite/stored_op_body.h"

namespace nastavnik::replica {
namespace {

Result<int64_t> scalar(sql::Database& db, const char* sql) {
  auto st = db.prepare(sql);
  if (!st.ok()) return st.status();
  NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
  return row ? st->integer(0) : 0;
}

}  // namespace

Result<OutboxBacklog> Outbox::backlog() const {
  OutboxBacklog b;
  NASTAVNIK_ASSIGN_OR_RETURN(b.unsealed_ops, scalar(db_, "SELECT COUNT(*) FROM ops WHERE origin = 'local' AND changeset_seq IS NULL"));
  NASTAVNIK_ASSIGN_OR_RETURN(b.unacked_changesets, scalar(db_, "SELECT COUNT(*) FROM changesets WHERE acked_ms IS NULL"));
  return b;
}

Result<PendingSummary> Outbox::pending() const {
  PendingSummary p;
  NASTAVNIK_ASSIGN_OR_RETURN(OutboxBacklog b, backlog());
  p.unsealed_ops = b.unsealed_ops;
  p.unacked_changesets = b.unacked_changesets;
  NASTAVNIK_ASSIGN_OR_RETURN(p.ops_in_unacked, scalar(db_, "SELECT COALESCE(SUM(op_count), 0) FROM changesets WHERE acked_ms IS NULL"));
  NASTAVNIK_ASSIGN_OR_RETURN(p.flagged_ops, scalar(db_, "SELECT COUNT(*) FROM ops WHERE flagged IS NOT NULL"));
  NASTAVNIK_ASSIGN_OR_RETURN(p.open_conflicts, scalar(db_, "SELECT COUNT(*) FROM conflicts WHERE acknowledged = 0"));
  NASTAVNIK_ASSIGN_OR_RETURN(const int64_t framed, scalar(db_, "SELECT COALESCE(SUM(LENGTH(frame)), 0) FROM changesets WHERE acked_ms IS NULL"));
  NASTAVNIK_ASSIGN_OR_RETURN(const int64_t unsealed,
                             scalar(db_, "SELECT COALESCE(SUM(LENGTH(body)), 0) FROM ops WHERE origin = 'local' AND changeset_seq IS NULL"));
  p.bytes_to_send = framed + unsealed;
  auto st = db_.prepare(
      "SELECT entity, COUNT(*) FROM ops WHERE origin = 'local' AND changeset_seq IS NULL GROUP BY entity ORDER BY entity");
  if (!st.ok()) return st.status();
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    p.unsealed_by_entity.emplace_back(st->text(0), st->integer(1));
  }
  return p;
}

Result<std::vector<Op>> Outbox::unsealed_ops(int64_t limit) const {
  auto st = db_.prepare("SELECT body FROM ops WHERE origin = 'local' AND changeset_seq IS NULL ORDER BY hlc LIMIT ?");
  if (!st.ok()) return st.status();
  st->bind(1, limit);
  std::vector<Op> ops;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    NASTAVNIK_ASSIGN_OR_RETURN(std::string body, unpack_op_body(st->blob(0)));
    NASTAVNIK_ASSIGN_OR_RETURN(Op op, op_from_json(nlohmann::json::parse(body, nullptr, false)));
    ops.push_back(std::move(op));
  }
  return ops;
}

Result<std::pair<uint64_t, std::string>> Outbox::chain_head() const {
  auto st = db_.prepare("SELECT seq, hash FROM changesets ORDER BY seq DESC LIMIT 1");
  if (!st.ok()) return st.status();
  NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
  if (!row) return std::make_pair(uint64_t{0}, kGenesisHash);
  return std::make_pair(static_cast<uint64_t>(st->integer(0)), st->text(1));
}

Result<std::optional<OutboxEntry>> Outbox::seal_next(const crypto::KeyPair& key, size_t max_ops, uint64_t now_ms) {
  NASTAVNIK_ASSIGN_OR_RETURN(std::vector<Op> ops, unsealed_ops(static_cast<int64_t>(max_ops)));
  if (ops.empty()) return std::optional<OutboxEntry>();
  NASTAVNIK_ASSIGN_OR_RETURN(auto head, chain_head());
  const Changeset cs = next_in_chain(key.id(), head, kDomainSchemaVersion, std::move(ops), now_ms);
  const SealedChangeset sealed = ChangesetCodec::seal(cs, key.secret_key);
  OutboxEntry e{cs.header.seq, sealed.hash(), ChangesetCodec::frame(sealed),
                static_cast<int64_t>(cs.ops.size()), now_ms};
  NASTAVNIK_ASSIGN_OR_RETURN(std::string stored, pack_stored_frame(e.frame));
  auto ins = db_.prepare("INSERT INTO changesets(seq, hash, frame, op_count, created_ms) VALUES(?,?,?,?,?)");
  if (!ins.ok()) return ins.status();
  ins->bind(1, static_cast<int64_t>(e.seq)).bind(2, e.hash).bind_blob(3, stored).bind(4, e.op_count)
      .bind(5, static_cast<int64_t>(now_ms));
  NASTAVNIK_RETURN_IF_ERROR(ins->run());
  auto mark = db_.prepare("UPDATE ops SET changeset_seq = ? WHERE hlc = ?");
  if (!mark.ok()) return mark.status();
  for (const auto& op : cs.ops) {
    mark->reset();
    NASTAVNIK_RETURN_IF_ERROR(mark->bind(1, static_cast<int64_t>(e.seq)).bind(2, op.hlc.str()).run());
  }
  return std::optional<OutboxEntry>(std::move(e));
}

Result<std::vector<OutboxEntry>> Outbox::unacked() const { return unacked_up_to(SIZE_MAX); }

Result<std::vector<OutboxEntry>> Outbox::unacked_up_to(size_t max_bytes) const {
  auto st = db_.prepare("SELECT seq, hash, frame, op_count, created_ms FROM changesets WHERE acked_ms IS NULL ORDER BY seq");
  if (!st.ok()) return st.status();
  std::vector<OutboxEntry> out;
  size_t bytes = 0;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) break;
    NASTAVNIK_ASSIGN_OR_RETURN(std::string frame, unpack_stored_frame(st->blob(2)));
    if (!out.empty() && bytes + frame.size() > max_bytes) break;
    bytes += frame.size();
    out.push_back(OutboxEntry{static_cast<uint64_t>(st->integer(0)), st->text(1), std::move(frame), st->integer(3),
                              static_cast<uint64_t>(st->integer(4))});
  }
  return out;
}

Status Outbox::mark_acked(uint64_t seq, uint64_t now_ms) {
  auto st = db_.prepare("UPDATE changesets SET acked_ms = ? WHERE seq = ? AND acked_ms IS NULL");
  if (!st.ok()) return st.status();
  NASTAVNIK_RETURN_IF_ERROR(st->bind(1, static_cast<int64_t>(now_ms)).bind(2, static_cast<int64_t>(seq)).run());
  if (db_.changes() == 0) {
    auto exists = db_.prepare("SELECT 1 FROM changesets WHERE seq = ?");
    if (!exists.ok()) return exists.status();
    exists->bind(1, static_cast<int64_t>(seq));
    NASTAVNIK_ASSIGN_OR_RETURN(bool found, exists->step());
    if (!found) return Status::NotFound("no changeset " + std::to_string(seq) + " in the outbox");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> Outbox::records_with_unaccepted_work() const {
  auto st = db_.prepare(
      "SELECT DISTINCT o.record_id FROM ops o LEFT JOIN changesets c ON c.seq = o.changeset_seq "
      "WHERE o.origin = 'local' AND (o.changeset_seq IS NULL OR c.acked_ms IS NULL OR "
      "o.hlc IN (SELECT hlc FROM rejections)) ORDER BY o.record_id");
  if (!st.ok()) return st.status();
  std::vector<std::string> out;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, st->step());
    if (!row) return out;
    out.push_back(st->text(0));
  }
}

}  // namespace nastavnik::replica
