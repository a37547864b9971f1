#pragma once
// Pull: a page of ops from the feed, filtered to what the device's scope may read. The
// cursor is the position in the feed, so a pull resumes exactly where the last page ended.

#include "shared/protocol/sync_messages.h"
#include "syncserver/ingest/device_scope.h"
#include "syncserver/store/central_store.h"

namespace nastavnik::server {

// Ops after `from`, at most `limit` of them. `more` is set when the feed holds more rows
// after the returned cursor. At most 20 x limit feed rows are examined per page, so a page
// of a narrow scope stays cheap even over a long feed. `head` is the feed's newest position
// as read at the start of the request (CentralStore::feed_head). Ops stamped by
// `requester` are passed over: the device wrote them and its receipts acknowledged them, so
// sending them back would only cost its link the same bytes twice.
Result<wire::PullPage> read_page(CentralStore& store, const DeviceScope& scope, uint64_t from, uint32_t limit,
                                 uint64_t head, const std::string& requester);

}  // namespace nastavnik::server
