#pragma once
// Which live records name a record in one of their reference fields (a session's pair,
// a person's school, an assignment's mentees): a registry record still named by others is
// not deleted, so that no session or visit is left pointing at nothing.

#include <map>
#include <string>

#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::replica {

// Live records whose reference fields (schema kRef / kRefSet towards `entity`) hold `id`,
// counted by their entity. The record itself is not counted.
Result<std::map<std::string, int64_t>> live_references(sql::Database& db, const std::string& entity,
                                                       const std::string& id);

}  // namespace nastavnik::replica
