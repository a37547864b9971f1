#include "syncserver/ingest/changeset_ingest.h"

#include "shared/crypto/key_pair.h"
#include "shared/domain/schema.h"
#include "shared/domain/schema_upgrade.h"
#include "shared/protocol/wire_error.h"
#include "syncserver/ingest/feed_writer.h"

namespace nastavnik::server {
namespace {

using nlohmann::json;
using wire::ChangesetOutcome;
using wire::ChangesetResult;

ChangesetResult rejected(ChangesetResult r, const char* code, std::string message) {
  r.outcome = ChangesetOutcome::kRejected;
  r.code = code;
  r.message = std::move(message);
  return r;
}

json result_to_json(const ChangesetResult& r) {
  json ops = json::array();
  for (const auto& o : r.rejected_ops) ops.push_back({{"h", o.hlc}, {"code", o.code}, {"message", o.message}});
  return {{"rejected_ops", ops}};
}

std::vector<wire::RejectedOp> rejected_ops_from(const json& stored) {
  std::vector<wire::RejectedOp> out;
  for (const auto& o : stored.value("rejected_ops", json::array()))
    out.push_back({o.value("h", ""), o.value("code", ""), o.value("message", "")});
  return out;
}

std::string format_ms(uint64_t ms) {
  const time_t t = static_cast<time_t>(ms / 1000);
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

// Step 5 for one op: a reason to refuse it, or nothing.
std::optional<wire::RejectedOp> review_op(const Op& op, const std::optional<Record>& before, const DeviceScope& scope,
                                          uint64_t now_ms, const IngestSettings& settings) {
  if (op.hlc.ms > now_ms + settings.max_drift_ms)
    return wire::RejectedOp{op.hlc.str(), wire::kClockAhead,
                            "stamped " + format_ms(op.hlc.ms) + " but the server's time is " + format_ms(now_ms) +
                                ": the device clock is ahead; fix the date and time and record it again"};
  if (Status shape = check_op_shape(op); !shape.ok())
    return wire::RejectedOp{op.hlc.str(), wire::kInvalidOp, shape.message()};
  if (Status allowed = scope.can_write(op, before); !allowed.ok())
    return wire::RejectedOp{op.hlc.str(), wire::kOutOfScope, allowed.message()};
  return std::nullopt;
}

}  // namespace

const DeviceScope& ScopeCache::scope_for(const Device& device) {
  auto it = scopes_.find(device.id);
  if (it == scopes_.end()) it = scopes_.emplace(device.id, DeviceScope::build(device, registry_)).first;
  return it->second;
}

Result<ChangesetResult> ingest_changeset(CentralStore& store, const SealedChangeset& sealed, ScopeCache& scopes,
                                         uint64_t now_ms, const IngestSettings& settings) {
  ChangesetResult result;
  result.hash = sealed.hash();
  auto decoded = ChangesetCodec::decode_payload(sealed.payload);
  if (!decoded.ok()) return rejected(result, wire::kBadRequest, decoded.status().message());
  Changeset cs = std::move(decoded).value();
  result.device = cs.header.device;
  result.seq = cs.header.seq;

  // 1. The signing device.
  NASTAVNIK_ASSIGN_OR_RETURN(auto device, store.find_device(cs.header.device));
  if (!device) return rejected(result, wire::kUnknownDevice, "device " + cs.header.device.substr(0, 8) + "… is not enrolled");
  if (device->revoked())
    return rejected(result, wire::kRevoked, "device " + cs.header.device.substr(0, 8) + "… was revoked on " +
                                                format_ms(device->revoked_ms) + "; its changes are kept on the device");
  // 2. Signature over the received bytes.
  NASTAVNIK_ASSIGN_OR_RETURN(crypto::PublicKey key, crypto::public_key_from_hex(device->public_key));
  if (Status sig = ChangesetCodec::verify(sealed, key); !sig.ok())
    return rejected(result, wire::kBadSignature, "changeset " + std::to_string(cs.header.seq) + " of device " +
                                                     cs.header.device.substr(0, 8) + "…: " + sig.message());
  // 3. Versions.
  if (cs.header.format != kChangesetFormatVersion || cs.header.protocol != kProtocolVersion)
    return rejected(result, wire::kProtocolVersion,
                    "changeset format " + std::to_string(cs.header.format) + ", protocol " +
                        std::to_string(cs.header.protocol) + " is not understood by this server (format " +
                        std::to_string(kChangesetFormatVersion) + ", protocol " + std::to_string(kProtocolVersion) +
                        "): update the program that is older");
  if (Status up = upgrade_ops(cs.header.schema, cs.ops); !up.ok())
    return rejected(result, wire::kProtocolVersion, up.message());

  // 4. The hash chain, inside the transaction that will record the changeset.
  NASTAVNIK_ASSIGN_OR_RETURN(auto unit, store.begin_ingest());
  NASTAVNIK_ASSIGN_OR_RETURN(auto stored, unit->stored_hash(cs.header.device, cs.header.seq));
  if (stored) {
    if (*stored != result.hash)
      return rejected(result, wire::kChainBroken, "a different changeset " + std::to_string(cs.header.seq) +
                                                      " of this device was accepted before");
    NASTAVNIK_ASSIGN_OR_RETURN(auto previous, unit->stored_result(cs.header.device, cs.header.seq));
    result.outcome = ChangesetOutcome::kDuplicate;
    if (previous) result.rejected_ops = rejected_ops_from(*previous);
    return result;
  }
  NASTAVNIK_ASSIGN_OR_RETURN(auto head, unit->chain_head(cs.header.device));
  if (Status chain = ChangesetCodec::check_chain(cs.header, head.first, head.second); !chain.ok()) {
    if (chain.code() == StatusCode::kConflict) {
      result.expected_seq = head.first + 1;
      return rejected(result, wire::kChainGap, chain.message());
    }
    return rejected(result, wire::kChainBroken, chain.message());
  }

  // 5. Authorize and merge each op.
  const DeviceScope& scope = scopes.scope_for(*device);
  for (const auto& op : cs.ops) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto before, unit->record(op.id));
    if (auto refusal = review_op(op, before, scope, now_ms, settings)) {
      result.rejected_ops.push_back(*refusal);
      continue;
    }
    NASTAVNIK_RETURN_IF_ERROR(FeedWriter::apply(*unit, op, before, now_ms));
  }
  // 6. Durable before the receipt exists.
  NASTAVNIK_RETURN_IF_ERROR(unit->record_changeset(cs.header.device, cs.header.seq, result.hash,
                                                   ChangesetCodec::frame(sealed), result_to_json(result), now_ms));
  NASTAVNIK_RETURN_IF_ERROR(unit->commit());
  result.outcome = ChangesetOutcome::kAccepted;
  return result;
}

}  // namespace nastavnik::server
