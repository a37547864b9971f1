#include "syncserver/admin/registry_import.h"

#include "shared/domain/schema.h"
#include "shared/ops/changeset_chain.h"
#include "shared/i18n/catalog.h"
#include "syncserver/ingest/feed_writer.h"

namespace nastavnik::server {
namespace {

using nlohmann::json;

std::set<std::string> as_set(const json& v) {
  std::set<std::string> out;
  if (v.is_array())
    for (const auto& e : v)
      if (e.is_string()) out.insert(e.get<std::string>());
  return out;
}

// The op that brings `current` (empty for a new record) to `wanted`, or nothing.
std::optional<Op> diff_op(const EntitySchema& entity, const RegistryEntry& entry, const std::optional<Record>& current,
                          HlcClock& clock) {
  Op op;
  op.entity = entry.entity;
  op.id = entry.id;
  const json before = current && !current->deleted ? current->data : json::object();
  for (const auto& f : entity.fields) {
    if (f.name == kCreatedByField) continue;
    const json want = entry.fields.value(f.name, json());
    const json have = before.value(f.name, json());
    if (want == have) continue;
    if (f.is_set()) {
      const auto w = as_set(want), h = as_set(have);
      for (const auto& e : w)
        if (!h.count(e)) op.added[f.name].insert(e);
      for (const auto& e : h)
        if (!w.count(e)) op.removed[f.name].insert(e);
    } else {
      op.fields[f.name] = want;
    }
  }
  if (op.fields.empty() && op.added.empty() && op.removed.empty()) return std::nullopt;
  op.hlc = clock.now();
  return op;
}

// The server's changesets are few (one per import that changed something): its chain head is
// found by walking its sequence numbers.
Result<std::pair<uint64_t, std::string>> server_chain_head(IngestUnit& unit, const std::string& server_id) {
  uint64_t seq = 0;
  std::string hash = kGenesisHash;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto next, unit.stored_hash(server_id, seq + 1));
    if (!next) return std::make_pair(seq, hash);
    ++seq;
    hash = *next;
  }
}

// A registry of a whole region is a few thousand records: changesets of this many ops stay
// far below the payload limit.
constexpr size_t kOpsPerServerChangeset = 1000;

Status record_signed_import(IngestUnit& unit, const std::vector<Op>& ops, const crypto::KeyPair& key, uint64_t now_ms) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto head, server_chain_head(unit, key.id()));
  for (size_t at = 0; at < ops.size(); at += kOpsPerServerChangeset) {
    const Changeset cs = next_in_chain(
        key.id(), head, kDomainSchemaVersion,
        std::vector<Op>(ops.begin() + static_cast<std::ptrdiff_t>(at),
                        ops.begin() + static_cast<std::ptrdiff_t>(std::min(ops.size(), at + kOpsPerServerChangeset))),
        now_ms);
    const SealedChangeset sealed = ChangesetCodec::seal(cs, key.secret_key);
    const json result{{"device", key.id()}, {"seq", cs.header.seq}, {"hash", sealed.hash()},
                      {"outcome", "accepted"}, {"registry_import", true}};
    NASTAVNIK_RETURN_IF_ERROR(
        unit.record_changeset(key.id(), cs.header.seq, sealed.hash(), ChangesetCodec::frame(sealed), result, now_ms));
    head = {cs.header.seq, sealed.hash()};
  }
  return Status::Ok();
}

}  // namespace

Result<ImportReport> import_registry(CentralStore& store, const RegistryFile& file, HlcClock& clock,
                                     const crypto::KeyPair& server_key, uint64_t now_ms) {
  if (clock.device() != server_key.id())
    return Status::InvalidArgument("the registry is stamped by the server's own clock (its key id)");
  if (!file.errors.empty()) {
    const auto& [index, error] = file.errors.front();
    return Status::InvalidArgument("record " + std::to_string(index + 1) + " (" + error.entity + "." + error.field +
                                   "): " + render_error(error, Catalog()) + "; nothing was imported");
  }
  ImportReport report;
  std::vector<Op> written;
  NASTAVNIK_ASSIGN_OR_RETURN(auto unit, store.begin_ingest());
  for (const auto& entry : file.entries) {
    const EntitySchema& entity = *DomainSchema::instance().entity(entry.entity);
    NASTAVNIK_ASSIGN_OR_RETURN(auto current, unit->record(entry.id));
    if (current && current->entity != entry.entity)
      return Status::InvalidArgument("record " + entry.id + " is a " + current->entity + " in the store, not a " +
                                     entry.entity + "; nothing was imported");
    auto op = diff_op(entity, entry, current, clock);
    if (!op) {
      ++report.unchanged[entry.entity];
      continue;
    }
    // The import saw the store's current values: name them as bases, so only edits the
    // import could not have seen show up as conflicts.
    if (current) {
      NASTAVNIK_ASSIGN_OR_RETURN(auto stamps, unit->field_stamps(entry.id));
      for (const auto& [name, value] : op->fields.items())
        if (stamps.count(name)) op->bases[name] = stamps.at(name);
    }
    NASTAVNIK_RETURN_IF_ERROR(FeedWriter::apply(*unit, *op, current, now_ms));
    ++(current && !current->deleted ? report.updated : report.created)[entry.entity];
    written.push_back(std::move(*op));
  }
  NASTAVNIK_RETURN_IF_ERROR(record_signed_import(*unit, written, server_key, now_ms));
  NASTAVNIK_RETURN_IF_ERROR(unit->commit());
  return report;
}

}  // namespace nastavnik::server
