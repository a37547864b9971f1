#include "syncserver/admin/audit.h"

#include <map>
#include <optional>

#include "shared/ops/changeset.h"

namespace nastavnik::server {
namespace {

struct ChainPosition {
  uint64_t seq = 0;
  std::string hash;
};

class Auditor {
 public:
  Auditor(CentralStore& store, const crypto::KeyPair& server_key) : store_(store), server_key_(server_key) {}

  // A changeset found broken still holds its place in the chain (by its stored number and
  // hash), so one altered changeset is one break, not also a gap after it.
  Status check(const ArchivedChangeset& stored) {
    const Status checked = check_one(stored);
    if (!chains_[stored.device] || chains_[stored.device]->seq < stored.seq)
      chains_[stored.device] = ChainPosition{stored.seq, stored.hash};
    return checked;
  }

  Status check_one(const ArchivedChangeset& stored) {
    ++report.changesets;
    if (stored.device == server_key_.id()) ++report.server_changesets;
    auto key = key_of(stored.device);
    if (!key.ok()) return key.status();
    if (!*key) return broken(stored, "the device that signed it is not enrolled in this store");
    auto frames = ChangesetCodec::unframe(stored.frame);
    if (!frames.ok() || frames->size() != 1) return broken(stored, "the stored frame is damaged");
    const SealedChangeset& sealed = frames->front();
    if (!ChangesetCodec::verify(sealed, **key).ok())
      return broken(stored, "the signature does not verify: the changeset was altered after it was signed");
    if (sealed.hash() != stored.hash) return broken(stored, "the stored hash is not the hash of the stored changeset");
    auto decoded = ChangesetCodec::decode_payload(sealed.payload);
    if (!decoded.ok()) return broken(stored, "the signed payload is not a well-formed changeset");
    const ChangesetHeader& h = decoded->header;
    if (h.device != stored.device || h.seq != stored.seq)
      return broken(stored, "the changeset is kept under another device or number than it was signed with");
    auto& chain = chains_[stored.device];
    if (chain) {
      if (h.seq != chain->seq + 1)
        broken(stored, "changesets " + std::to_string(chain->seq + 1) + "–" + std::to_string(h.seq - 1) +
                           " of this device are missing from the store");
      else if (h.prev != chain->hash)
        broken(stored, "the chain is broken: it does not follow the device's previous changeset");
    } else if (h.seq == 1 && h.prev != kGenesisHash) {
      broken(stored, "the device's first changeset does not start its chain");
    }
    return Status::Ok();
  }

  // Each device's last kept changeset must be the head the store answers new ones against.
  Status check_heads() {
    for (const auto& [device, chain] : chains_) {
      if (!chain || device == server_key_.id()) continue;
      NASTAVNIK_ASSIGN_OR_RETURN(auto row, store_.find_device(device));
      if (row && (row->last_seq != chain->seq || row->last_hash != chain->hash))
        report.breaks.push_back({device, row->last_seq,
                                 "the store's chain head (changeset " + std::to_string(row->last_seq) +
                                     ") is not the last changeset it keeps (" + std::to_string(chain->seq) + ")"});
    }
    report.devices = static_cast<int64_t>(chains_.size());
    return Status::Ok();
  }

  AuditReport report;

 private:
  Status broken(const ArchivedChangeset& stored, const std::string& problem) {
    report.breaks.push_back({stored.device, stored.seq, problem});
    return Status::Ok();
  }

  Result<std::optional<crypto::PublicKey>> key_of(const std::string& device) {
    if (device == server_key_.id()) return std::optional<crypto::PublicKey>(server_key_.public_key);
    auto known = keys_.find(device);
    if (known != keys_.end()) return known->second;
    NASTAVNIK_ASSIGN_OR_RETURN(auto row, store_.find_device(device));
    std::optional<crypto::PublicKey> key;
    if (row) {
      auto parsed = crypto::public_key_from_hex(row->public_key);
      if (parsed.ok()) key = *parsed;
    }
    keys_[device] = key;
    return key;
  }

  CentralStore& store_;
  const crypto::KeyPair& server_key_;
  std::map<std::string, std::optional<crypto::PublicKey>> keys_;
  std::map<std::string, std::optional<ChainPosition>> chains_;
};

}  // namespace

Result<AuditReport> verify_store(CentralStore& store, const crypto::KeyPair& server_key,
                                 const std::function<void(int64_t)>& progress) {
  Auditor auditor(store, server_key);
  constexpr int64_t kProgressEvery = 5000;
  NASTAVNIK_RETURN_IF_ERROR(store.for_each_changeset(0, UINT64_MAX, [&](const ArchivedChangeset& c) {
    NASTAVNIK_RETURN_IF_ERROR(auditor.check(c));
    if (progress && auditor.report.changesets % kProgressEvery == 0) progress(auditor.report.changesets);
    return Status::Ok();
  }));
  NASTAVNIK_RETURN_IF_ERROR(auditor.check_heads());
  return std::move(auditor.report);
}

}  // namespace nastavnik::server
