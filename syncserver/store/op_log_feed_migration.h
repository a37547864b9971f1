#pragma once
// Central store 6: the op log becomes the pull feed. Until 5 the feed was a table of its
// own (one row per op, one more each time an op was fed again after its record's readers
// changed); from 6 each op's row is keyed by its place in the feed (kFeedOpLogTable). An op
// keeps the place of its last feed row, and the tags of its earlier rows go; the positions
// handed out continue above the highest the old feed ever gave, so no device's cursor
// passes over a later op. Runs inside the caller's migration transaction.

#include "shared/core/status.h"
#include "shared/sqlite/sqlite_db.h"

namespace nastavnik::server {

Status move_feed_into_op_log(sql::Database& db);

}  // namespace nastavnik::server
