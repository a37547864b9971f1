#pragma once
// record_people kept as a table clustered on its key (WITHOUT ROWID): the pair (person,
// record) is the whole row, so a rowid table stored it twice, once in the table and once in
// its key's index — about a fifth of a replica of sessions. Replica schema 6 and central
// store 6 move to it; runs inside the caller's migration transaction.

#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::sql {

Status cluster_record_people(Database& db);

}  // namespace nastavnik::sql
