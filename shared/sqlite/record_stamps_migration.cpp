#include "shared/sqlite/record_stamps_migration.h"

#include <map>
#include <string>
#include <vector>

#include "shared/records/record_stamps.h"

namespace nastavnik::sql {
namespace {

struct Winner {
  std::string hlc;
  bool has_value = false;
};

struct ElementRow {
  std::string field, value, hlc;
  bool present = false;
};

// The stamp most of the record's current values share: it is written once for all of them.
std::string most_common(const std::map<std::string, Winner>& winners, const std::vector<ElementRow>& elements) {
  std::map<std::string, int> count;
  for (const auto& [field, w] : winners)
    if (w.has_value) ++count[w.hlc];
  for (const auto& e : elements)
    if (e.present) ++count[e.hlc];
  std::string best;
  int best_count = 0;
  for (const auto& [hlc, n] : count)
    if (n > best_count) best = hlc, best_count = n;
  return best;
}

Result<std::string> stamps_of(Database& db, const std::string& id) {
  auto writes = db.prepare("SELECT field, hlc, value FROM field_writes WHERE record_id = ? ORDER BY field, hlc");
  if (!writes.ok()) return writes.status();
  writes->bind(1, id);
  std::map<std::string, Winner> winners;  // the last write of each field, in stamp order
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, writes->step());
    if (!row) break;
    const std::string field = writes->text(0);
    winners[field] = Winner{writes->text(1), field != kTombstoneField && writes->text(2) != "null"};
  }
  auto sets = db.prepare("SELECT field, element, hlc, present FROM set_elements WHERE record_id = ?");
  if (!sets.ok()) return sets.status();
  sets->bind(1, id);
  std::vector<ElementRow> elements;
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, sets->step());
    if (!row) break;
    elements.push_back(ElementRow{sets->text(0), sets->text(1), sets->text(2), sets->integer(3) != 0});
  }
  RecordStamps stamps(most_common(winners, elements));
  for (const auto& [field, w] : winners) stamps.set_field(field, w.hlc, w.has_value);
  for (const auto& e : elements) stamps.set_element(e.field, e.value, RecordStamps::Element{e.hlc, e.present});
  return stamps.dump();
}

}  // namespace

Status move_field_writes_into_records(Database& db) {
  NASTAVNIK_RETURN_IF_ERROR(db.exec("ALTER TABLE records ADD COLUMN stamps TEXT NOT NULL DEFAULT '{}'"));
  auto ids = db.prepare("SELECT id FROM records");
  if (!ids.ok()) return ids.status();
  auto update = db.prepare("UPDATE records SET stamps = ? WHERE id = ?");
  if (!update.ok()) return update.status();
  for (;;) {
    NASTAVNIK_ASSIGN_OR_RETURN(bool row, ids->step());
    if (!row) break;
    const std::string id = ids->text(0);
    NASTAVNIK_ASSIGN_OR_RETURN(std::string stamps, stamps_of(db, id));
    update->reset();
    NASTAVNIK_RETURN_IF_ERROR(update->bind(1, stamps).bind(2, id).run());
  }
  return db.exec("DROP TABLE field_writes; DROP TABLE set_elements;");
}

}  // namespace nastavnik::sql
