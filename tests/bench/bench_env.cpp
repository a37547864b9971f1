#include "tests/bench/bench_env.h"

#include "tests/support/spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iterator>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/support/temp_dir.h"


namespace nastavnik::bench {
namespace {

using nlohmann::json;

std::filesystem::path env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::filesystem::path(v) : std::filesystem::path(fallback);
}

pid_t spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
            const std::filesystem::path& out, const std::filesystem::path& err) {
  try {
    return testing::spawn_process(argv, out, err, env);
  } catch (const std::runtime_error& e) {
    throw BenchError(e.what());
  }
}

std::string first_line(const std::string& text) {
  const auto nl = text.find('\n');
  return nl == std::string::npos ? text : text.substr(0, nl);
}

}  // namespace

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

static double cpu_seconds_on(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double thread_cpu_seconds() { return cpu_seconds_on(CLOCK_THREAD_CPUTIME_ID); }

double process_cpu_seconds() { return cpu_seconds_on(CLOCK_PROCESS_CPUTIME_ID); }

Programs Programs::from_build() {
  return {env_or("NASTAVNIK_SERVER_BIN", NASTAVNIK_BENCH_SERVER_PATH),
          env_or("NASTAVNIK_CLI_BIN", NASTAVNIK_BENCH_CLI_PATH), env_or("NASTAVNIK_ASSETS", NASTAVNIK_BENCH_ASSETS), {}};
}

int64_t vm_hwm_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
  return 0;
}

Measured run_measured(const std::vector<std::string>& argv, int timeout_s, const std::map<std::string, std::string>& env) {
  testing::TempDir io;
  const auto out = io / "stdout", err = io / "stderr";
  const double start = now_ms();
  const pid_t pid = spawn(argv, env, out, err);
  Measured m;
  int status = 0;
  rusage usage{};
  const double deadline = start + timeout_s * 1000.0;
  for (;;) {
    m.peak_rss_kb = std::max(m.peak_rss_kb, vm_hwm_kb(pid));
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (now_ms() > deadline) {
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  m.wall_ms = now_ms() - start;
  const auto ms_of = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + t.tv_usec / 1000.0; };
  m.cpu_ms = ms_of(usage.ru_utime) + ms_of(usage.ru_stime);
  m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  m.out = testing::read_file(out);
  m.err = testing::read_file(err);
  return m;
}

// --- BenchServer

BenchServer::BenchServer(const Programs& programs, std::filesystem::path dir)
    : programs_(programs), dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_);
  admin({"init"});
  admin({"import-registry", programs_.demo_registry().string()});
}

BenchServer::~BenchServer() { stop(); }

Measured BenchServer::admin(std::vector<std::string> args) {
  std::vector<std::string> argv = {programs_.server.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--store");
  argv.push_back(store().string());
  Measured m = run_measured(argv, 600, {{"NASTAVNIK_ASSETS", programs_.assets.string()}});
  if (m.exit_code != 0) throw BenchError("nastavnik-server " + args.at(0) + " failed: " + first_line(m.err));
  return m;
}

void BenchServer::start() {
  if (pid_ > 0) return;
  const auto port_file = dir_ / "server.port";
  std::filesystem::remove(port_file);
  const std::vector<std::string> argv = {programs_.server.string(), "serve", "--store", store().string(), "--listen",
                                         "127.0.0.1:0", "--port-file", port_file.string(), "--log-level", "warn"};
  pid_ = spawn(argv, {{"NASTAVNIK_ASSETS", programs_.assets.string()}}, dir_ / "server.out", dir_ / "server.err");
  for (int i = 0; i < 2000; ++i) {  // at most 20 s
    std::ifstream in(port_file);
    if (in >> port_ && port_ > 0) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw BenchError("nastavnik-server exited at start: " + testing::read_file(dir_ / "server.err"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop();
  throw BenchError("nastavnik-server did not start listening within 20 s");
}

void BenchServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 1000; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string BenchServer::code_for(const std::string& person_id, const std::string& role) {
  const Measured m = admin({"enroll-code", "--person", person_id, "--role", role});
  std::smatch match;
  static const std::regex kCode("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
  if (!std::regex_search(m.out, match, kCode)) throw BenchError("enroll-code printed no code: " + m.out);
  return match.str();
}

json BenchServer::stats() {
  const Measured m = admin({"stats", "--json"});
  json j = json::parse(m.out, nullptr, false);
  if (!j.is_object()) throw BenchError("stats --json printed no JSON object");
  return j;
}

int64_t BenchServer::peak_rss_kb() const { return pid_ > 0 ? vm_hwm_kb(pid_) : 0; }

double BenchServer::cpu_seconds() const {
  if (pid_ <= 0) return 0;
  std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) start at the last ')'.
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i)
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// --- CliDevice

CliDevice::CliDevice(const Programs& programs, std::filesystem::path data_dir)
    : programs_(programs), dir_(std::move(data_dir)) {}

Measured CliDevice::run(std::vector<std::string> args, int timeout_s) {
  std::vector<std::string> argv = {programs_.cli.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--data");
  argv.push_back(dir_.string());
  return run_measured(argv, timeout_s, {{"NASTAVNIK_ASSETS", programs_.assets.string()}});
}

Measured CliDevice::run_ok(std::vector<std::string> args, int timeout_s) {
  const std::string what = args.empty() ? "" : args.front();
  Measured m = run(std::move(args), timeout_s);
  if (m.exit_code != 0)
    throw BenchError("nastavnik-cli " + what + " failed (exit " + std::to_string(m.exit_code) + "): " + first_line(m.err));
  return m;
}

void CliDevice::init_and_enroll(const std::string& server_url, const std::string& code) {
  run_ok({"init"});
  run_ok({"enroll", "--server", server_url, "--code", code, "--name", "bench laptop"});
}

Measured CliDevice::add_sessions(const std::filesystem::path& jsonl) {
  return run_ok({"session", "add", "--from-json", jsonl.string()});
}

CliSync cli_sync(CliDevice& device, bool allow_failure, int timeout_s) {
  CliSync s;
  s.process = allow_failure ? device.run({"sync", "--json", "--quiet"}, timeout_s)
                            : device.run_ok({"sync", "--json", "--quiet"}, timeout_s);
  if (s.process.exit_code == 0) {
    s.summary = json::parse(s.process.out, nullptr, false);
    if (!s.summary.is_object()) throw BenchError("sync --json printed no JSON object: " + first_line(s.process.out));
  } else {
    s.summary = json::object();
  }
  return s;
}

}  // namespace nastavnik::bench
