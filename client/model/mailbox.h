#pragma once
// The model's inbox: commands posted by views, in order, and how far they are applied.
// It is shared (shared_ptr) with helper threads that wait for the network, so that one that
// outlives a closing model can still report in without touching the model itself.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <set>
#include <variant>

#include "client/model/app_model.h"

namespace nastavnik::model {

// Builds the first snapshot, then tries the start-up sync (when enrolled and auto_sync).
struct StartupJob {};
using Job = std::variant<Command, StartupJob>;

struct QueuedJob {
  uint64_t seq = 0;
  Job job;
};

struct Mailbox {
  std::mutex mu;
  std::condition_variable cv;  // any change below, and network replies arriving
  std::deque<QueuedJob> jobs;
  bool stopping = false;
  uint64_t posted = 0;       // sequence number of the newest job
  uint64_t done_prefix = 0;  // every job up to this one is applied and published
  std::set<uint64_t> done_ahead;  // finished jobs beyond done_prefix (a sync finishes late)

  // Marks `seq` finished. The caller holds `mu`.
  void finish(uint64_t seq) {
    done_ahead.insert(seq);
    while (!done_ahead.empty() && *done_ahead.begin() == done_prefix + 1) {
      done_ahead.erase(done_ahead.begin());
      ++done_prefix;
    }
  }
};

}  // namespace nastavnik::model
