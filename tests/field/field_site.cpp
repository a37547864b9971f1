#include "tests/field/field_site.h"

#include "tests/support/postgres_cluster.h"
#include "tests/support/spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <thread>

namespace nastavnik::testing {
namespace {

std::string read_number_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string text;
  in >> text;
  return text;
}

}  // namespace

FieldSite::FieldSite(const FieldSiteOptions& o)
    : server_(o.server.empty() ? std::filesystem::path(NASTAVNIK_SERVER_PATH) : o.server), tls_(!o.tls_cert.empty()) {
  store_ = o.postgresql ? PostgresCluster::shared().create_database() : (dir_ / "municipal.db").string();
  if (o.postgresql) key_args_ = {"--server-key", (dir_ / "server.key").string()};
  admin({"init"});
  admin({"import-registry",
         o.registry.empty() ? std::string(NASTAVNIK_TEST_ASSETS) + "/demo/volosovo.json" : o.registry.string()});
  if (o.front == Front::kEmbedded) {
    embedded_ = std::make_unique<ServerProcess>(server_, store(), dir_.path());
    std::vector<std::string> args = o.server_args;
    args.insert(args.end(), key_args_.begin(), key_args_.end());
    if (tls_) args.insert(args.end(), {"--tls-cert", o.tls_cert.string(), "--tls-key", o.tls_key.string()});
    embedded_->start(args);
    port_ = embedded_->port();
    return;
  }
  std::vector<std::string> argv = {NASTAVNIK_FRONT_SCRIPT, "--store", store(), "--listen", "127.0.0.1:0",
                                   "--port-file", (dir_ / "front.port").string(), "--server",
                                   server_.string(), "--server-pid-file", (dir_ / "server.pid").string(),
                                   "--server-arg=--log-level", "--server-arg=warn",
                                   "--instances", std::to_string(o.instances)};
  for (const auto& a : key_args_) argv.push_back("--server-arg=" + a);
  if (!o.nginx_conf_dir.empty()) argv.insert(argv.end(), {"--conf-dir", o.nginx_conf_dir.string()});
  if (tls_) argv.insert(argv.end(), {"--tls-cert", o.tls_cert.string(), "--tls-key", o.tls_key.string()});
  for (const auto& a : o.server_args) argv.push_back("--server-arg=" + a);
  front_pid_ = spawn_process(argv, dir_ / "front.log", dir_ / "front.log");
  for (int i = 0; i < 3000; ++i) {  // at most 30 s
    const std::string port = read_number_file(dir_ / "front.port");
    if (!port.empty()) {
      port_ = std::stoi(port);
      std::ifstream pids(dir_ / "server.pid");
      for (pid_t pid; pids >> pid;) front_server_pids_.push_back(pid);
      return;
    }
    int status = 0;
    if (::waitpid(front_pid_, &status, WNOHANG) == front_pid_) {
      front_pid_ = -1;
      throw std::runtime_error("scripts/front stopped at start: " + read_file(dir_ / "front.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop();
  throw std::runtime_error("scripts/front did not start within 30 s: " + read_file(dir_ / "front.log"));
}

FieldSite::~FieldSite() { stop(); }

void FieldSite::stop() {
  if (embedded_) embedded_->stop();
  if (front_pid_ <= 0) return;
  ::kill(front_pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 4000 && ::waitpid(front_pid_, &status, WNOHANG) != front_pid_; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (::waitpid(front_pid_, &status, WNOHANG) == 0) {
    ::kill(front_pid_, SIGKILL);
    ::waitpid(front_pid_, &status, 0);
  }
  front_pid_ = -1;
}

pid_t FieldSite::server_pid() const {
  if (embedded_) return embedded_->pid();
  return front_server_pids_.empty() ? -1 : front_server_pids_.front();
}

ProcessResult FieldSite::admin(std::vector<std::string> args) {
  std::vector<std::string> argv = {server_.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--store");
  argv.push_back(store());
  argv.insert(argv.end(), key_args_.begin(), key_args_.end());
  auto result = run_process(argv);
  INFO("nastavnik-server " << args.at(0) << ": " << result.err);
  REQUIRE(result.exit_code == 0);
  return result;
}

std::string FieldSite::code_for(const std::string& person_id, const std::string& role) {
  const auto result = admin({"enroll-code", "--person", person_id, "--role", role});
  std::smatch m;
  static const std::regex kCode("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
  REQUIRE(std::regex_search(result.out, m, kCode));
  return m.str();
}

int64_t FieldSite::server_peak_rss_kb() const { return peak_rss_kb(server_pid()); }

int64_t peak_rss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
  return 0;
}

ProcessResult CliLaptop::run(std::vector<std::string> args, int timeout_s) const {
  std::vector<std::string> argv = {program_.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--data");
  argv.push_back(dir_.string());
  argv.push_back("--lang");
  argv.push_back("en");
  return run_process(argv, {}, "", timeout_s);
}

ProcessResult CliLaptop::ok(std::vector<std::string> args, int timeout_s) const {
  auto result = run(args, timeout_s);
  INFO("nastavnik-cli " << args.at(0) << ": " << result.err << result.out);
  REQUIRE(result.exit_code == 0);
  return result;
}

void CliLaptop::init_and_enroll(const std::string& url, const std::string& code) const {
  ok({"init"});
  ok({"enroll", "--server", url, "--code", code});
}

Timed timed(const std::vector<std::string>& argv, int timeout_s) {
  const auto start = std::chrono::steady_clock::now();
  Timed t;
  t.result = run_process(argv, {}, "", timeout_s);
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return t;
}

}  // namespace nastavnik::testing
