#pragma once
// Adding new records, one from flags or many from --from-json, all or none: every record
// is completed and checked first (schema, permission, self-assessment scoring), and if any
// is refused nothing is written and the reason names that record. A corrected re-run of
// the same file therefore never duplicates records.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/cli/exit_status.h"
#include "client/cli/json_input.h"
#include "client/store/local_store.h"
#include "shared/domain/schema.h"

namespace nastavnik::cli {

class CliContext;

// Completes each record in place (the author's person field defaults to the device's
// person; self-assessments get their instrument version, person and deficits), checks all,
// then writes them in transactions of 1000 records, printing each new id on its own line.
// With `batch`, progress goes to stderr after every 1000 records and the count at the end.
// `ids` receives the new ids.
ExitStatus add_records(CliContext& ctx, LocalStore& store, const EntitySchema& entity,
                       std::vector<InputRecord>& records, bool batch,
                       std::vector<std::string>* ids = nullptr);

// Today's date on this computer's clock and time zone, "YYYY-MM-DD".
std::string local_date_today();

}  // namespace nastavnik::cli
