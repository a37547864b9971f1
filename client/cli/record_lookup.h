#pragma once
// Finding the record a user means. Tables show short ids (the last 8 hex digits), so a
// user may type those instead of the full UUID: a full id, or a unique prefix or suffix of
// at least 8 hex digits (dashes optional, any case) is accepted.

#include <string>

#include "shared/core/status.h"
#include "shared/records/record.h"
#include "shared/sqlite/record_reader.h"

namespace nastavnik {
class Catalog;
}

namespace nastavnik::cli {

// True when `text` could name a record: hex digits and dashes only, at least 8 digits.
bool looks_like_record_id(const std::string& text);

// The record, deleted ones included. NotFound (translated) when nothing matches,
// InvalidArgument (translated) when a prefix or suffix matches several records.
Result<Record> find_record(const replica::ReplicaReader& reader, const std::string& text,
                           const Catalog& catalog);

}  // namespace nastavnik::cli
