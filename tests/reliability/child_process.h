#pragma once
// A program started in the background by a reliability test, with stdout and stderr in
// files, that the test watches and then kills (SIGKILL, like a power cut) or stops.

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace nastavnik::testing {

class ChildProcess {
 public:
  // Starts argv (argv[0] is a path); its output goes to <dir>/child.out and child.err.
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& dir);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Waits until `stream` (1: stdout, 2: stderr) holds `lines` complete lines or the program
  // ends, then `delay_ms` more, then SIGKILL. True when the kill found it still running.
  // The wait is bounded (5 minutes) only so that a hung program cannot hang the test.
  bool kill_after(int stream, size_t lines, int delay_ms);
  // Waits until `ready` returns true (true), or the program ends or 60 s pass (false).
  bool wait_until(const std::function<bool()>& ready);
  void kill();                                  // SIGKILL and reap
  void terminate();                             // SIGTERM, wait up to 10 s, then SIGKILL
  bool exited();                                // reaps it if it has ended
  int exit_code() const { return exit_code_; }  // -1: killed by a signal (or still running)

  // Complete lines only: a buffer flushed mid-line leaves a partial last line.
  std::vector<std::string> out_lines() const;
  std::string err() const;

 private:
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

}  // namespace nastavnik::testing
