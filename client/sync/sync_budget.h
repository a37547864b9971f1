#pragma once
// The sync budget: before a sync, what it will send and an estimate of how long it takes on
// the link as the last sync measured it — so a teacher on 2G knows whether to start it now.
// What the server holds for the device is not known before it is asked: the last sync's
// download stands for it.

#include <cstdint>
#include <optional>

#include "client/store/local_store.h"
#include "shared/core/status.h"

namespace nastavnik {

// What the last finished sync measured on its link.
struct LinkMeasure {
  uint64_t at_ms = 0;             // when it finished
  uint64_t bytes_sent = 0, bytes_received = 0;  // on the wire (compressed)
  uint64_t elapsed_ms = 0;
  int requests = 0;
  int64_t ops_received = 0;
  // Bytes per second both ways together (0 when the sync moved too little to tell), and the
  // time a request took beyond its bytes (the round trip).
  uint64_t bytes_per_s = 0;
  uint64_t round_trip_ms = 0;
};

struct SyncBudget {
  PendingSummary pending;
  std::optional<LinkMeasure> last;  // none before the first sync
  // Sending what is pending, plus a download like the last one, on the last link; 0 when
  // there is no measure yet.
  uint64_t estimated_ms = 0;
  int64_t requests = 0;             // requests the push takes (at least one)
};

Result<SyncBudget> sync_budget(const LocalStore& store, size_t max_request_bytes);

// Kept by the sync engine after each finished sync.
Status save_link_measure(LocalStore& store, const LinkMeasure& measure);

}  // namespace nastavnik
