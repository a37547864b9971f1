#pragma once
// Takes a record engine back to the layout before record stamps (replica schema 4, central
// store 4): field_writes and set_elements rebuilt from the op log by SQL alone, the stamps
// column dropped. Tests migrate the result and compare it with the original, so the
// conversion is checked against an oracle that shares no code with it.

#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::testing {

Status rebuild_field_writes_layout(sql::Database& db);

}  // namespace nastavnik::testing
