#include "syncserver/cli/stop_signals.h"

#include <pthread.h>
#include <signal.h>

namespace nastavnik::server::cli {
namespace {

sigset_t stop_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void StopOnSignals::block() {
  const sigset_t set = stop_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

StopOnSignals::StopOnSignals(std::function<void()> stop) {
  block();
  const sigset_t set = stop_set();
  thread_ = std::thread([this, set, stop = std::move(stop)] {
    int signal = 0;
    if (sigwait(&set, &signal) != 0 || closing_) return;
    received_ = signal;
    stop();
  });
}

StopOnSignals::~StopOnSignals() {
  if (!received_) {
    // Wake the waiting thread with a signal only it receives; it sees closing_ and ends.
    closing_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);
  }
  thread_.join();
}

}  // namespace nastavnik::server::cli
