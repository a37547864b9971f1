#pragma once
// The move from a record engine that kept every field write in its own tables
// (field_writes, set_elements: replica schema 4 and central store 4 and earlier) to stamps
// kept in each record's row (record_stamps.h). The history those tables duplicated stays in
// the op log. Runs inside the caller's migration transaction.

#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::sql {

Status move_field_writes_into_records(Database& db);

}  // namespace nastavnik::sql
