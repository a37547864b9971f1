#pragma once
// Running the real desktop client under Xvfb from the GUI tests: the demo replica made by
// nastavnik-make-demo-replica, the client in screenshot or script mode, and its manifest.

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace nastavnik::testing {

// A date inside the demo's school year (September 2026 – May 2027), so "next 30 days" on
// the home screen is the same on every run.
inline constexpr const char* kDemoToday = "2027-01-20";

std::string slurp(const std::filesystem::path& path);
nlohmann::json read_json(const std::filesystem::path& path);
nlohmann::json catalog(const std::string& lang);

// Writes the demo replica into `dir` once per test run and copies it for each caller
// (the tool refuses a directory that already holds a replica).
void copy_demo_replica(const std::filesystem::path& dir);

// `nastavnik ARGS...` on `display`, with extra environment variables; fails the test when
// it cannot be started. The client's own settings file is always given (never ~/.config).
ProcessResult run_client(const std::string& display, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {}, int timeout_s = 300);

// Fails the test unless Xvfb can be started (scripts/setup installs it).
void require_xvfb_installed();

}  // namespace nastavnik::testing
