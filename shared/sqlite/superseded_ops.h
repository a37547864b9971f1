#pragma once
// Ops of the log that no longer make any current value: every field, set element or
// tombstone they wrote has since been written by a newer op (the record's stamps do not
// name them). Compaction removes them once everyone who needs their history has it: the
// central store below the lowest cursor of its active devices, a replica once the server
// has acknowledged them. Records with a single op are never examined: their op is the
// record.

#include <string>
#include <vector>

#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::sql {

// The stamps of the superseded ops, oldest first.
Result<std::vector<std::string>> superseded_ops(Database& db);
// Deletes those ops from the log (the caller owns the transaction).
Status delete_ops(Database& db, const std::vector<std::string>& stamps);

}  // namespace nastavnik::sql
