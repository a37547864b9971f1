#pragma once
// Upgrades ops written against an older domain schema to the current one, so that a device
// that stayed offline for months still syncs: its changesets are accepted, not rejected.
// Each step is documented in docs/PROTOCOL.md, "Versioning".

#include <vector>

#include "shared/core/status.h"
#include "shared/ops/op.h"

namespace nastavnik {

// Rewrites `ops` from `from_schema` to kDomainSchemaVersion in place. FailedPrecondition
// for a schema newer than this program knows (the program needs an update) or older than
// the first release.
Status upgrade_ops(int from_schema, std::vector<Op>& ops);

}  // namespace nastavnik
