#pragma once
// Schema migrations of the local replica. Each version is a step applied in one
// transaction and recorded in schema_version; a replica written by any earlier release
// is brought up to date on open. Fixtures of every earlier version: tests/fixtures/.

#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::replica {

inline constexpr int kLatestReplicaVersion = 7;

// The replica's version; 0 for a brand-new empty file.
Result<int> replica_version(sql::Database& db);

// Applies every missing step. FailedPrecondition for a replica newer than this program.
Status migrate_replica(sql::Database& db);

// Test support: brings an empty file exactly to `version` (<= latest), as an old release
// would have left it.
Status migrate_replica_to(sql::Database& db, int version);

}  // namespace nastavnik::replica
