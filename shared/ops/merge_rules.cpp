#include "shared/ops/merge_rules.h"

namespace nastavnik {

const char* conflict_kind_name(ConflictKind kind) {
  switch (kind) {
    case ConflictKind::kConcurrentWrite: return "concurrent_write";
    case ConflictKind::kEditOfDeleted: return "edit_of_deleted";
  }
  return "?";
}

std::optional<ConflictVerdict> field_conflict(const FieldWrite& a, const FieldWrite& b) {
  // One device writes sequentially: its later write always saw its earlier one.
  if (a.hlc.device == b.hlc.device || a.hlc == b.hlc) return std::nullopt;
  const bool a_wins = supersedes(a.hlc, b.hlc);
  const FieldWrite& winner = a_wins ? a : b;
  const FieldWrite& loser = a_wins ? b : a;
  const bool winner_saw_loser = winner.base && *winner.base >= loser.hlc;
  if (winner_saw_loser) return std::nullopt;
  return ConflictVerdict{ConflictKind::kConcurrentWrite, !a_wins};
}

bool edit_conflicts_with_delete(const Hlc& edit, const Hlc& delete_stamp,
                                const std::optional<Hlc>& delete_base) {
  if (edit.device == delete_stamp.device) return false;
  return !delete_base || edit > *delete_base;
}

}  // namespace nastavnik
