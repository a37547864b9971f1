#pragma once
// Stops the server cleanly on SIGTERM or SIGINT. The signals are blocked in every thread
// and received by one dedicated thread with sigwait(), so the stop callback runs as
// ordinary code rather than inside a signal handler, where almost nothing is safe.
// Construct it before any other thread starts (httplib's workers inherit the mask).

#include <atomic>
#include <functional>
#include <thread>

namespace nastavnik::server::cli {

class StopOnSignals {
 public:
  // Blocks SIGTERM and SIGINT in the calling thread now: a signal that arrives while the
  // server is still starting waits, pending, for the StopOnSignals made later, instead of
  // killing the process half started.
  static void block();

  // `stop` is called once, from the signal thread, when a signal arrives (at once if one
  // is already pending).
  explicit StopOnSignals(std::function<void()> stop);
  // Ends the signal thread if no signal came.
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

  // The signal that arrived (SIGTERM, SIGINT), or 0.
  int received() const { return received_; }

 private:
  std::atomic<int> received_{0};
  std::atomic<bool> closing_{false};
  std::thread thread_;
};

}  // namespace nastavnik::server::cli
