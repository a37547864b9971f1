#pragma once
// SnapshotBuilder: makes the next immutable AppSnapshot from the previous one, recomputing
// only the sections whose inputs changed (a session filter change re-reads sessions, not
// the municipality). Runs on the model thread only.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "client/model/app_model.h"
#include "client/model/view_context.h"
#include "shared/monitoring/indicator_catalog.h"

namespace nastavnik::model {

// What changed since the last snapshot.
enum DirtyBits : unsigned {
  kDirtyNone = 0,
  kDirtyRecords = 1u << 0,   // records (see RecordCache), the actor or the language: all
  kDirtySessions = 1u << 1,  // the session filter
  kDirtyPerson = 1u << 2,    // the selected person
  kDirtyPair = 1u << 3,      // the selected pair
  kDirtySync = 1u << 4,      // sync backlog, conflicts, rejections, sync state
  kDirtyDrafts = 1u << 5,
  kDirtyOpened = 1u << 6,    // the record opened for editing
  kDirtyMonitoring = 1u << 7,  // the monitoring screen asked for its indicators
  kDirtyMunicipality = 1u << 8,  // the half-year the municipality overview counts
  kDirtyAll = (1u << 9) - 1,
};

struct SnapshotInputs {
  const LocalStore& store;
  const InstrumentRegistry& instruments;
  const monitoring::IndicatorCatalog& indicators;
  std::string lang, today;
  view::SessionFilter filter;
  std::string selected_pair, selected_person;  // empty: the defaults
  std::string opened_record;                   // command::OpenRecord; empty: none
  // The indicators are computed only once the monitoring screen asked for them
  // (command::ShowMonitoring): on a large replica they cost a scan of every record.
  bool monitoring_wanted = false;
  std::string municipality_period;             // command::SetMunicipalityPeriod; "": all
  const view::SyncView& sync_status;           // running, progress and last-run fields
  const CommandFeedback& feedback;
};

class SnapshotBuilder {
 public:
  explicit SnapshotBuilder(const replica::ReplicaReader& reader) : records_(reader) {}

  // The records the sections are computed from. Whoever writes to the replica tells the
  // cache: refresh(id) after a local write, clear() after a sync.
  RecordCache& records() { return records_; }

  // The next snapshot: `previous` with the `dirty` sections recomputed and the sync status
  // and feedback copied from `in`. A section that cannot be read keeps its previous value
  // and its reason goes to load_error until it reads again.
  std::shared_ptr<AppSnapshot> build(const AppSnapshot& previous, const SnapshotInputs& in, unsigned dirty);

 private:
  // Runs one section; records or clears its error.
  void section(const std::string& name, const Status& status);

  RecordCache records_;
  std::optional<Directory> directory_;
  std::map<std::string, std::string> errors_;  // section -> reason
};

}  // namespace nastavnik::model
