#pragma once
// The audit archive outside the store: the signed changesets devices sent, exactly as
// received, one per line of a JSON Lines file. A header line names the format; each
// further line is {"device", "seq", "hash", "received_ms", "frame" (base64)}. Whoever
// holds the file can check every changeset's signature and chain without the server.
// Exporting changes nothing; pruning drops from the store only frames the file holds.

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>

#include "shared/core/status.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

inline constexpr const char* kArchiveFormat = "nastavnik-changeset-archive";

struct ArchiveCount {
  int64_t changesets = 0;
  uint64_t frame_bytes = 0;
};

// Writes the changesets received in [from_ms, before_ms) whose frames the store still keeps.
Result<ArchiveCount> export_archive(CentralStore& store, uint64_t from_ms, uint64_t before_ms, std::ostream& out);

struct PruneCount {
  int64_t in_archive = 0;  // lines of the file received before the date
  int64_t dropped = 0;     // frames dropped from the store (the rest were gone or differ)
};

// Drops from the store the frames of the changesets in `archive` received before
// `before_ms`. InvalidArgument (nothing dropped) for a file that is not an archive or has
// a damaged line.
Result<PruneCount> prune_archived(CentralStore& store, std::istream& archive, uint64_t before_ms);

// "2026-09-01" -> that day's 00:00 UTC in ms; InvalidArgument for anything else.
Result<uint64_t> utc_day_start_ms(const std::string& date);

}  // namespace nastavnik::server
