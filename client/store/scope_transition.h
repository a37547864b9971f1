#pragma once
// When a person's scope changes (the registry moved them to another pair, an assignment
// ended), the server restarts the device's pull from the beginning of the feed with what
// the new scope may read (a page marked `reset`, signed). The device uses that: when such a
// pull begins, every record it holds is marked unconfirmed; each record the restarted pull
// brings again is confirmed; when the pull is complete, what is still unconfirmed has left
// the scope and is removed — except records with this device's own work the server has not
// accepted, which stay with the person. The device's sync pushes before it pulls, so its
// pending work has gone up first. And the page names the scope's pairs, so writes for a pair
// outside them are refused on the device before they are made.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace nastavnik {

// The pairs a device may write for, as its server last said (PullPage's scope sets).
struct WriteScope {
  bool known = false;      // a server said; before that the device refuses nothing here
  bool all_pairs = false;  // a methodologist's device
  std::set<std::string> pairs;
};

// What a completed scope check removed.
struct ScopeRemoval {
  int64_t records = 0;
  std::vector<std::string> pair_ids;  // the pairs of the removed records, each once
};

}  // namespace nastavnik
