#include "client/sync/sync_budget.h"

#include <algorithm>

namespace nastavnik {
namespace {

using nlohmann::json;
constexpr const char* kLinkKey = "last_link";
// Below this a sync says nothing of the link's speed: it was all round trips.
constexpr uint64_t kMinBytesToMeasure = 16 * 1024;

Result<std::optional<LinkMeasure>> load_link_measure(const LocalStore& store) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto text, store.meta(kLinkKey));
  if (!text) return std::optional<LinkMeasure>();
  const json j = json::parse(*text, nullptr, false);
  if (!j.is_object()) return std::optional<LinkMeasure>();  // an unreadable measure is no measure
  LinkMeasure m;
  m.at_ms = j.value("at_ms", uint64_t{0});
  m.bytes_sent = j.value("bytes_sent", uint64_t{0});
  m.bytes_received = j.value("bytes_received", uint64_t{0});
  m.elapsed_ms = j.value("elapsed_ms", uint64_t{0});
  m.requests = j.value("requests", 0);
  m.ops_received = j.value("ops_received", int64_t{0});
  m.bytes_per_s = j.value("bytes_per_s", uint64_t{0});
  m.round_trip_ms = j.value("round_trip_ms", uint64_t{0});
  return std::optional<LinkMeasure>(m);
}

}  // namespace

Status save_link_measure(LocalStore& store, const LinkMeasure& given) {
  LinkMeasure m = given;
  NASTAVNIK_ASSIGN_OR_RETURN(const auto before, load_link_measure(store));
  const uint64_t bytes = m.bytes_sent + m.bytes_received;
  const uint64_t requests = static_cast<uint64_t>(std::max(m.requests, 1));
  if (bytes >= kMinBytesToMeasure && m.elapsed_ms > 0) {
    m.bytes_per_s = bytes * 1000 / m.elapsed_ms;
    m.round_trip_ms = 0;
  } else {
    // Small syncs keep the speed measured before, and tell the round trip.
    m.bytes_per_s = before ? before->bytes_per_s : 0;
    m.round_trip_ms = m.elapsed_ms / requests;
  }
  if (m.round_trip_ms == 0 && before) m.round_trip_ms = before->round_trip_ms;
  return store.set_meta(kLinkKey, json{{"at_ms", m.at_ms},
                                       {"bytes_sent", m.bytes_sent},
                                       {"bytes_received", m.bytes_received},
                                       {"elapsed_ms", m.elapsed_ms},
                                       {"requests", m.requests},
                                       {"ops_received", m.ops_received},
                                       {"bytes_per_s", m.bytes_per_s},
                                       {"round_trip_ms", m.round_trip_ms}}
                                      .dump());
}

Result<SyncBudget> sync_budget(const LocalStore& store, size_t max_request_bytes) {
  SyncBudget b;
  NASTAVNIK_ASSIGN_OR_RETURN(b.pending, store.outbox().pending());
  NASTAVNIK_ASSIGN_OR_RETURN(b.last, load_link_measure(store));
  const uint64_t to_send = static_cast<uint64_t>(b.pending.bytes_to_send);
  b.requests = static_cast<int64_t>(std::max<uint64_t>(1, (to_send + max_request_bytes - 1) / std::max<size_t>(max_request_bytes, 1)));
  if (b.last && b.last->bytes_per_s > 0) {
    const uint64_t bytes = to_send + b.last->bytes_received;
    b.estimated_ms = bytes * 1000 / b.last->bytes_per_s + static_cast<uint64_t>(b.requests) * b.last->round_trip_ms;
  } else if (b.last) {
    b.estimated_ms = static_cast<uint64_t>(b.requests) * b.last->round_trip_ms;
  }
  return b;
}

}  // namespace nastavnik
