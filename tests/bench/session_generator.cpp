#include "tests/bench/session_generator.h"

#include "tests/bench/session_text.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace nastavnik::bench {
namespace {

using nlohmann::json;

struct Assignment {
  std::string pair, kind, mentor, mode;
  std::vector<std::string> mentees;
  std::vector<std::string> pair_topics;
};

constexpr std::array<const char*, 8> kStages = {"theory",           "positive_experience", "trial_lessons",
                                                "joint_analysis",   "recommendations",     "individual_trials",
                                                "mentoring_groups", "joint_summary"};

std::vector<Assignment> load_assignments(const json& registry) {
  std::map<std::string, std::vector<std::string>> topics;
  for (const auto& r : registry.value("records", json::array()))
    if (r.value("entity", "") == "pair")
      for (const auto& t : r["fields"].value("topics", json::array())) topics[r.value("id", "")].push_back(t);
  std::vector<Assignment> out;
  for (const auto& r : registry.value("records", json::array())) {
    if (r.value("entity", "") != "assignment") continue;
    const json& f = r["fields"];
    Assignment a{f.value("pair_id", ""), f.value("kind", ""), f.value("mentor_id", ""), f.value("mode", "offline"), {},
                 {}};
    for (const auto& m : f.value("mentee_ids", json::array())) a.mentees.push_back(m.get<std::string>());
    a.pair_topics = topics[a.pair];
    out.push_back(std::move(a));
  }
  return out;
}

// Days since 1970-01-01 for a civil date, and back (H. Hinnant's algorithms).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y + (m <= 2)), m, d);
  return buf;
}

}  // namespace

std::string add_days(const std::string& date, int days) {
  const int64_t y = std::stoll(date.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoul(date.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoul(date.substr(8, 2)));
  return civil_from_days(days_from_civil(y, m, d) + days);
}

Result<std::vector<json>> generate_sessions(const std::filesystem::path& registry_file, const GeneratorOptions& o) {
  std::ifstream in(registry_file, std::ios::binary);
  if (!in) return Status::NotFound("cannot read the demo registry " + registry_file.string());
  const json registry = json::parse(in, nullptr, false);
  if (!registry.is_object()) return Status::InvalidArgument(registry_file.string() + " is not a registry file");
  std::vector<Assignment> assignments;
  for (auto& a : load_assignments(registry)) {
    const bool involved =
        o.person.empty() || a.mentor == o.person ||
        std::find(a.mentees.begin(), a.mentees.end(), o.person) != a.mentees.end();
    if (involved && !a.mentees.empty()) assignments.push_back(std::move(a));
  }
  if (assignments.empty()) return Status::NotFound("no assignment in the registry involves person " + o.person);

  std::mt19937_64 rng(o.seed);
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  SessionText text(rng);
  std::vector<json> out;
  out.reserve(o.count);
  for (size_t i = 0; i < o.count; ++i) {
    const Assignment& a = assignments[pick(assignments.size())];
    const size_t stage = (i / assignments.size()) % kStages.size();
    const int meeting = static_cast<int>(i / assignments.size()) + 1;
    const std::string date = add_days(o.first_date, static_cast<int>(pick(static_cast<size_t>(o.days))));
    json mentees = json::array();
    if (a.kind == "teacher_teacher" && a.mentees.size() > 1 && pick(3) == 0)
      mentees.push_back(a.mentees[pick(a.mentees.size())]);
    else
      for (const auto& m : a.mentees) mentees.push_back(m);
    json s = {{"pair_id", a.pair},
              {"mentor_id", a.mentor},
              {"mentees", mentees},
              {"date", date},
              {"duration_min", 30 + 15 * static_cast<int>(pick(5))},
              {"format", pick(4) == 0 ? (a.mode == "online" ? "offline" : "online") : a.mode},
              {"stage", kStages[stage]},
              {"topic", text.topic(stage, meeting, a.pair_topics)}};
    s["notes"] = text.notes();
    const std::string next = add_days(date, 7 + 7 * static_cast<int>(pick(3)));
    s["agreed_actions"] = text.agreed_actions(next);
    if (pick(3) != 0) s["next_date"] = next;
    if (pick(2) == 0) s["reflection"] = text.reflection();
    if (pick(3) != 0) s["satisfaction"] = 3 + static_cast<int>(pick(3));
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<json>> read_sessions_jsonl(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path.string());
  std::vector<json> out;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (!j.is_object())
      return Status::InvalidArgument(path.string() + " line " + std::to_string(n) +
                                     ": not a JSON object (one mentoring session per line is expected)");
    out.push_back(std::move(j));
  }
  if (out.empty()) return Status::InvalidArgument(path.string() + " holds no records");
  return out;
}

std::string jsonl_line(const json& record) { return record.dump(-1, ' ', false, json::error_handler_t::replace); }

Result<uint64_t> write_sessions_jsonl(const std::filesystem::path& path, const std::vector<json>& records) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError("cannot write " + path.string());
  uint64_t bytes = 0;
  for (const auto& r : records) {
    const std::string line = jsonl_line(r);
    out << line << '\n';
    bytes += line.size() + 1;
  }
  out.close();
  if (!out) return Status::IoError("cannot write " + path.string());
  return bytes;
}

}  // namespace nastavnik::bench
