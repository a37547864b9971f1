// End-to-end tests of nastavnik-cli: the built binary runs as a child process on a fresh
// data directory per test, with stdin/stdout/stderr in files, and the tests check exit
// codes, output and the files left behind.
//
// Sections:
//   1. Harness: temp dirs, running the CLI, small readers (JSON, CSV, files)
//   2. init, status, global options
//   3. sessions: add / edit / delete / list / show
//   4. visits and self-assessments
//   5. validation and unknown records
//   6. --from-json batches
//   7. pending, export
//   8. import-registry
//   9. damaged replica files
//  10. --help of every command

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "shared/crypto/key_pair.h"
#include "shared/crypto/sodium.h"
#include "shared/domain/schema.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---------------------------------------------------------------------------------------
// 1. Harness

const fs::path kAssets = NASTAVNIK_E2E_ASSETS;
constexpr const char* kPerson = "00000000-0000-7000-8000-000300000001";
constexpr const char* kOtherPerson = "00000000-0000-7000-8000-000300000002";
constexpr const char* kThirdPerson = "00000000-0000-7000-8000-000300000003";
constexpr const char* kSchool = "00000000-0000-7000-8000-000200000006";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

size_t line_count(const std::string& text) {
  size_t n = 0;
  for (char c : text) n += c == '\n';
  return n + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

struct Run {
  int code = -1;
  std::string out, err;
  // For failure messages: everything about the run on one screen.
  std::string describe() const {
    return "exit " + std::to_string(code) + "\nstdout:\n" + out + "\nstderr:\n" + err;
  }
};

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "nastavnik-cli-e2e-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// One data directory, and the CLI run against it.
class Cli {
 public:
  Cli() : data_(tmp_.path() / "data") {}
  const fs::path& data() const { return data_; }
  fs::path file(const std::string& name) const { return tmp_.path() / name; }

  // Runs nastavnik-cli with `args` and then "--data DIR" (options after the command name).
  Run operator()(std::vector<std::string> args, const std::string& input = "",
                 const std::map<std::string, std::string>& env = {}) const {
    args.push_back("--data");
    args.push_back(data_.string());
    return raw(args, input, env);
  }

  // Runs nastavnik-cli with exactly `args`. The environment is the test's, minus the
  // variables that would change the CLI's behaviour, plus NASTAVNIK_ASSETS and `env`.
  Run raw(const std::vector<std::string>& args, const std::string& input = "",
          const std::map<std::string, std::string>& env = {}) const {
    const fs::path in = file("stdin"), out = file("stdout"), err = file("stderr");
    write_file(in, input);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
      const std::string var = *e;
      if (var.starts_with("NASTAVNIK_") || var.starts_with("XDG_DATA_HOME=")) continue;
      env_strings.push_back(var);
    }
    env_strings.push_back("NASTAVNIK_ASSETS=" + kAssets.string());
    for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = {NASTAVNIK_CLI_PATH};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    Run run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.out = read_file(out);
    run.err = read_file(err);
    return run;
  }

  // Runs a command that must succeed, and returns its stdout.
  std::string ok(const std::vector<std::string>& args, const std::string& input = "") const {
    const Run r = (*this)(args, input);
    INFO(r.describe());
    REQUIRE(r.code == 0);
    return r.out;
  }

  json ok_json(const std::vector<std::string>& args) const {
    const std::string out = ok(args);
    json j = json::parse(out, nullptr, false);
    INFO(out);
    REQUIRE(!j.is_discarded());
    return j;
  }

  void init(const std::string& person = kPerson, const std::vector<std::string>& roles = {"tutor"}) const {
    std::vector<std::string> args = {"init", "--person", person};
    for (const auto& r : roles) args.insert(args.end(), {"--role", r});
    ok(args);
  }

  // list --json with no limit.
  json records(const std::string& entity = "") const {
    std::vector<std::string> args = {"list", "--json", "--limit", "0"};
    if (!entity.empty()) args.insert(args.end(), {"--entity", entity});
    return ok_json(args);
  }

 private:
  TempDir tmp_;
  fs::path data_;
};

// A failure is ONE line on stderr: "nastavnik-cli: <reason>".
void require_one_line_failure(const Run& r, int code) {
  INFO(r.describe());
  REQUIRE(r.code == code);
  REQUIRE(line_count(r.err) == 1);
  REQUIRE(r.err.starts_with("nastavnik-cli: "));
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; rows end in CRLF.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        cell += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(cell), cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(cell), cell.clear();
      rows.push_back(row), row.clear();
      ++i;
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !row.empty()) row.push_back(cell), rows.push_back(row);
  return rows;
}

json find_by_id(const json& records, const std::string& id) {
  for (const auto& r : records)
    if (r["id"] == id) return r;
  FAIL("no record " << id << " in " << records.dump());
  return json();
}

// The latest version of an instrument, read straight from assets/instruments.
json latest_instrument(const std::string& id) {
  json best;
  for (const auto& entry : fs::directory_iterator(kAssets / "instruments")) {
    json j = json::parse(read_file(entry.path()));
    if (j["id"] == id && (best.is_null() || j["version"].get<int>() > best["version"].get<int>())) best = j;
  }
  REQUIRE(!best.is_null());
  return best;
}

std::string session_line(const std::string& topic, const std::string& date) {
  return json{{"topic", topic}, {"stage", "theory"}, {"format", "offline"}, {"date", date}}.dump() + "\n";
}

// ---------------------------------------------------------------------------------------
// 2. init, status, global options

TEST_CASE("init creates the replica and a private device key, and refuses a second init", "[cli][e2e]") {
  Cli cli;
  const Run r = cli({"init", "--person", kPerson, "--role", "tutor", "--school", kSchool});
  INFO(r.describe());
  REQUIRE(r.code == 0);
  REQUIRE(fs::exists(cli.data() / "replica.db"));
  REQUIRE(fs::exists(cli.data() / "device.pub"));
  struct stat key {
  }, dir{};
  REQUIRE(::stat((cli.data() / "device.key").c_str(), &key) == 0);
  REQUIRE((key.st_mode & 0777) == 0600);
  REQUIRE(::stat(cli.data().c_str(), &dir) == 0);
  REQUIRE((dir.st_mode & 0777) == 0700);

  // The printed device id is the fingerprint of the public key written next to it.
  REQUIRE(nastavnik::crypto::ensure_initialised().ok());
  auto pk = nastavnik::crypto::public_key_from_hex(first_line(read_file(cli.data() / "device.pub")));
  REQUIRE(pk.ok());
  const std::string device = nastavnik::crypto::key_id(*pk);
  REQUIRE(r.out.find(device) != std::string::npos);
  REQUIRE(r.out.find(cli.data().string()) != std::string::npos);

  const std::string key_before = read_file(cli.data() / "device.key");
  const std::string db_before = read_file(cli.data() / "replica.db");
  require_one_line_failure(cli({"init"}), 1);
  REQUIRE(read_file(cli.data() / "device.key") == key_before);
  REQUIRE(read_file(cli.data() / "replica.db") == db_before);

  const std::string status = cli.ok({"status"});
  REQUIRE(status.find(device) != std::string::npos);
  REQUIRE(status.find("Тьютор") != std::string::npos);
}

TEST_CASE("commands need an initialised data directory and say how to make one", "[cli][e2e]") {
  Cli cli;
  const Run r = cli({"list"});
  require_one_line_failure(r, 1);
  REQUIRE(r.err.find("nastavnik-cli init --data " + cli.data().string()) != std::string::npos);
  REQUIRE(!fs::exists(cli.data() / "replica.db"));
}

TEST_CASE("global options are accepted before and after the command, and from the environment",
          "[cli][e2e]") {
  Cli cli;
  cli.init();
  cli.ok({"session", "add", "--topic", "Тема", "--stage", "theory", "--format", "offline"});
  const Run before = cli.raw({"--data", cli.data().string(), "--lang", "en", "list", "--json"});
  const Run after = cli.raw({"list", "--json", "--data", cli.data().string(), "--lang", "en"});
  const Run env = cli.raw({"list", "--json"}, "", {{"NASTAVNIK_DATA", cli.data().string()}});
  INFO(before.describe() << after.describe() << env.describe());
  REQUIRE(before.code == 0);
  REQUIRE(after.code == 0);
  REQUIRE(env.code == 0);
  REQUIRE(json::parse(before.out).size() == 1);
  REQUIRE(before.out == after.out);
  REQUIRE(before.out == env.out);

  const Run bad_lang = cli({"list", "--lang", "de"});
  require_one_line_failure(bad_lang, 2);
}

// ---------------------------------------------------------------------------------------
// 3. sessions

TEST_CASE("session add, edit, delete, list and show keep real values", "[cli][e2e]") {
  Cli cli;
  cli.init();
  const std::string topic = "Приём «Светофор» на уроке № 5 — формирующее оценивание";
  const std::string notes = "Первая строка,\nвторая строка с \"кавычками\"";
  const std::string id =
      first_line(cli.ok({"session", "add", "--topic", topic, "--stage", "joint_analysis", "--format",
                         "online", "--date", "2025-10-01", "--duration-min", "45", "--mentees", kOtherPerson,
                         "--mentees", kThirdPerson, "--notes", notes}));
  REQUIRE(id.size() == 36);

  json records = cli.records("session");
  REQUIRE(records.size() == 1);
  const json& r = records[0];
  CHECK(r["id"] == id);
  CHECK(r["entity"] == "mentoring_session");
  CHECK(r["deleted"] == false);
  CHECK(r["fields"]["topic"] == topic);
  CHECK(r["fields"]["notes"] == notes);
  CHECK(r["fields"]["date"] == "2025-10-01");
  CHECK(r["fields"]["duration_min"] == 45);
  CHECK(r["fields"]["stage"] == "joint_analysis");
  CHECK(r["fields"]["mentees"] == json::array({kOtherPerson, kThirdPerson}));
  CHECK(r["fields"]["mentor_id"] == kPerson);  // the device's person by default
  CHECK(r["fields"]["created_by"] == kPerson);

  // show by the short id of the table, as JSON and as labelled text.
  const std::string short_id = id.substr(id.size() - 8);
  json shown = cli.ok_json({"show", short_id, "--json"});
  CHECK(shown["id"] == id);
  CHECK(shown["fields"] == r["fields"]);
  CHECK(shown["conflicts"] == json::array());
  const std::string text = cli.ok({"show", id});
  CHECK(text.find("Тема") != std::string::npos);
  CHECK(text.find(topic) != std::string::npos);
  CHECK(text.find("Совместный анализ выявленных проблем") != std::string::npos);  // enum label
  const std::string table = cli.ok({"list"});
  CHECK(table.find(short_id) != std::string::npos);
  CHECK(table.find("Наставническая встреча") != std::string::npos);

  // edit: only the given fields change, a set is replaced, --clear empties a field.
  cli.ok({"session", "edit", short_id, "--satisfaction", "5", "--mentees", kThirdPerson, "--clear", "notes"});
  json edited = cli.ok_json({"show", id, "--json"})["fields"];
  CHECK(edited["satisfaction"] == 5);
  CHECK(edited["mentees"] == json::array({kThirdPerson}));
  CHECK(!edited.contains("notes"));
  CHECK(edited["topic"] == topic);
  CHECK(edited["duration_min"] == 45);

  // A session id given to the visit group is refused.
  require_one_line_failure(cli({"visit", "delete", id}), 1);

  cli.ok({"session", "delete", id});
  CHECK(cli.records("session").empty());
  json with_deleted = cli.ok_json({"list", "--entity", "session", "--deleted", "--json"});
  REQUIRE(with_deleted.size() == 1);
  CHECK(with_deleted[0]["deleted"] == true);
  CHECK(cli.ok_json({"show", id, "--json"})["deleted"] == true);
  require_one_line_failure(cli({"session", "edit", id, "--satisfaction", "4"}), 1);
}

TEST_CASE("history shows who changed which field when, and what is not yet delivered", "[cli][e2e]") {
  Cli cli;
  cli.init();
  const std::string id = first_line(cli.ok({"session", "add", "--topic", "Приём «Светофор» № 5", "--stage",
                                            "theory", "--format", "online", "--date", "2025-10-01", "--notes", "Заметка"}));
  cli.ok({"session", "edit", id, "--topic", "Приём «Светофор» — итоги", "--clear", "notes"});
  const json history = cli.ok_json({"history", id, "--json"});
  REQUIRE(history["history"].size() == 2);
  CHECK(history["history"][0]["f"]["topic"] == "Приём «Светофор» № 5");
  CHECK(history["history"][1]["f"]["topic"] == "Приём «Светофор» — итоги");
  CHECK(history["history"][1]["f"]["notes"].is_null());
  CHECK(history["history"][1]["written_here"] == true);
  CHECK(history["history"][1]["delivered"] == false);
  CHECK(history["history"][0]["time_ms"].get<uint64_t>() <= history["history"][1]["time_ms"].get<uint64_t>());
  const std::string text = cli.ok({"history", id.substr(0, 8)});
  CHECK(text.find("2 изменения") != std::string::npos);
  CHECK(text.find("создал(а)") != std::string::npos);
  CHECK(text.find("изменил(а)") != std::string::npos);
  CHECK(text.find("Приём «Светофор» — итоги") != std::string::npos);
  CHECK(text.find("(очищено)") != std::string::npos);
  CHECK(text.find("ещё не доставлено на сервер") != std::string::npos);
  cli.ok({"session", "delete", id});
  CHECK(cli.ok_json({"history", id, "--json"})["history"].size() == 3);
  require_one_line_failure(cli({"history", "00000000-0000-7000-8000-0000000000ff"}), 1);
}

// ---------------------------------------------------------------------------------------
// 4. visits and self-assessments

TEST_CASE("visit add stores protocol scores given as JSON", "[cli][e2e]") {
  Cli cli;
  cli.init();
  const std::string id = first_line(
      cli.ok({"visit", "add", "--host-school-id", kSchool, "--subject", "Математика", "--grade", "7",
              "--protocol-id", "lesson_observation", "--scores", R"({"goal_1": 2, "climate_1": 1})"}));
  json fields = find_by_id(cli.records("visit"), id)["fields"];
  CHECK(fields["scores"] == json{{"goal_1", 2}, {"climate_1", 1}});
  CHECK(fields["visitor_id"] == kPerson);
  CHECK(fields["subject"] == "Математика");
  CHECK(fields["grade"] == 7);

  require_one_line_failure(
      cli({"visit", "add", "--host-school-id", kSchool, "--subject", "x", "--scores", "[1,2]"}), 2);
  CHECK(cli.records("visit").size() == 1);
}

TEST_CASE("assessment add computes the deficits of the answers", "[cli][e2e]") {
  Cli cli;
  cli.init(kPerson, {"teacher"});
  const json instrument = latest_instrument("teacher_deficits");
  const std::string weak_area = instrument["areas"][1]["id"];
  std::vector<std::string> args = {"assessment", "add", "--instrument", "teacher_deficits"};
  for (const auto& item : instrument["items"])
    args.push_back("--answer=" + item["id"].get<std::string>() + "=" +
                   (item["area"] == weak_area ? "0" : "3"));

  const std::string out = cli.ok(args);
  const std::string id = first_line(out);
  CHECK(out.find(instrument["areas"][1]["title"]["ru"].get<std::string>()) != std::string::npos);
  CHECK(out.find(instrument["areas"][0]["title"]["ru"].get<std::string>()) == std::string::npos);
  json fields = cli.ok_json({"show", id, "--json"})["fields"];
  CHECK(fields["deficits"] == json::array({weak_area}));
  CHECK(fields["instrument_version"] == instrument["version"]);
  CHECK(fields["person_id"] == kPerson);

  // Raising the weak answers re-scores the record: no deficits remain.
  std::vector<std::string> edit = {"assessment", "edit", id};
  for (const auto& item : instrument["items"])
    if (item["area"] == weak_area) edit.push_back("--answer=" + item["id"].get<std::string>() + "=3");
  cli.ok(edit);
  // (The replica keeps an empty set as an absent field.)
  CHECK(cli.ok_json({"show", id, "--json"})["fields"].value("deficits", json::array()) == json::array());

  // English titles with --lang en.
  args.push_back("--lang");
  args.push_back("en");
  CHECK(cli.ok(args).find(instrument["areas"][1]["title"]["en"].get<std::string>()) != std::string::npos);

  // An instrument about a school needs the school.
  const Run school = cli({"assessment", "add", "--instrument", "school_risk", "--answer", "x=1"});
  require_one_line_failure(school, 1);
  CHECK(school.err.find("--school-id") != std::string::npos);
}

TEST_CASE("the generic record group writes any kind named by --entity", "[cli][e2e]") {
  Cli cli;
  cli.init(kPerson, {"mentor"});
  const std::string pair = "00000000-0000-7000-8000-000400000001";
  const std::string id = first_line(cli.ok({"record", "add", "--entity", "pair_review", "--pair-id", pair,
                                            "--summary", "План выполняется; «узкие места» — ИОМ"}));
  json fields = find_by_id(cli.records("pair_review"), id)["fields"];
  CHECK(fields["author_id"] == kPerson);
  CHECK(fields["summary"] == "План выполняется; «узкие места» — ИОМ");
  cli.ok({"record", "edit", id, "--recommendations", "Провести открытый урок"});
  CHECK(cli.ok_json({"show", id, "--json"})["fields"]["recommendations"] == "Провести открытый урок");

  require_one_line_failure(cli({"record", "add", "--summary", "x"}), 2);  // no --entity
  require_one_line_failure(cli({"record", "add", "--entity", "pair_review", "--topic", "x"}),
                           2);  // not its field
  require_one_line_failure(cli({"record", "add", "--entity", "school", "--name", "Школа"}), 1);  // registry
  CHECK(cli.records("school").empty());
}

// ---------------------------------------------------------------------------------------
// 5. validation and unknown records

TEST_CASE("an invalid record is refused with one line naming the field, and nothing is written",
          "[cli][e2e]") {
  Cli cli;
  cli.init();
  const std::vector<std::string> no_topic = {"session", "add", "--stage", "theory", "--format", "offline"};
  const Run ru = cli(no_topic);
  require_one_line_failure(ru, 1);
  CHECK(ru.err.find("«Тема»") != std::string::npos);

  std::vector<std::string> english = no_topic;
  english.insert(english.end(), {"--lang", "en"});
  const Run en = cli(english);
  require_one_line_failure(en, 1);
  CHECK(en.err.find("\"Topic\"") != std::string::npos);

  const Run env_en = cli(no_topic, "", {{"NASTAVNIK_LANG", "en"}});
  CHECK(env_en.err == en.err);

  const Run range = cli({"session", "add", "--topic", "т", "--stage", "theory", "--format", "offline",
                         "--satisfaction", "9", "--lang", "en"});
  require_one_line_failure(range, 1);
  CHECK(range.err.find("between 1 and 5") != std::string::npos);

  const Run not_a_number = cli({"session", "add", "--topic", "т", "--stage", "theory", "--format", "offline",
                                "--duration-min", "сорок"});
  require_one_line_failure(not_a_number, 2);
  CHECK(not_a_number.err.find("--duration-min") != std::string::npos);

  require_one_line_failure(cli({"session", "add", "--no-such-flag", "1"}), 2);
  CHECK(cli.records().empty());
}

TEST_CASE("unknown record ids are refused", "[cli][e2e]") {
  Cli cli;
  cli.init();
  const std::string unknown = "00000000-0000-7000-8000-00000000dead";
  require_one_line_failure(cli({"show", unknown}), 1);
  require_one_line_failure(cli({"show", "0000dead"}), 1);
  require_one_line_failure(cli({"session", "edit", unknown, "--topic", "x"}), 1);
  require_one_line_failure(cli({"session", "delete", unknown}), 1);
  require_one_line_failure(cli({"show", "xyz"}), 2);
}

// ---------------------------------------------------------------------------------------
// 6. --from-json batches

TEST_CASE("session add --from-json imports JSON Lines, all or nothing", "[cli][e2e]") {
  Cli cli;
  cli.init();
  const std::string good = session_line("Первая «встреча»", "2025-09-01") +
                           session_line("Вторая", "2025-09-08") +
                           session_line("Третья — итоговая", "2025-09-15");
  write_file(cli.file("good.jsonl"), good);

  SECTION("three valid lines give three sessions") {
    const Run r = cli({"session", "add", "--from-json", cli.file("good.jsonl").string()});
    INFO(r.describe());
    REQUIRE(r.code == 0);
    CHECK(line_count(r.out) == 3);
    CHECK(r.err.find("3") != std::string::npos);
    json records = cli.records("session");
    REQUIRE(records.size() == 3);
    CHECK(records[0]["fields"]["topic"] == "Третья — итоговая");  // newest date first
    CHECK(records[0]["fields"]["mentor_id"] == kPerson);
  }

  SECTION("standard input works too") {
    cli.ok({"session", "add", "--from-json", "-"}, good);
    CHECK(cli.records("session").size() == 3);
  }

  SECTION("one bad line: nothing is imported, the line is named, a corrected re-run imports all") {
    const std::string bad = session_line("Первая", "2025-09-01") +
                            json{{"stage", "theory"}, {"format", "offline"}, {"date", "2025-09-08"}}.dump() +
                            "\n" + session_line("Третья", "2025-09-15");
    write_file(cli.file("bad.jsonl"), bad);
    const Run r = cli({"session", "add", "--from-json", cli.file("bad.jsonl").string()});
    require_one_line_failure(r, 1);
    CHECK(r.err.find("строка 2") != std::string::npos);
    CHECK(r.err.find("«Тема»") != std::string::npos);
    CHECK(cli.records("session").empty());
    CHECK(cli.ok_json({"pending", "--json"})["unsealed_ops"] == 0);

    cli.ok({"session", "add", "--from-json", cli.file("good.jsonl").string()});
    CHECK(cli.records("session").size() == 3);
  }

  SECTION("a line that is not JSON is named") {
    write_file(cli.file("broken.jsonl"), session_line("Первая", "2025-09-01") + "{не json\n");
    const Run r = cli({"session", "add", "--from-json", cli.file("broken.jsonl").string(), "--lang", "en"});
    require_one_line_failure(r, 1);
    CHECK(r.err.find("line 2") != std::string::npos);
    CHECK(cli.records("session").empty());
  }
}

// ---------------------------------------------------------------------------------------
// 7. pending, export

TEST_CASE("pending counts the unsent ops per kind", "[cli][e2e]") {
  Cli cli;
  cli.init();
  const std::string id =
      first_line(cli.ok({"session", "add", "--topic", "А", "--stage", "theory", "--format", "offline"}));
  cli.ok({"session", "add", "--topic", "Б", "--stage", "theory", "--format", "offline"});
  cli.ok({"session", "edit", id, "--topic", "В"});
  cli.ok({"visit", "add", "--host-school-id", kSchool, "--subject", "Физика"});
  json p = cli.ok_json({"pending", "--json"});
  CHECK(p["unsealed_ops"] == 4);
  CHECK(p["unsealed_by_entity"]["mentoring_session"] == 3);
  CHECK(p["unsealed_by_entity"]["lesson_visit"] == 1);
  CHECK(p["unacked_changesets"] == json::array());
  CHECK(p["open_conflicts"] == 0);
  const std::string text = cli.ok({"pending"});
  CHECK(text.find(": 4") != std::string::npos);
  CHECK(text.find("Наставническая встреча: 3") != std::string::npos);
}

TEST_CASE("export writes CSV with a BOM and RFC 4180 quoting, and JSON", "[cli][e2e]") {
  Cli cli;
  cli.init();
  const std::string notes = "запятая, \"кавычки\"\nи перенос строки";
  const std::string first = first_line(cli.ok(
      {"session", "add", "--topic", "Тема «один»", "--stage", "theory", "--format", "offline", "--date",
       "2025-10-01", "--notes", notes, "--mentees", kThirdPerson, "--mentees", kOtherPerson}));
  cli.ok({"session", "add", "--topic", "Тема два", "--stage", "trial_lessons", "--format", "online", "--date",
          "2025-10-02"});

  const fs::path csv_path = cli.file("встречи.csv");
  const Run r = cli({"export", "--format", "csv", "--entity", "session", "--out", csv_path.string()});
  INFO(r.describe());
  REQUIRE(r.code == 0);
  const std::string csv = read_file(csv_path);
  REQUIRE(csv.starts_with("\xEF\xBB\xBF"));
  const auto rows = parse_csv(csv.substr(3));
  REQUIRE(rows.size() == 3);
  std::vector<std::string> header = {"id", "entity"};
  for (const auto& f : nastavnik::DomainSchema::instance().entity("mentoring_session")->fields)
    header.push_back(f.name);
  CHECK(rows[0] == header);
  const auto column = [&](const std::string& name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const auto& row = rows[1][0] == first ? rows[1] : rows[2];
  REQUIRE(row.size() == header.size());
  CHECK(row[column("entity")] == "mentoring_session");
  CHECK(row[column("topic")] == "Тема «один»");
  CHECK(row[column("notes")] == notes);
  CHECK(row[column("mentees")] == std::string(kOtherPerson) + "; " + kThirdPerson);
  CHECK(row[column("date")] == "2025-10-01");

  // JSON: the same shape as list --json.
  const fs::path json_path = cli.file("export.json");
  cli.ok({"export", "--format", "json", "--out", json_path.string()});
  json exported = json::parse(read_file(json_path));
  REQUIRE(exported.size() == 2);
  CHECK(find_by_id(exported, first)["fields"]["notes"] == notes);
  CHECK(exported == cli.records());

  // An existing file is kept unless --force; a missing folder is named; CSV needs a kind.
  write_file(json_path, "keep me");
  require_one_line_failure(cli({"export", "--format", "json", "--out", json_path.string()}), 1);
  CHECK(read_file(json_path) == "keep me");
  cli.ok({"export", "--format", "json", "--out", json_path.string(), "--force"});
  CHECK(json::parse(read_file(json_path)).size() == 2);
  const fs::path missing = cli.file("нет-такой-папки") / "x.csv";
  const Run no_dir = cli({"export", "--format", "csv", "--entity", "session", "--out", missing.string()});
  require_one_line_failure(no_dir, 1);
  CHECK(no_dir.err.find(missing.parent_path().string()) != std::string::npos);
  require_one_line_failure(cli({"export", "--format", "csv"}), 2);
  for (const auto& entry : fs::directory_iterator(json_path.parent_path()))
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

// ---------------------------------------------------------------------------------------
// 8. import-registry

TEST_CASE("import-registry loads the demo registry once, and only for a methodologist", "[cli][e2e]") {
  const std::string demo = (kAssets / "demo" / "volosovo.json").string();
  const json file = json::parse(read_file(demo));
  std::map<std::string, size_t> expected;
  for (const auto& r : file["records"]) ++expected[r["entity"].get<std::string>()];
  REQUIRE(file["records"].size() == 90);

  Cli methodologist;
  methodologist.init(kPerson, {"methodologist"});
  methodologist.ok({"import-registry", demo});
  size_t total = 0;
  for (const auto& [entity, n] : expected) {
    CHECK(methodologist.records(entity).size() == n);
    total += methodologist.records(entity).size();
  }
  CHECK(total == 90);
  const json pending = methodologist.ok_json({"pending", "--json"});
  CHECK(pending["unsealed_ops"] == 90);

  // Ids are fixed by the file: a second import changes nothing.
  const std::string again = methodologist.ok({"import-registry", demo});
  CHECK(methodologist.ok_json({"pending", "--json"}) == pending);
  CHECK(again.find("90") != std::string::npos);

  // Names from the registry appear in tables.
  CHECK(methodologist.ok({"list", "--entity", "school"}).find("Торосовская ООШ") != std::string::npos);

  // One invalid record anywhere in a file: nothing at all is written.
  Cli fresh;
  fresh.init(kPerson, {"methodologist"});
  json broken = file;
  broken["records"][85]["fields"].erase("title");
  broken["records"][3]["fields"]["ior"] = 7;
  write_file(fresh.file("broken.json"), broken.dump());
  const Run invalid = fresh({"import-registry", fresh.file("broken.json").string(), "--lang", "en"});
  require_one_line_failure(invalid, 1);
  CHECK(invalid.err.find("record #4") != std::string::npos);
  CHECK(invalid.err.find("nothing was written") != std::string::npos);
  CHECK(fresh.ok_json({"pending", "--json"})["unsealed_ops"] == 0);

  Cli teacher;
  teacher.init(kOtherPerson, {"teacher"});
  const Run refused = teacher({"import-registry", demo});
  require_one_line_failure(refused, 1);
  CHECK(refused.err.find("методист") != std::string::npos);
  CHECK(teacher.ok_json({"pending", "--json"})["unsealed_ops"] == 0);
  CHECK(teacher.records("school").empty());
}

// ---------------------------------------------------------------------------------------
// 9. damaged replica files

TEST_CASE("a damaged replica is reported and left untouched", "[cli][e2e]") {
  Cli cli;
  cli.init();
  for (int i = 0; i < 20; ++i)
    cli.ok({"session", "add", "--topic", "Встреча " + std::to_string(i), "--stage", "theory", "--format",
            "offline", "--notes", std::string(400, 'x')});
  const fs::path db = cli.data() / "replica.db";
  const std::string healthy = read_file(db);
  REQUIRE(healthy.size() > 8192);

  SECTION("garbage in the middle") {
    std::string damaged = healthy;
    for (size_t i = damaged.size() / 4; i < damaged.size() * 3 / 4; ++i)
      damaged[i] = static_cast<char>(0xA5 ^ (i * 7));
    write_file(db, damaged);
    const Run r = cli({"list"});
    require_one_line_failure(r, 1);
    CHECK(r.err.find("повреждены") != std::string::npos);
    const Run en = cli({"status", "--lang", "en"});
    require_one_line_failure(en, 1);
    CHECK(en.err.find("damaged") != std::string::npos);
    CHECK(read_file(db) == damaged);
  }

  SECTION("emptied") {
    write_file(db, "");
    const Run r = cli({"list", "--lang", "en"});
    require_one_line_failure(r, 1);
    CHECK(r.err.find("damaged") != std::string::npos);
    CHECK(fs::file_size(db) == 0);
  }

  SECTION("truncated") {
    const std::string truncated = healthy.substr(0, healthy.size() / 2);
    write_file(db, truncated);
    const Run r =
        cli({"session", "add", "--topic", "x", "--stage", "theory", "--format", "offline", "--lang", "en"});
    require_one_line_failure(r, 1);
    CHECK(r.err.find("damaged") != std::string::npos);
    CHECK(read_file(db) == truncated);
  }
}

// ---------------------------------------------------------------------------------------
// 10. --help of every command

TEST_CASE("every command has --help with examples", "[cli][e2e]") {
  Cli cli;
  const std::vector<std::vector<std::string>> commands = {
      {},
      {"init"},
      {"status"},
      {"list"},
      {"show"},
      {"pending"},
      {"export"},
      {"import-registry"},
      {"instruments"},
      {"session"},
      {"session", "add"},
      {"session", "edit"},
      {"session", "delete"},
      {"visit"},
      {"visit", "add"},
      {"visit", "edit"},
      {"visit", "delete"},
      {"assessment"},
      {"assessment", "add"},
      {"assessment", "edit"},
      {"assessment", "delete"},
      {"record"},
      {"record", "add"},
      {"record", "edit"},
      {"record", "delete"},
      {"history"},
      {"resend"},
      {"bundle", "export"},
      {"bundle", "import"},
      {"handover", "export"},
      {"handover", "import"},
  };
  for (const auto& command : commands) {
    for (const std::string lang : {"ru", "en"}) {
      std::vector<std::string> args = command;
      args.insert(args.end(), {"--help", "--lang", lang});
      const Run r = cli.raw(args);
      INFO(r.describe());
      CHECK(r.code == 0);
      CHECK(r.out.find("Usage: nastavnik-cli") != std::string::npos);
      CHECK(r.out.find(lang == "ru" ? "Примеры:" : "Examples:") != std::string::npos);
    }
  }
  const Run instruments = cli.raw({"instruments", "--lang", "en"});
  INFO(instruments.describe());
  CHECK(instruments.code == 0);
  CHECK(instruments.out.find("teacher_deficits") != std::string::npos);
}

}  // namespace

TEST_CASE("docs/PROTOCOL.md §3.1 is the schema as `schema --markdown` prints it", "[cli][e2e][docs]") {
  Cli cli;
  const Run printed = cli.raw({"schema", "--markdown"});
  REQUIRE(printed.code == 0);
  std::ifstream in(std::string(NASTAVNIK_E2E_SOURCE) + "/docs/PROTOCOL.md", std::ios::binary);
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto begin = doc.find("<!-- schema:begin");
  const auto end = doc.find("<!-- schema:end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  const auto body_start = doc.find('\n', begin) + 1;
  const std::string in_doc = doc.substr(body_start, end - body_start);
  INFO("regenerate with: nastavnik-cli schema --markdown, between the schema markers of docs/PROTOCOL.md");
  CHECK(in_doc == "\n" + printed.out + "\n");
  // Every entity of the schema has its section, with its readers and writers.
  const Run as_json = cli.raw({"schema", "--json"});
  REQUIRE(as_json.code == 0);
  const auto schema = nlohmann::json::parse(as_json.out);
  for (const auto& entity : schema["entities"]) {
    const std::string name = entity["name"].get<std::string>();
    CHECK_THAT(in_doc, Catch::Contains("#### `" + name + "`"));
    CHECK_FALSE(entity["read"].empty());
  }
}

TEST_CASE("the replica, the key and exports are the user's alone; control characters never reach the terminal",
          "[cli][e2e][hygiene]") {
  Cli cli;
  cli.init();
  const std::string id =
      first_line(cli.ok({"session", "add", "--topic", "Тема", "--stage", "theory", "--format", "offline"}));
  const auto mode = [](const fs::path& p) { return static_cast<unsigned>(fs::status(p).permissions()) & 0777u; };
  CHECK(mode(cli.data()) == 0700u);
  CHECK(mode(cli.data() / "replica.db") == 0600u);
  CHECK(mode(cli.data() / "device.key") == 0600u);
  for (const char* side : {"replica.db-wal", "replica.db-shm"})
    if (fs::exists(cli.data() / side)) CHECK(mode(cli.data() / side) == 0600u);
  cli.ok({"export", "--format", "csv", "--entity", "session", "--out", cli.file("sessions.csv").string()});
  CHECK(mode(cli.file("sessions.csv")) == 0600u);

  // Typed in: refused with the field named, nothing stored.
  const Run typed = cli({"session", "add", "--topic", "Тема\x1b]0;взлом\x07", "--stage", "theory", "--format",
                         "offline"});
  INFO(typed.describe());
  CHECK(typed.code == 1);
  CHECK(typed.err.find('\x1b') == std::string::npos);
  CHECK(cli.ok_json({"list", "--json"}).size() == 1);

  // Stored by an older program, then shown: escaped, never obeyed.
  const std::string sql = "UPDATE records SET data = json_set(data, '$.notes', 'до' || char(27) || '[2J после' || "
                          "char(155) || '31m') WHERE id = '" + id + "'";
  REQUIRE(std::system(("sqlite3 '" + (cli.data() / "replica.db").string() + "' \"" + sql + "\"").c_str()) == 0);
  const std::string shown = cli.ok({"show", id});
  CHECK(shown.find('\x1b') == std::string::npos);
  CHECK(shown.find("\xc2\x9b") == std::string::npos);
  CHECK_THAT(shown, Catch::Contains("до\\u001b[2J после\\u009b31m"));
  const std::string listed = cli.ok({"list", "--json"});
  CHECK(listed.find('\x1b') == std::string::npos);
}
