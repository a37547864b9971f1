#pragma once
// The reconciler's rules, shared by the client replica and the central store. They are
// pure functions of the writes involved, so every replica that has seen the same ops
// reaches the same state and the same conflict records, whatever the order of arrival.
//
// Conflict kinds (each recorded, never resolved silently; the winner is still applied):
//  kConcurrentWrite  two devices wrote the same last-writer-wins field and the later
//                    write (greater stamp) was made without seeing the earlier one: its
//                    base stamp is absent or older than the earlier write.
//                    Policy: the greater stamp wins; the loser is kept in the record.
//  kEditOfDeleted    a device edited a record that another device deleted, and the
//                    deleter had not seen that edit (the edit's stamp is newer than the
//                    delete's "_record" base). Policy: the tombstone wins; the edit is
//                    kept in the conflict record so it can be re-applied.
// Element-set fields never conflict: each element's presence is last-writer-wins on its
// own, so concurrent additions of different elements both survive.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "shared/core/hlc.h"

namespace nastavnik {

enum class ConflictKind { kConcurrentWrite, kEditOfDeleted };
const char* conflict_kind_name(ConflictKind kind);

// One write of one field (or, for a delete, of the record's tombstone).
struct FieldWrite {
  Hlc hlc;
  std::optional<Hlc> base;  // the version the writer saw
  nlohmann::json value;
  std::string author;
};

// True when a write stamped `incoming` replaces the value stamped `current`.
inline bool supersedes(const Hlc& incoming, const Hlc& current) { return incoming > current; }

struct ConflictVerdict {
  ConflictKind kind;
  bool first_loses;  // true: the first argument lost to the second
};

// Concurrent writes of the same field by different devices, or nothing.
std::optional<ConflictVerdict> field_conflict(const FieldWrite& a, const FieldWrite& b);

// An edit (stamped `edit`, made on device edit.device) against a delete whose "_record"
// base is `delete_base`: a conflict when the deleter could not have seen the edit.
bool edit_conflicts_with_delete(const Hlc& edit, const Hlc& delete_stamp,
                                const std::optional<Hlc>& delete_base);

}  // namespace nastavnik
