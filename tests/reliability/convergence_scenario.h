#pragma once
// One randomized multi-device scenario through a sync server, for the convergence tests
// (convergence_server_test.cpp says what is checked). Everything random comes from the
// seed: the writes, the faults of the network, the device keys and the laptop clocks, so
// a seed replays exactly.

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "shared/ops/op.h"
#include "shared/records/record.h"
#include "tests/reliability/server_world.h"
#include "tests/support/fault_transport.h"
#include "tests/support/temp_dir.h"

namespace nastavnik::testing {

using WorldFactory = std::function<std::unique_ptr<ServerWorld>()>;

struct ScenarioTotals {
  int64_t ops = 0, records = 0, concurrent_writes = 0, edits_of_deleted = 0;
  int64_t syncs = 0, failed_syncs = 0;
  int64_t relayed_accepted = 0, relayed_duplicates = 0, relayed_gaps = 0;
  FaultCounts faults;
  ScenarioTotals& operator+=(const ScenarioTotals& o);
  std::string describe() const;
};

// A record as a replica or the server holds it, for comparison.
struct RecordView {
  std::string entity;
  bool deleted = false;
  nlohmann::json data;
  bool operator==(const RecordView&) const = default;
};
using RecordMap = std::map<std::string, RecordView>;
// (record, field, kind, loser stamp, winner stamp)
using ConflictKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;

struct ScenarioDevice;

class ConvergenceScenario {
 public:
  ConvergenceScenario(uint64_t seed, const WorldFactory& make_world);
  ~ConvergenceScenario();
  void run();
  // Compares the server, every device and the model; reports differences as test failures
  // and returns whether everything matched.
  bool check();
  const ScenarioTotals& totals() const { return totals_; }
  std::string world_name() const { return world_->name(); }

 private:
  // What the harness knows independently of the stores: each op and the stamps its
  // writer held when writing it.
  struct WriteFact {
    Op op;
    std::set<std::string> seen_at_write;
  };

  size_t pick_device() { return rng_() % devices_.size(); }
  void local_write(ScenarioDevice& d);
  void create(ScenarioDevice& d, const std::vector<Record>& live);
  nlohmann::json random_changes(const Record& record);
  nlohmann::json subset(const std::vector<std::string>& pool);
  void sync(ScenarioDevice& d, bool must_succeed);
  void relay(ScenarioDevice& relayer, ScenarioDevice& source);

  RecordMap model_state() const;
  std::set<ConflictKey> model_conflicts() const;
  std::string unsound_conflicts(const std::set<ConflictKey>& found) const;

  uint64_t seed_;
  std::mt19937_64 rng_;
  TempDir dir_;
  std::unique_ptr<ServerWorld> world_;
  std::vector<std::unique_ptr<ScenarioDevice>> devices_;
  std::vector<WriteFact> facts_;
  ScenarioTotals totals_;
};

}  // namespace nastavnik::testing
