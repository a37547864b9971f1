#pragma once
// A record's history as this replica's op log holds it: every write to it still kept, oldest
// first — who wrote which fields when, whether it was written here and not yet delivered,
// and whether it is held as untrusted. The log keeps superseded writes for the history
// window (SyncSettings::keep_op_history_ms) after the server has them; the server's audit
// archive keeps every signed changeset.

#include <string>
#include <vector>

#include "shared/core/status.h"
#include "shared/ops/op.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::replica {

struct HistoryEntry {
  Op op;
  bool written_here = false;  // by this device
  bool delivered = true;      // the server has it (always, for writes received from it)
  std::string flag;           // why it is held as untrusted ("future_stamp"), or empty
  std::string refusal;        // the server refused it, and why (empty when it did not)
};

Result<std::vector<HistoryEntry>> record_history(sql::Database& db, const std::string& record_id);

}  // namespace nastavnik::replica
