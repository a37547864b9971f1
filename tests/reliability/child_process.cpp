#include "tests/reliability/child_process.h"

#include "tests/support/spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>
#include <thread>

#include "tests/support/temp_dir.h"


namespace nastavnik::testing {
namespace {

constexpr auto kBound = std::chrono::minutes(5);
constexpr auto kReadyBound = std::chrono::seconds(60);

size_t count_lines(const std::filesystem::path& p) {
  const std::string text = read_file(p);
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& dir)
    : out_(dir / "child.out"), err_(dir / "child.err") {
  pid_ = spawn_process(argv, out_, err_);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) kill();
}

bool ChildProcess::kill_after(int stream, size_t lines, int delay_ms) {
  const auto deadline = std::chrono::steady_clock::now() + kBound;
  while (!exited() && count_lines(stream == 1 ? out_ : err_) < lines) {
    if (std::chrono::steady_clock::now() > deadline)
      FAIL("the program neither printed " << lines << " lines nor ended");
    std::this_thread::sleep_for(std::chrono::microseconds(300));
  }
  if (delay_ms > 0 && !exited()) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  if (exited()) return false;
  kill();
  return true;
}

bool ChildProcess::wait_until(const std::function<bool()>& ready) {
  const auto deadline = std::chrono::steady_clock::now() + kReadyBound;
  for (;;) {
    if (ready()) return true;
    if (exited()) return false;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

bool ChildProcess::exited() {
  if (pid_ <= 0) return true;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  pid_ = -1;
  return true;
}

void ChildProcess::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  exit_code_ = -1;
  pid_ = -1;
}

void ChildProcess::terminate() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 1000 && !exited(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  kill();
}

std::vector<std::string> ChildProcess::out_lines() const {
  std::string text = read_file(out_);
  const auto last = text.rfind('\n');
  text.erase(last == std::string::npos ? 0 : last + 1);
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string ChildProcess::err() const { return read_file(err_); }

}  // namespace nastavnik::testing
