#pragma once
// What every view-model function needs besides the replica: the names of the registry
// (people, schools, pairs) so rows show names instead of ids, the instruments to score
// self-assessments with, the language of instrument texts and what "today" is.
// A ViewContext is built on the model thread for one snapshot and never outlives it.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "client/model/record_cache.h"
#include "client/model/view_data.h"
#include "client/store/local_store.h"
#include "shared/domain/instrument.h"

namespace nastavnik::model {

// The registry's names, read once per snapshot (a few hundred records at most).
class Directory {
 public:
  // Takes people, schools and pairs from the cache (deleted ones are left out).
  static Result<Directory> load(RecordCache& records);

  // The person's full name, or view::kNameElsewhere when the person is not in this replica.
  std::string person_name(const std::string& id) const;
  bool has_person(const std::string& id) const { return person_names_.count(id) != 0; }
  view::PersonRef person(const std::string& id) const;
  // The school's short name (its full name when it has none), or view::kNameElsewhere.
  std::string school_name(const std::string& id) const;
  // The full legal name, for tooltips and exports.
  std::string school_full_name(const std::string& id) const;
  view::PairRef pair(const std::string& id) const;
  // "<low school> — <partner school>", or empty for an empty id.
  std::string pair_label(const std::string& id) const;

  const std::vector<Record>& people() const { return people_; }
  const std::vector<Record>& schools() const { return schools_; }
  const std::vector<Record>& pairs() const { return pairs_; }

 private:
  std::vector<Record> people_, schools_, pairs_;
  std::map<std::string, std::string> person_names_, school_names_, school_full_names_;
  std::map<std::string, std::pair<std::string, std::string>> pair_schools_;
  std::map<std::string, std::string> pair_labels_;  // composed once: every session row needs one
};

struct ViewContext {
  const LocalStore& store;
  const InstrumentRegistry& instruments;
  const Directory& directory;
  RecordCache& records;  // the replica's records, read once (record_cache.h)
  std::string lang = "ru";
  std::string today;  // YYYY-MM-DD
};

// --- Small helpers shared by the view-model files.

// A string field of a record's data, or "" when absent or not a string.
std::string text_field(const Record& record, const std::string& field);
// An integer field, or `fallback`.
int int_field(const Record& record, const std::string& field, int fallback = 0);
// The elements of a set (or list) field; empty when absent.
std::vector<std::string> list_field(const Record& record, const std::string& field);
// What a list shows as the record's name: its title field, except where that field is an
// id — a self-assessment is named by its instrument's title in the language of `ctx`, a
// pair by its schools, an assignment by its mentor.
std::string shown_title(const ViewContext& ctx, const Record& record);
// The record's title (its entity's title_field) and date (its date_field), or "".
std::string record_title(const Record& record);
std::string record_date(const Record& record);
// The device that made a change, from its stamp "<ms>-<counter>-<device>"; "" if malformed.
std::string stamp_device(const std::string& hlc);
// A text in `lang` from {"ru": ..., "en": ...}, falling back to ru, then to any text.
std::string localized(const nlohmann::json& texts, const std::string& lang);

// Counts a mentoring session towards `progress`: its stage's column and the latest date
// (a default Record only sizes the columns).
void count_stage(view::StageProgress& progress, const Record& session);

// Calls `fn` for every live record matching `query` as ReplicaReader::list would select
// it (pair, school, a person named in a person field, date range; limit and offset are
// ignored), in the reader's order, from the cache.
Status for_each_record(const ViewContext& ctx, const RecordQuery& query, const std::function<void(const Record&)>& fn);

// Date arithmetic on "YYYY-MM-DD" (proleptic Gregorian); "" for a malformed date.
std::string add_days(const std::string& date, int days);
// The local calendar date of a wall-clock time.
std::string local_date(uint64_t unix_ms);

}  // namespace nastavnik::model
