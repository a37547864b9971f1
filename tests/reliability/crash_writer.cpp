// nastavnik-crash-writer DATA_DIR COUNT SEED
//
// A tiny client for the crash tests: opens the replica of an initialised data directory
// (as nastavnik-cli does) and writes COUNT ops to it, each a transaction of its own, and
// after each commit prints one line naming what is now durable:
//   C <id>            a mentoring session was created
//   E <id> <notes>    its notes were set to <notes> (no spaces)
//   D <id>            it was deleted
// Lines go out with one write(2) each, so a SIGKILL never leaves half a line. The writes
// are drawn from SEED; tests/reliability/crash_test.cpp kills the process at random and
// checks that every printed op survived, exactly once.

#include <unistd.h>

#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "client/store/data_dir.h"
#include "shared/crypto/sodium.h"

namespace {

void say(const std::string& line) {
  const std::string text = line + "\n";
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(1, text.data() + done, text.size() - done);
    if (n <= 0) std::exit(3);
    done += static_cast<size_t>(n);
  }
}

int fail(const std::string& why) {
  std::cerr << "nastavnik-crash-writer: " << why << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nastavnik;
  if (argc != 4) return fail("usage: nastavnik-crash-writer DATA_DIR COUNT SEED");
  if (!crypto::ensure_initialised().ok()) return fail("libsodium");
  auto replica = DataDir(argv[1]).open();
  if (!replica.ok()) return fail(replica.status().to_string());
  LocalStore& store = *replica->store;
  const long count = std::stol(argv[2]);
  std::mt19937_64 rng(std::stoull(argv[3]));
  std::vector<std::string> live;
  for (long i = 0; i < count; ++i) {
    const int dice = static_cast<int>(rng() % 10);
    if (live.empty() || dice < 6) {
      const nlohmann::json fields = {{"pair_id", "00000000-0000-7000-8000-000400000001"},
                                     {"mentor_id", "00000000-0000-7000-8000-00030000001a"},
                                     {"date", "2026-11-20"},
                                     {"format", "offline"},
                                     {"stage", "theory"},
                                     {"topic", "Занятие " + std::to_string(i)}};
      auto id = store.create_record("mentoring_session", fields);
      if (!id.ok()) return fail(id.status().to_string());
      live.push_back(*id);
      say("C " + *id);
    } else if (dice < 9) {
      const std::string& id = live[rng() % live.size()];
      const std::string notes = "n" + std::to_string(i);
      if (Status s = store.update_record(id, {{"notes", notes}}); !s.ok()) return fail(s.to_string());
      say("E " + id + " " + notes);
    } else {
      const size_t at = rng() % live.size();
      const std::string id = live[at];
      if (Status s = store.delete_record(id); !s.ok()) return fail(s.to_string());
      live.erase(live.begin() + static_cast<long>(at));
      say("D " + id);
    }
  }
  return 0;
}
