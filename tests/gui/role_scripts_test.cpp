// Each role's main task done in the real window, driven by an input script (the pointer and
// keyboard as a person uses them, client/app/input_script.h), on laptops enrolled with a
// real nastavnik-server on loopback; what the window saved is then read back with the real
// nastavnik-cli, synced, and seen by the people whose work needs it.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/field/field_site.h"
#include "tests/gui/gui_run.h"
#include "tests/gui/xvfb_server.h"

namespace fs = std::filesystem;
using namespace nastavnik::testing;

namespace {

constexpr const char* kTeacher = "00000000-0000-7000-8000-000300000003";  // mentee in pair 1
constexpr const char* kPair1Leader = "00000000-0000-7000-8000-000300000019";  // mentors pair 1's leaders
constexpr const char* kMethodologist = "00000000-0000-7000-8000-000300000028";
constexpr const char* kTutor = "00000000-0000-7000-8000-00030000001a";  // mentors the teacher in pair 1
constexpr const char* kSchool1 = "00000000-0000-7000-8000-000200000001";  // the teacher's school
constexpr const char* kPair1 = "00000000-0000-7000-8000-000400000001";
// Typed as a teacher would, with the characters school documents use.
const std::string kTopic = "Разбор пробного урока «Смысловое чтение» — 5 «Б» класс, школа № 2";

fs::path write_script(const fs::path& dir, const std::string& name, const std::string& text) {
  const fs::path path = dir / name;
  std::ofstream(path) << text;
  return path;
}

// Plays `script` in the window on the laptop's replica; the script must finish.
void play(const XvfbServer& xvfb, const CliLaptop& laptop, const fs::path& script,
          const std::map<std::string, std::string>& env = {}) {
  const ProcessResult run = run_client(
      xvfb.display(), {"--data", laptop.data().string(), "--settings", (laptop.data() / "gui-settings.json").string(),
                       "--lang", "ru", "--width", "1366", "--height", "768", "--script", script.string()},
      env);
  INFO("script " << script.filename() << ":\n" << run.out << run.err);
  REQUIRE(run.exit_code == 0);
}

nlohmann::json list(const CliLaptop& laptop, const std::string& entity) {
  const ProcessResult r = laptop.ok({"list", "--entity", entity, "--limit", "0", "--json"});
  return nlohmann::json::parse(r.out);
}

const nlohmann::json* find_by(const nlohmann::json& records, const std::string& field, const std::string& value) {
  for (const auto& r : records)
    if (r["fields"].value(field, "") == value) return &r;
  return nullptr;
}

// One test's municipality: a server on loopback, a virtual screen, a folder for laptops.
struct Municipality {
  FieldSite site{Front::kEmbedded};
  fs::path root;
  XvfbServer xvfb;

  explicit Municipality(const std::string& name) : root(fs::path(NASTAVNIK_GUI_ARTIFACTS) / name) {
    require_xvfb_installed();
    fs::remove_all(root);
    fs::create_directories(root);
    if (!xvfb.start(1366, 768)) FAIL("cannot start Xvfb: " << xvfb.error());
  }
  // A laptop enrolled for `person` as `role`, synced once.
  CliLaptop laptop(const std::string& name, const std::string& person, const std::string& role) {
    CliLaptop l(root / name);
    l.init_and_enroll(site.url(), site.code_for(person, role));
    l.ok({"sync"});
    return l;
  }
};

}  // namespace

TEST_CASE("a teacher records a session and a self-assessment in the window; her pair's mentor and the "
          "methodologist see them after sync",
          "[gui][roles]") {
  Municipality m("roles");
  const fs::path& root = m.root;
  CliLaptop teacher = m.laptop("teacher", kTeacher, "teacher");
  play(m.xvfb, teacher, write_script(root, "teacher.txt", R"(# a session, then a partial self-assessment
click nav.sessions
click mentoring_session.topic
type )" + kTopic + R"(
scroll_to mentoring_session.save
click mentoring_session.save
idle
shot )" + (root / "teacher-session.png").string() + R"(
click nav.self_assessment
click self_assessment.answers.ped_technologies_1.2
click self_assessment.answers.ped_technologies_2.0
scroll_to self_assessment.save
click self_assessment.save
click form.save_anyway
idle
shot )" + (root / "teacher-assessment.png").string() + R"(
close
)"));

  const nlohmann::json sessions = list(teacher, "mentoring_session");
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0]["fields"]["topic"] == kTopic);
  CHECK(sessions[0]["fields"]["created_by"] == kTeacher);
  const nlohmann::json assessments = list(teacher, "self_assessment");
  REQUIRE(assessments.size() == 1);
  CHECK(assessments[0]["fields"]["person_id"] == kTeacher);
  // Only what was clicked: an incomplete questionnaire is saved as it is, after the warning.
  CHECK(assessments[0]["fields"]["answers"] == nlohmann::json{{"ped_technologies_1", 2}, {"ped_technologies_2", 0}});
  teacher.ok({"sync"});

  // The mentor of pair 1 works on the deficits of every mentee of the pair.
  CliLaptop mentor = m.laptop("mentor", kPair1Leader, "mentor");
  CHECK(find_by(list(mentor, "self_assessment"), "person_id", kTeacher) != nullptr);

  CliLaptop methodologist = m.laptop("methodologist", kMethodologist, "methodologist");
  CHECK(find_by(list(methodologist, "mentoring_session"), "topic", kTopic) != nullptr);

  // The methodologist exports the pairs' activity for a spreadsheet and opens the folder.
  const fs::path exports = root / "exports";
  const fs::path opened = root / "opened-folder.txt";
  const fs::path opener = write_script(root, "opener.sh", "#!/bin/sh\necho \"$1\" > " + opened.string() + "\n");
  fs::permissions(opener, fs::perms::owner_all);
  {
    std::ofstream(methodologist.data() / "gui-settings.json") << nlohmann::json{{"export_dir", exports.string()}}.dump();
  }
  play(m.xvfb, methodologist,
       write_script(root, "methodologist.txt",
                    "click nav.municipality\nclick export.pair-activity\nclick status.open_folder\nwait 5\n"
                    "click nav.monitoring\nclick monitoring.tab.pair\nclick monitoring.pair.row0\n"
                    "click monitoring.write_report\nidle\nshot " + (root / "monitoring.png").string() + "\nclose\n"),
       {{"NASTAVNIK_OPEN_FOLDER", opener.string()}});
  REQUIRE(fs::exists(opened));
  std::string folder;
  std::getline(std::ifstream(opened) >> std::ws, folder);
  CHECK(fs::equivalent(folder, exports));
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(exports))
    if (e.path().extension() == ".csv") files.push_back(e.path());
  REQUIRE(files.size() == 1);
  CHECK(files[0].filename().string().rfind("pair-activity", 0) == 0);
  std::ifstream csv(files[0], std::ios::binary);
  std::string header, row;
  std::getline(csv, header);
  // A Russian spreadsheet reads it in columns: a byte order mark, then cells split by ';'.
  CHECK(header.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(header.find(';') != std::string::npos);
  CHECK(header.find(',') == std::string::npos);
  int rows = 0;
  while (std::getline(csv, row))
    if (!row.empty() && row != "\r") ++rows;
  CHECK(rows == 5);  // the five pairs of the Volosovo programme
  // The half-year report, written from the monitoring screen into the export folder.
  std::vector<fs::path> reports;
  for (const auto& e : fs::directory_iterator(exports))
    if (e.path().extension() == ".pdf") reports.push_back(e.path());
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].filename().string().rfind("monitoring-", 0) == 0);
  std::ifstream pdf(reports[0], std::ios::binary);
  std::string magic(5, '\0');
  pdf.read(magic.data(), 5);
  CHECK(magic == "%PDF-");
  CHECK(fs::file_size(reports[0]) > 5000);
}

TEST_CASE("what was typed a moment before the window closed is kept and can be saved on the next start",
          "[gui][roles]") {
  require_xvfb_installed();
  const fs::path root = fs::path(NASTAVNIK_GUI_ARTIFACTS) / "draft-on-close";
  copy_demo_replica(root / "replica");
  CliLaptop laptop(root / "replica");
  XvfbServer xvfb;
  if (!xvfb.start(1366, 768)) FAIL("cannot start Xvfb: " << xvfb.error());
  const std::string topic = "Черновик, набранный перед закрытием окна";
  // No wait between typing and closing: drafts are otherwise written a second later.
  play(xvfb, laptop, write_script(root, "type-and-close.txt", "click nav.sessions\nclick mentoring_session.topic\ntype " +
                                                                   topic + "\nclose\n"));
  CHECK(find_by(list(laptop, "mentoring_session"), "topic", topic) == nullptr);
  play(xvfb, laptop, write_script(root, "save-draft.txt",
                                  "click nav.sessions\nscroll_to mentoring_session.save\nclick mentoring_session.save\n"
                                  "idle\nclose\n"));
  CHECK(find_by(list(laptop, "mentoring_session"), "topic", topic) != nullptr);
}

TEST_CASE("a tutor records a lesson visit with its observation protocol; a mentor writes a pair review",
          "[gui][roles]") {
  Municipality m("roles-visit-review");
  const fs::path& root = m.root;
  CliLaptop tutor = m.laptop("tutor", kTutor, "tutor");
  const std::string T = kTeacher, S = kSchool1, P = kPair1;
  play(m.xvfb, tutor, write_script(root, "tutor.txt", R"(click nav.visits
click lesson_visit.teacher_id
click lesson_visit.teacher_id.)" + T + R"(
click lesson_visit.host_school_id
click lesson_visit.host_school_id.)" + S + R"(
click lesson_visit.pair_id
click lesson_visit.pair_id.)" + P + R"(
click lesson_visit.subject
type Русский язык
click lesson_visit.scores.goal_setting_1.2
click lesson_visit.scores.goal_setting_2.1
scroll_to lesson_visit.save
click lesson_visit.save
click form.save_anyway
idle
shot )" + (root / "tutor-visit.png").string() + R"(
close
)"));
  const nlohmann::json visits = list(tutor, "lesson_visit");
  REQUIRE(visits.size() == 1);
  const nlohmann::json& visit = visits[0]["fields"];
  CHECK(visit["visitor_id"] == kTutor);
  CHECK(visit["teacher_id"] == kTeacher);
  CHECK(visit["host_school_id"] == kSchool1);
  CHECK(visit["pair_id"] == kPair1);
  CHECK(visit["subject"] == "Русский язык");
  CHECK(visit["scores"] == nlohmann::json{{"goal_setting_1", 2}, {"goal_setting_2", 1}});
  const nlohmann::json synced = nlohmann::json::parse(tutor.ok({"sync", "--json"}).out);
  CHECK(synced["changesets_sent"] == 1);
  CHECK(synced["rejected"].empty());

  CliLaptop mentor = m.laptop("mentor", kPair1Leader, "mentor");
  const std::string summary = "Пара работает по плану; пробные уроки — в 5 «Б» и 7 «А», № 2 и № 1.";
  play(m.xvfb, mentor, write_script(root, "mentor.txt", R"(click nav.pair_review
click pair_review.summary
type )" + summary + R"(
scroll_to pair_review.save
click pair_review.save
idle
shot )" + (root / "mentor-review.png").string() + R"(
close
)"));
  const nlohmann::json reviews = list(mentor, "pair_review");
  const nlohmann::json* review = find_by(reviews, "summary", summary);
  REQUIRE(review != nullptr);
  CHECK((*review)["fields"]["pair_id"] == kPair1);
  CHECK((*review)["fields"]["created_by"] == kPair1Leader);
  mentor.ok({"sync"});
  // The mentor's replica holds the tutor's visit to a mentee of his pair.
  CHECK(find_by(list(mentor, "lesson_visit"), "subject", "Русский язык") != nullptr);
}

TEST_CASE("a school team reports its school's figure in the window; the methodologist's report holds it",
          "[gui][roles][monitoring]") {
  Municipality m("roles-school-team");
  const fs::path& root = m.root;
  // The school_admin of the partner school of pair 1.
  const std::string team_person = "00000000-0000-7000-8000-000300000019";
  const std::string own_school = "00000000-0000-7000-8000-000200000006";
  CliLaptop team = m.laptop("school-team", team_person, "school_admin");
  play(m.xvfb, team, write_script(root, "school-team.txt", R"(click nav.monitoring
click monitoring.tab.reported
click monitoring.figure.indicator
click monitoring.figure.indicator.ior
click monitoring.figure.value
type 0,64
click monitoring.figure.save
idle
shot )" + (root / "school-team.png").string() + R"(
close
)"));
  const nlohmann::json figures = list(team, "indicator_value");
  REQUIRE(figures.size() == 1);
  const nlohmann::json& f = figures[0]["fields"];
  CHECK(f["school_id"] == own_school);
  CHECK(f["indicator"] == "ior");
  CHECK(f["value"] == 0.64);
  const std::string period = f["period"].get<std::string>();
  CHECK(period.size() == 9);  // the current half-year, "2026/27-1"
  const nlohmann::json synced = nlohmann::json::parse(team.ok({"sync", "--json"}).out);
  CHECK(synced["rejected"].empty());

  CliLaptop methodologist = m.laptop("methodologist", kMethodologist, "methodologist");
  const fs::path csv = root / "report.csv";
  methodologist.ok({"report", "--period", period, "--out", csv.string(), "--separator", ";"});  // the CLI speaks English here
  std::ifstream in(csv);
  std::string line;
  bool found = false;
  while (std::getline(in, line))
    found |= line.find("Schools;Волосовская СОШ № 1;Index of educational results (IOR)") != std::string::npos &&
             line.find(";0.64;") != std::string::npos;
  CHECK(found);
}

TEST_CASE("a methodologist keeps the risk register and the half-year's decisions in the window; every device "
          "reads them and the report prints them",
          "[gui][roles][monitoring]") {
  Municipality m("roles-programme");
  const fs::path& root = m.root;
  CliLaptop methodologist = m.laptop("methodologist", kMethodologist, "methodologist");
  play(m.xvfb, methodologist, write_script(root, "programme.txt", R"(click nav.monitoring
click monitoring.tab.risks
click programme_risk.title
type Низкий уровень мотивации педагогов МОУ «Школа № 2» — к концу года
click programme_risk.likelihood.high
click programme_risk.impact.medium
click programme_risk.save
idle
click monitoring.tab.notes
click period_note.kind.decision
click period_note.text
type Провести муниципальный консилиум по итогам полугодия
click period_note.document
type приказ № 7
click period_note.save
idle
shot )" + (root / "programme.png").string() + R"(
close
)"));
  const nlohmann::json risks = list(methodologist, "programme_risk");
  REQUIRE(risks.size() == 1);
  CHECK(risks[0]["fields"]["title"] == "Низкий уровень мотивации педагогов МОУ «Школа № 2» — к концу года");
  CHECK(risks[0]["fields"]["likelihood"] == "high");
  CHECK(risks[0]["fields"]["impact"] == "medium");
  CHECK(risks[0]["fields"]["status"] == "open");  // the form's default
  const nlohmann::json notes = list(methodologist, "period_note");
  REQUIRE(notes.size() == 1);
  const nlohmann::json& note = notes[0]["fields"];
  CHECK(note["kind"] == "decision");
  CHECK(note["document"] == "приказ № 7");
  const std::string period = note["period"].get<std::string>();
  CHECK(period.size() == 9);  // the half-year picked on the screen, "2026/27-1"
  const nlohmann::json synced = nlohmann::json::parse(methodologist.ok({"sync", "--json"}).out);
  CHECK(synced["rejected"].empty());

  // A teacher's laptop receives both at its next sync.
  CliLaptop teacher = m.laptop("teacher", kTeacher, "teacher");
  teacher.ok({"sync"});
  CHECK(list(teacher, "programme_risk").size() == 1);
  CHECK(list(teacher, "period_note").size() == 1);

  // The half-year report prints the register and the decision.
  const fs::path csv = root / "programme-report.csv";
  methodologist.ok({"report", "--period", period, "--out", csv.string()});
  std::ifstream in(csv);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("Низкий уровень мотивации педагогов МОУ «Школа № 2» — к концу года") != std::string::npos);
  CHECK(text.find("Провести муниципальный консилиум по итогам полугодия") != std::string::npos);
  CHECK(text.find("приказ № 7") != std::string::npos);
}
