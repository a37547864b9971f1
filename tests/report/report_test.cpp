// `nastavnik-cli report` as a methodologist uses it, on the demo replica: the PDF, XLSX and
// CSV of a half-year, each read back by another program, and the figures checked against
// the records themselves as `nastavnik-cli list` shows them.

#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/gui/png_stats.h"
#include "tests/support/process.h"

namespace fs = std::filesystem;
using namespace nastavnik::testing;
using nlohmann::json;

namespace {

const fs::path kDir = NASTAVNIK_REPORT_ARTIFACTS;
// The demo's school year is 2026/27; reports are made as of the end of the year.
constexpr const char* kAsOf = "2027-08-31";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const fs::path& demo() {
  static const fs::path dir = [] {
    fs::remove_all(kDir);
    fs::create_directories(kDir);
    const fs::path d = kDir / "demo";
    const ProcessResult r = run_process({NASTAVNIK_DEMO_REPLICA_TOOL, "--data", d.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return d;
  }();
  return dir;
}

ProcessResult cli(std::vector<std::string> args) {
  args.insert(args.begin(), {NASTAVNIK_CLI_PATH, "--data", demo().string()});
  return run_process(args, {{"NASTAVNIK_LANG", "ru"}, {"NASTAVNIK_ASSETS", NASTAVNIK_TEST_ASSETS}});
}

ProcessResult must(const std::vector<std::string>& argv) {
  const ProcessResult r = run_process(argv);
  INFO(argv[0] << ":\n" << r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

// The CSV as blocks of rows of cells, split at its empty lines: the indicator table first,
// then each section (its title, its header, its rows). The report's CSV never quotes a ';'
// inside the demo's names.
std::vector<std::vector<std::vector<std::string>>> csv_blocks(const fs::path& p) {
  std::string text = slurp(p);
  REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
  text = text.substr(3);
  std::vector<std::vector<std::vector<std::string>>> blocks(1);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      blocks.emplace_back();
      continue;
    }
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream cells_in(line);
    while (std::getline(cells_in, cell, ';')) cells.push_back(cell);
    if (!line.empty() && line.back() == ';') cells.push_back("");
    blocks.back().push_back(cells);
  }
  return blocks;
}

std::vector<std::vector<std::string>> csv_rows(const fs::path& p) { return csv_blocks(p).at(0); }

const std::vector<std::string> kSections = {"Проблемные зоны пар", "Рисковые профили школ", "Реестр рисков программы",
                                            "Выводы", "Адресные рекомендации", "Управленческие решения"};

double ru_number(const std::string& s) {
  std::string t = s;
  for (char& c : t)
    if (c == ',') c = '.';
  return std::stod(t);
}

}  // namespace

TEST_CASE("the half-year report as CSV: figures match the records they count", "[report]") {
  const fs::path out = kDir / "2026-27-1.csv";
  const ProcessResult r = cli({"report", "--period", "2026/27-1", "--as-of", kAsOf, "--out", out.string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("1-е полугодие 2026/27 учебного года") != std::string::npos);
  const auto rows = csv_rows(out);
  REQUIRE(rows.size() > 10);
  CHECK(rows[0][5] == "2026/27-1");
  CHECK(rows[0][6] == "2025/26-2");
  std::map<std::string, std::string> municipality;  // indicator -> value of the period
  std::map<std::string, double> pair_sessions;      // pair -> sessions
  for (const auto& row : rows) {
    REQUIRE(row.size() == 8);
    if (row[0] == "Муниципалитет") municipality[row[2]] = row[5];
    if (row[0] == "Сетевые пары" && row[2] == "Наставнические встречи") pair_sessions[row[1]] = ru_number(row[5]);
  }
  // The sessions of September–December 2026 as the CLI lists them.
  const ProcessResult listed = cli({"list", "--entity", "session", "--from", "2026-09-01", "--to", "2026-12-31",
                                    "--limit", "0", "--json"});
  REQUIRE(listed.exit_code == 0);
  const json sessions = json::parse(listed.out);
  REQUIRE(!sessions.empty());
  CHECK(ru_number(municipality.at("Наставнические встречи")) == static_cast<double>(sessions.size()));
  double by_pairs = 0;
  for (const auto& [pair, n] : pair_sessions) by_pairs += n;
  CHECK(pair_sessions.size() == 5);
  CHECK(pair_sessions.count("Волосовская СОШ № 2 — Волосовская СОШ № 1") == 1);
  size_t with_pair = 0;
  for (const auto& s : sessions) with_pair += s["fields"].contains("pair_id") ? 1 : 0;
  CHECK(by_pairs == static_cast<double>(with_pair));
  // Satisfaction: the mean of the sessions that record it, with a decimal comma.
  double sum = 0, n = 0;
  for (const auto& s : sessions)
    if (s["fields"].contains("satisfaction")) sum += s["fields"]["satisfaction"].get<double>(), ++n;
  REQUIRE(n > 0);
  CHECK(ru_number(municipality.at("Удовлетворённость участников встреч")) == Approx(sum / n).margin(0.005));

  // The sections follow the indicators: the register of the five risks of seed 003 §7, the
  // half-year's decision with its order, a risk profile row per school that filled one in.
  const auto blocks = csv_blocks(out);
  REQUIRE(blocks.size() == 1 + kSections.size());
  std::map<std::string, std::vector<std::vector<std::string>>> section;
  for (size_t i = 1; i < blocks.size(); ++i) {
    REQUIRE(blocks[i].size() >= 2);
    CHECK(blocks[i][0][0] == kSections[i - 1]);
    section[blocks[i][0][0]] = {blocks[i].begin() + 2, blocks[i].end()};
  }
  CHECK(section.at("Реестр рисков программы").size() == 5);
  REQUIRE(section.at("Управленческие решения").size() == 1);
  CHECK(section.at("Управленческие решения")[0][1] == "приказ № 14 от 25.12.2026");
  CHECK(section.at("Проблемные зоны пар").size() == 5);
  CHECK(section.at("Рисковые профили школ").size() == 5);

  // The separator can be chosen; the same figures come out.
  const fs::path comma = kDir / "2026-27-1-comma.csv";
  REQUIRE(cli({"report", "--period", "2026/27-1", "--as-of", kAsOf, "--out", comma.string(), "--separator", ","})
              .exit_code == 0);
  CHECK(slurp(comma).find("Таблица,Пара или школа,Показатель") != std::string::npos);
}

TEST_CASE("the half-year report as PDF: a title page and the three tables, rendered by another reader", "[report]") {
  const fs::path out = kDir / "2026-27-2.pdf";
  const ProcessResult r = cli({"report", "--period", "2026/27-2", "--as-of", kAsOf, "--out", out.string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string info = must({"/usr/bin/pdfinfo", out.string()}).out;
  CHECK(info.find("595.276 x 841.89 pts (A4)") != std::string::npos);
  const auto pages_at = info.find("Pages:");
  REQUIRE(pages_at != std::string::npos);
  const int pages = std::stoi(info.substr(pages_at + 6));
  CHECK(pages >= 6);  // title, municipality, charts, pairs, schools, sections
  const std::string text = must({"/usr/bin/pdftotext", "-layout", out.string(), "-"}).out;
  for (const char* expected : {"2-е полугодие 2026/27 учебного года", "Волосовский муниципальный район", "Сетевые пары",
                               "Школы", "Волосовская СОШ", "Этапы цепочки «обучение действием»", "Диаграммы",
                               "Педагоги с дефицитом, по направлениям", "Реестр рисков программы",
                               "Управленческие решения", "от 10.06.2027", "Рисковые профили школ"})
    CHECK(text.find(expected) != std::string::npos);
  must({"/usr/bin/pdftoppm", "-r", "40", "-png", out.string(), (kDir / "page").string()});
  int rendered = 0;
  for (const auto& e : fs::directory_iterator(kDir)) {
    if (e.path().filename().string().rfind("page-", 0) != 0) continue;
    const auto stats = png_stats(e.path());
    INFO(e.path());
    REQUIRE(stats.loaded);
    CHECK(stats.luminance_stddev > 5.0);  // text on white, not a blank page
    ++rendered;
  }
  CHECK(rendered == pages);
}

TEST_CASE("the half-year report as XLSX holds the same numbers as the CSV", "[report]") {
  const fs::path xlsx = kDir / "2026-27-2.xlsx", csv = kDir / "2026-27-2.csv";
  REQUIRE(cli({"report", "--period", "2026/27-2", "--as-of", kAsOf, "--out", xlsx.string()}).exit_code == 0);
  REQUIRE(cli({"report", "--period", "2026/27-2", "--as-of", kAsOf, "--out", csv.string()}).exit_code == 0);
  const std::string dump =
      must({"/usr/bin/python3", std::string(NASTAVNIK_TEST_SOURCE) + "/tests/report/read_xlsx.py", xlsx.string()}).out;
  std::map<std::string, std::pair<json, json>> from_xlsx;  // sheet|subject|indicator -> (value, previous)
  std::set<std::string> sheets;
  std::map<std::string, std::vector<json>> sheet_rows;  // sheet -> its rows, the header first
  std::istringstream lines(dump);
  std::string line;
  while (std::getline(lines, line)) {
    const json row = json::parse(line);
    const json& cells = row[1];
    sheets.insert(row[0].get<std::string>());
    sheet_rows[row[0].get<std::string>()].push_back(cells);
    if (std::find(kSections.begin(), kSections.end(), row[0].get<std::string>()) != kSections.end()) continue;
    if (cells[0] == "Пара или школа") continue;  // the header
    from_xlsx[row[0].get<std::string>() + "|" + cells[0].get<std::string>() + "|" + cells[1].get<std::string>()] = {
        cells.size() > 4 ? cells[4] : json(), cells.size() > 5 ? cells[5] : json()};
  }
  std::set<std::string> expected_sheets = {"Муниципалитет", "Сетевые пары", "Школы"};
  expected_sheets.insert(kSections.begin(), kSections.end());
  CHECK(sheets == expected_sheets);
  size_t compared = 0;
  for (const auto& row : csv_rows(csv)) {
    if (row[0] == "Таблица") continue;
    const std::string key = row[0] + "|" + row[1] + "|" + row[2];
    INFO(key);
    REQUIRE(from_xlsx.count(key) == 1);
    const auto& [value, previous] = from_xlsx.at(key);
    if (row[5].empty()) CHECK(value.is_null());
    else CHECK(value.get<double>() == Approx(ru_number(row[5])));
    if (row[6].empty()) CHECK(previous.is_null());
    else CHECK(previous.get<double>() == Approx(ru_number(row[6])));
    ++compared;
  }
  CHECK(compared == from_xlsx.size());
  CHECK(compared > 40);
  // Each section's sheet holds the CSV block's cells: the same text, the same numbers.
  const auto blocks = csv_blocks(csv);
  size_t cells_compared = 0;
  for (size_t i = 1; i < blocks.size(); ++i) {
    const std::string& title = blocks[i][0][0];
    INFO(title);
    const auto& rows = sheet_rows[title];
    REQUIRE(rows.size() == blocks[i].size() - 1);
    for (size_t r = 0; r < rows.size(); ++r)
      for (size_t c = 0; c < blocks[i][r + 1].size(); ++c) {
        const std::string& expected = blocks[i][r + 1][c];
        REQUIRE(c < rows[r].size());
        if (rows[r][c].is_number()) CHECK(rows[r][c].get<double>() == Approx(ru_number(expected)));
        else CHECK(rows[r][c].get<std::string>() == expected);
        ++cells_compared;
      }
  }
  CHECK(cells_compared > 60);
}

TEST_CASE("report refuses what it cannot do, and says why", "[report]") {
  const fs::path out = kDir / "refused.pdf";
  auto refused = [&](std::vector<std::string> args, int code, const std::string& says) {
    const ProcessResult r = cli(args);
    INFO(r.out << r.err);
    CHECK(r.exit_code == code);
    CHECK(r.err.find(says) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  };
  refused({"report", "--period", "первое полугодие", "--out", out.string()}, 2, "2026/27-1");
  refused({"report", "--period", "2026/27-3", "--out", out.string()}, 2, "не распознан");
  refused({"report", "--out", (kDir / "report.txt").string()}, 2, "--format");
  refused({"report", "--out", out.string(), "--separator", ";"}, 2, "только для CSV");
  refused({"report", "--out", (kDir / "no-such-folder" / "r.pdf").string()}, 1, "no-such-folder");
  // An existing file is kept unless --force.
  const fs::path existing = kDir / "existing.csv";
  std::ofstream(existing) << "keep me";
  const ProcessResult r = cli({"report", "--out", existing.string()});
  CHECK(r.exit_code == 1);
  CHECK(slurp(existing) == "keep me");
}
