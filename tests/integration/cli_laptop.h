#pragma once
// A laptop for tests of real processes: nastavnik-cli on its own data directory, run as a
// child process in English, with helpers for the commands the tests repeat.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/integration/server_fixture.h"
#include "tests/support/demo_people.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace nastavnik::testing {

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

struct Laptop {
  TempDir dir;
  std::filesystem::path data = dir / "data";

  ProcessResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), NASTAVNIK_CLI_PATH);
    args.push_back("--data");
    args.push_back(data.string());
    return run_process(args, {{"NASTAVNIK_LANG", "en"}}, "", 600);
  }
  std::string ok(const std::vector<std::string>& args) {
    const auto r = cli(args);
    INFO("nastavnik-cli " << args.at(0) << " " << (args.size() > 1 ? args[1] : "") << ": " << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
  }
  nlohmann::json ok_json(std::vector<std::string> args) {
    args.push_back("--json");
    const std::string out = ok(args);
    const nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
    INFO(out);
    REQUIRE(!j.is_discarded());
    return j;
  }
  void enroll(ServerFixture& fx, const std::string& person, const std::string& role) {
    ok({"init"});
    ok({"enroll", "--server", fx.url(), "--code", fx.code_for(person, role)});
  }
  std::string device_id() {
    const std::string out = ok({"status"});
    const auto at = out.find(": ");
    return out.substr(at + 2, 32);
  }
  void add_sessions(const std::vector<std::string>& topics) {
    const std::filesystem::path file = dir / "sessions.jsonl";
    std::ofstream out(file, std::ios::trunc);
    for (const auto& t : topics)
      out << nlohmann::json{{"pair_id", demo::kPair1}, {"mentor_id", demo::kTutor1}, {"date", "2026-11-20"},
                  {"format", "offline"},     {"stage", "theory"},          {"topic", t}}
                 .dump()
          << "\n";
    out.close();
    ok({"session", "add", "--from-json", file.string()});
  }
  std::string sessions() { return ok_json({"list", "--entity", "mentoring_session", "--limit", "1000"}).dump(); }
  int64_t unacked() { return static_cast<int64_t>(ok_json({"pending"})["unacked_changesets"].size()); }
  int64_t unsealed() { return ok_json({"pending"})["unsealed_ops"].get<int64_t>(); }
};

}  // namespace nastavnik::testing
