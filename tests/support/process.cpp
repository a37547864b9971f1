#include "tests/support/process.h"

#include <regex>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/spawn.h"
#include "tests/support/temp_dir.h"

namespace nastavnik::testing {

ProcessResult run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                          const std::string& input, int timeout_s) {
  TempDir io;
  const auto in = io / "stdin", out = io / "stdout", err = io / "stderr";
  std::ofstream(in) << input;
  const pid_t pid = spawn_process(argv, out, err, env, in);
  ProcessResult result;
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

ServerProcess::ServerProcess(std::filesystem::path binary, std::filesystem::path store, std::filesystem::path work)
    : binary_(std::move(binary)), store_(std::move(store)), work_(std::move(work)) {}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) kill_hard();
}

void ServerProcess::start(const std::vector<std::string>& extra_args) {
  extra_args_ = extra_args;
  const auto port_file = work_ / "server.port";
  std::filesystem::remove(port_file);
  std::vector<std::string> argv = {binary_.string(), "serve", "--store", store_.string(), "--listen",
                                   "127.0.0.1:" + std::to_string(listen_port_), "--port-file", port_file.string(), "--log-level", "warn"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn_process(argv, work_ / "server.out", work_ / "server.err");
  for (int i = 0; i < 1000; ++i) {  // at most 10 s
    std::ifstream in(port_file);
    if (in >> port_ && port_ > 0) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("nastavnik-server exited at start: " + read_file(work_ / "server.err"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill_hard();
  throw std::runtime_error("nastavnik-server did not start listening within 10 s");
}

void ServerProcess::restart() {
  listen_port_ = port_;
  start();
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void ServerProcess::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 500; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill_hard();
}

std::string enrollment_code_in(const std::string& text) {
  static const std::regex kCode("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
  std::smatch m;
  return std::regex_search(text, m, kCode) ? m.str() : std::string();
}

}  // namespace nastavnik::testing
