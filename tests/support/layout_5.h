#pragma once
// Takes a store back to the layout of replica schema 5 and central store 5: op bodies kept as
// text, record_people a table with rowids and, in a central store, the pull feed a table of
// its own beside an op log keyed by stamp (by SQL alone but for the bodies). Each op's feed
// row keeps the op's place, so the migration's result can be compared with the store it was
// made from.

#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::testing {

Status rebuild_replica_layout_5(sql::Database& db);
Status rebuild_central_layout_5(sql::Database& db);

}  // namespace nastavnik::testing
