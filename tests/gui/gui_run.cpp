#include "tests/gui/gui_run.h"

#include <cstdlib>

#include <catch2/catch.hpp>
#include <fstream>
#include <mutex>

#include "tests/gui/xvfb_server.h"

namespace fs = std::filesystem;

namespace nastavnik::testing {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

nlohmann::json read_json(const fs::path& path) {
  INFO("reading " << path);
  REQUIRE(fs::exists(path));
  return nlohmann::json::parse(slurp(path));
}

nlohmann::json catalog(const std::string& lang) {
  return read_json(fs::path(NASTAVNIK_GUI_ASSETS) / "i18n" / (lang + ".json"));
}

void copy_demo_replica(const fs::path& dir) {
  static const fs::path made = fs::path(NASTAVNIK_GUI_ARTIFACTS) / "demo-replica";
  static std::once_flag once;
  std::call_once(once, [] {
    fs::remove_all(made);
    fs::create_directories(made.parent_path());
    const ProcessResult r = run_process({NASTAVNIK_DEMO_REPLICA_TOOL, "--data", made.string()});
    INFO("nastavnik-make-demo-replica:\n" << r.out << r.err);
    REQUIRE(r.exit_code == 0);
  });
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  fs::copy(made, dir, fs::copy_options::recursive);
}

ProcessResult run_client(const std::string& display, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env, int timeout_s) {
  std::vector<std::string> argv = {NASTAVNIK_GUI_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::map<std::string, std::string> all_env = env;
  all_env["DISPLAY"] = display;
  // Under AddressSanitizer the window's process runs without the leak check: LeakSanitizer
  // cannot stop the OpenGL driver's threads reliably and its tracer crashes now and then
  // ("Tracer caught signal 11"), failing runs that leaked nothing. The model, store and sync
  // code the window drives stay leak-checked in their own suites, which open no window.
  if (const char* asan = std::getenv("ASAN_OPTIONS"); asan && !all_env.count("ASAN_OPTIONS"))
    all_env["ASAN_OPTIONS"] = std::string(asan) + ":detect_leaks=0";
  return run_process(argv, all_env, "", timeout_s);
}

void require_xvfb_installed() {
  if (!XvfbServer::installed())
    FAIL("Xvfb is not installed: the GUI tests need a virtual X server. Run scripts/setup (it installs xvfb), "
         "or: apt-get install xvfb");
}

}  // namespace nastavnik::testing
