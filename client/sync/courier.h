#pragma once
// The device's side of courier bundles (shared/protocol/courier_bundle.h, docs/PROTOCOL.md
// "Courier bundles"). A laptop without network writes its pending work, and a request for
// what it should receive, into a bundle; whoever carries the file — a mentor's laptop at its
// next sync, or the methodologist's `nastavnik-server import-bundle` — delivers it, and the
// server's answer comes back the same way: the changesets it acknowledges are marked
// delivered and the page it sends is merged, exactly as after a sync. A carrying laptop
// keeps the envelopes it cannot open and hands each on once.

#include <string>
#include <vector>

#include "client/store/local_store.h"
#include "client/sync/sync_engine.h"
#include "client/sync/sync_transport.h"
#include "shared/crypto/key_pair.h"
#include "shared/protocol/courier_bundle.h"

namespace nastavnik {

// How long a carrying laptop keeps answers for others: a laptop may miss a visit or two.
inline constexpr uint64_t kKeepCarriedAnswersMs = 60ULL * 24 * 3600 * 1000;

struct BundleContents {
  wire::Bundle bundle;
  bool own_request = false;       // this device's own work and request are in it
  int64_t own_changesets = 0;     // its changesets not yet acknowledged
  int64_t own_ops = 0;
  int64_t carried = 0;            // envelopes carried for others
};

struct BundleIntake {
  int64_t answers = 0;             // answers for this device, taken
  int64_t repeated_answers = 0;    // taken before (a bundle brought twice): nothing changed
  int64_t kept_to_carry = 0;       // envelopes for others, kept to hand on
  int64_t already_carried = 0;
  int64_t own_envelopes = 0;       // this device's own requests (its own bundle read back)
  std::vector<std::string> refused;  // envelopes refused, with why
  SyncSummary summary;             // what the answers did, added up
};

struct CarryReport {
  int64_t delivered = 0;
  int64_t refused = 0;
  std::vector<std::string> refusals;
};

class Courier {
 public:
  Courier(LocalStore& store, const crypto::KeyPair& key) : store_(store), key_(key) {}

  // The bundle to write: this device's pending work sealed into changesets and every
  // changeset not yet acknowledged, with a request for what it should receive (unless
  // `carried_only`), and the envelopes it carries for others. FailedPrecondition before
  // enrollment or for a revoked device.
  Result<BundleContents> make_bundle(bool carried_only);
  // Takes a bundle's text: answers for this device are verified and applied, envelopes for
  // others are kept to carry. Corruption for a damaged file, nothing taken.
  Result<BundleIntake> take_bundle(std::string_view text);
  // Delivers the envelopes carried for the server through this device's own connection
  // (POST /v1/courier) and keeps the answers to take back. Called after a sync.
  Result<CarryReport> deliver_carried(SyncTransport& transport);

 private:
  Status take_envelope(const wire::Envelope& envelope, const crypto::PublicKey& server_key, BundleIntake& intake);
  LocalStore& store_;
  const crypto::KeyPair& key_;
};

}  // namespace nastavnik
