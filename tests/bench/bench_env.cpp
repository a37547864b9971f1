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

std::string ServerSetup::describe() const {
  std::string out = store.empty() ? "SQLite" : "PostgreSQL";
  out += ", " + std::to_string(instances) + (instances == 1 ? " instance" : " instances");
  return out + (front ? " behind nginx" : " alone");
}

BenchServer::BenchServer(const Programs& programs, std::filesystem::path dir, ServerSetup setup)
    : programs_(programs), dir_(std::move(dir)), setup_(std::move(setup)) {
  std::filesystem::create_directories(dir_);
  admin({"init"});
  admin({"import-registry", programs_.demo_registry().string()});
}

BenchServer::~BenchServer() { stop(); }

std::vector<std::string> BenchServer::key_args() const {
  if (setup_.key_file.empty()) return {};
  return {"--server-key", setup_.key_file.string()};
}

Measured BenchServer::admin(std::vector<std::string> args) {
  std::vector<std::string> argv = {programs_.server.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--store");
  argv.push_back(store());
  for (const auto& a : key_args()) argv.push_back(a);
  Measured m = run_measured(argv, 600, {{"NASTAVNIK_ASSETS", programs_.assets.string()}});
  if (m.exit_code != 0) throw BenchError("nastavnik-server " + args.at(0) + " failed: " + first_line(m.err));
  return m;
}

// Waits (at most 30 s) for `file` to hold a number; throws if `pid` exits first.
static int wait_for_number(const std::filesystem::path& file, pid_t pid, const std::filesystem::path& log,
                           const std::string& what) {
  for (int i = 0; i < 3000; ++i) {
    std::ifstream in(file);
    int number = 0;
    if (in >> number && number > 0) return number;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) throw BenchError(what + " exited at start: " + testing::read_file(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw BenchError(what + " did not start listening within 30 s");
}

// The shipped nginx rules with the per-address limits lifted: every simulated device comes
// from 127.0.0.1, where a real fleet comes from many addresses. Everything else is as shipped.
std::filesystem::path BenchServer::front_conf_for_one_address() const {
  const std::filesystem::path shipped =
      std::filesystem::path(NASTAVNIK_BENCH_FRONT_SCRIPT).parent_path().parent_path() / "syncserver" / "deploy" / "nginx";
  const std::filesystem::path dir = dir_ / "nginx-conf";
  std::filesystem::create_directories(dir);
  std::string limits = testing::read_file(shipped / "limits.conf");
  std::string proxy = testing::read_file(shipped / "proxy.conf");
  limits = std::regex_replace(limits, std::regex("rate=10r/m"), "rate=100000r/s");
  proxy = std::regex_replace(proxy, std::regex("limit_conn nastavnik_conn 32;"), "limit_conn nastavnik_conn 60000;");
  proxy = std::regex_replace(proxy, std::regex("burst=5 nodelay"), "burst=100000 nodelay");
  std::ofstream(dir / "limits.conf") << limits;
  std::ofstream(dir / "proxy.conf") << proxy;
  return dir;
}

void BenchServer::start() {
  if (pid_ > 0) return;
  const auto port_file = dir_ / "server.port";
  std::filesystem::remove(port_file);
  const std::map<std::string, std::string> env = {{"NASTAVNIK_ASSETS", programs_.assets.string()}};
  server_pids_.clear();
  try {
    if (!setup_.front) {
      std::vector<std::string> argv = {programs_.server.string(), "serve", "--store", store(), "--listen",
                                       "127.0.0.1:0", "--port-file", port_file.string(), "--log-level", "warn"};
      for (const auto& a : key_args()) argv.push_back(a);
      pid_ = spawn(argv, env, dir_ / "server.out", dir_ / "server.err");
      port_ = wait_for_number(port_file, pid_, dir_ / "server.err", "nastavnik-server");
      server_pids_ = {pid_};
      return;
    }
    const auto pid_file = dir_ / "server.pid";
    const auto conf_dir = front_conf_for_one_address();
    std::filesystem::remove(pid_file);
    std::vector<std::string> argv = {NASTAVNIK_BENCH_FRONT_SCRIPT, "--store", store(), "--listen", "127.0.0.1:0",
                                     "--port-file", port_file.string(), "--server", programs_.server.string(),
                                     "--server-pid-file", pid_file.string(), "--instances",
                                     std::to_string(setup_.instances), "--nginx-workers", "2", "--conf-dir",
                                     conf_dir.string(),
                                     "--server-arg=--log-level", "--server-arg=warn"};
    for (const auto& a : key_args()) argv.push_back("--server-arg=" + a);
    pid_ = spawn(argv, env, dir_ / "front.out", dir_ / "front.err");
    port_ = wait_for_number(port_file, pid_, dir_ / "front.err", "scripts/front");
    std::ifstream pids(pid_file);
    for (pid_t pid; pids >> pid;) server_pids_.push_back(pid);
  } catch (...) {
    stop();
    throw;
  }
}

void BenchServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 4000; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      server_pids_.clear();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  for (pid_t p : server_pids_) ::kill(p, SIGKILL);
  pid_ = -1;
  server_pids_.clear();
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

int64_t BenchServer::peak_rss_kb() const {
  int64_t peak = 0;
  for (pid_t p : server_pids_) peak = std::max(peak, vm_hwm_kb(p));
  return peak;
}

static double process_cpu_seconds_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (stat.empty()) return 0;
  // Fields after the command name (which may hold spaces) start at the last ')'.
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i)
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double BenchServer::cpu_seconds() const {
  double total = 0;
  for (pid_t p : server_pids_) total += process_cpu_seconds_of(p);
  return total;
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
