#pragma once
// Running the project's real programs from tests: one-shot commands with their output, and
// long-running servers that can be stopped, killed (SIGKILL) and restarted.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace nastavnik::testing {

struct ProcessResult {
  int exit_code = -1;  // -1: killed by a signal
  std::string out, err;
};

// Runs `argv` (argv[0] is a path) with extra environment variables, stdin from `input`,
// and waits at most `timeout_s` seconds (then kills it and reports exit_code -1).
// The one-time enrollment code (XXXX-XXXX-XXXX) that `nastavnik-server enroll-code` printed
// in `text`; empty when there is none.
std::string enrollment_code_in(const std::string& text);

ProcessResult run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                          const std::string& input = "", int timeout_s = 120);

// nastavnik-server serve on 127.0.0.1 with a free port, for one store file.
class ServerProcess {
 public:
  ServerProcess(std::filesystem::path server_binary, std::filesystem::path store, std::filesystem::path work_dir);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts it and waits (bounded) until it listens; throws on failure.
  void start(const std::vector<std::string>& extra_args);
  // Starts it with the arguments it was last started with.
  void start() { start(std::vector<std::string>(extra_args_)); }
  // Starts it again on the port it had, with the same arguments, so clients keep their address.
  void restart();
  void kill_hard();  // SIGKILL, like a power cut
  void stop();       // SIGTERM and wait
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::filesystem::path binary_, store_, work_;
  pid_t pid_ = -1;
  int port_ = 0;
  int listen_port_ = 0;  // 0: any free port
  std::vector<std::string> extra_args_;
};

}  // namespace nastavnik::testing
