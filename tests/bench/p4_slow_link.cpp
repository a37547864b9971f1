// P4 slow link, through the shaping proxy (tests/support/fault_proxy.h, shaped mode: a
// serialisation rate and a propagation delay per direction, optional loss).
//  - A teacher's week: the teacher's laptop synced once on a good link (registry), then
//    records a week of sessions offline and syncs over 64 kbit/s with 600 ms round trips.
//    Baseline: one bare HTTP exchange (GET /healthz on a new connection) on the same link.
//    Then five more weeks with 3 % of the chunks lost (and retransmitted), without a target.
//  - A cut sync: a tutor's laptop comes back with a term of sessions (several requests'
//    worth) over a 512 kbit/s, 600 ms link that is cut once in the middle of an answer. The
//    sync engine retries on a new connection and resumes; the bytes are compared with the
//    same sync, uncut, on the same link, to show what was sent twice: only the request whose
//    answer was lost, never what the server had acknowledged.

#include <httplib.h>

#include <algorithm>

#include "client/sync/sync_engine.h"
#include "tests/bench/figures.h"
#include "tests/bench/session_generator.h"
#include "tests/support/fault_proxy.h"

namespace nastavnik::bench {
namespace {

using nlohmann::json;

constexpr uint64_t kSlowBytesPerSecond = 64000 / 8;  // 64 kbit/s
constexpr uint64_t kOneWayMs = 300;                  // 600 ms round trip
constexpr uint64_t kCutLinkBytesPerSecond = 512000 / 8;

testing::FaultPlan link(uint64_t bytes_per_second, uint32_t loss_per_mille = 0) {
  testing::FaultPlan plan;
  plan.bytes_per_second = bytes_per_second;
  plan.one_way_delay_ms = kOneWayMs;
  plan.loss_per_mille = loss_per_mille;
  return plan;
}

std::filesystem::path write_file(const std::filesystem::path& path, const std::vector<json>& records) {
  auto r = write_sessions_jsonl(path, records);
  if (!r.ok()) throw BenchError(r.status().to_string());
  return path;
}

// A laptop enrolled and synced once on a good link, behind its own proxy.
struct Laptop {
  std::unique_ptr<testing::FaultProxy> proxy;
  std::unique_ptr<CliDevice> device;
};

Laptop enrolled_laptop(const BenchConfig& config, BenchServer& server, const std::filesystem::path& dir,
                       const std::string& person, const std::string& role) {
  Laptop l;
  l.proxy = std::make_unique<testing::FaultProxy>(server.port());
  l.device = std::make_unique<CliDevice>(config.programs, dir);
  l.device->init_and_enroll("http://127.0.0.1:" + std::to_string(l.proxy->port()), server.code_for(person, role));
  cli_sync(*l.device);
  return l;
}

struct LinkRun {
  CliSync sync;
  uint64_t up = 0, down = 0;
  double seconds = 0;
};

LinkRun sync_over(Laptop& l, bool allow_failure = false) {
  const uint64_t up0 = l.proxy->bytes_up(), down0 = l.proxy->bytes_down();
  LinkRun r;
  r.sync = cli_sync(*l.device, allow_failure);
  r.up = l.proxy->bytes_up() - up0;
  r.down = l.proxy->bytes_down() - down0;
  r.seconds = r.sync.process.wall_ms / 1000.0;
  return r;
}

double bare_exchange_seconds(testing::FaultProxy& proxy) {
  const double start = now_ms();
  httplib::Client bare("127.0.0.1", proxy.port());
  auto res = bare.Get("/healthz");
  if (!res || res->status != 200) throw BenchError("GET /healthz through the shaped link failed");
  return (now_ms() - start) / 1000.0;
}

// One week synced over the slow link; `loss_per_mille` of the chunks are lost.
LinkRun week_over_link(Laptop& laptop, const std::filesystem::path& file, uint32_t loss_per_mille,
                       double& bare_seconds) {
  laptop.device->add_sessions(file);
  laptop.proxy->set_plan(link(kSlowBytesPerSecond, loss_per_mille));
  bare_seconds = bare_exchange_seconds(*laptop.proxy);
  LinkRun run = sync_over(laptop);
  laptop.proxy->set_plan({});
  return run;
}

void teachers_week(const BenchConfig& config, BenchReport& report, const std::filesystem::path& dir) {
  BenchServer server(config.programs, dir / "server");
  server.start();
  const bool own = config.file_records.empty();
  // With --records the file's sessions may name any pair: a methodologist's laptop sends them.
  Laptop laptop = enrolled_laptop(config, server, dir / "teacher", own ? people::kTeacher : people::kMethodologist,
                                  own ? "teacher" : "methodologist");
  json& details = report.details("P4");
  const std::string link_text = " over 64 kbit/s, 600 ms RTT";

  // The figure: a clean slow link.
  const auto week = config.sessions_of(people::kTeacher, config.week_records, 40, "2026-11-16", 7);
  double bare = 0;
  const LinkRun run = week_over_link(laptop, write_file(dir / "week.jsonl", week), 0, bare);
  report.add({"P4", "week of " + std::to_string(week.size()) + link_text + ": sync time", run.seconds, "s",
              "bare HTTP exchange on the link", bare, "s", run.seconds / bare, "<= 10 s", run.seconds <= 10,
              std::to_string(run.sync.requests()) + " requests, " + std::to_string(run.up) + " B up, " +
                  std::to_string(run.down) + " B down"});
  report.check("P4 week sync sent every op",
               run.sync.summary.value("ops_sent", int64_t{0}) == static_cast<int64_t>(week.size()) &&
                   run.sync.summary.value("rejected", json::array()).empty(),
               std::to_string(run.sync.summary.value("ops_sent", int64_t{0})) + " ops sent");
  details["week"] = {{"records", week.size()}, {"seconds", run.seconds}, {"bare_exchange_seconds", bare},
                     {"bytes_up", run.up},     {"bytes_down", run.down}, {"summary", run.sync.summary}};

  // The same with 3 % of the chunks lost, several weeks, since a loss is a matter of chance.
  constexpr uint32_t kLoss = 30;
  constexpr int kWeeks = 5;
  std::vector<double> seconds;
  json lossy = json::array();
  bool all_sent = true;
  for (int w = 0; w < kWeeks; ++w) {
    const auto more = config.sessions_of(people::kTeacher, config.week_records, 41 + static_cast<uint64_t>(w),
                                         add_days("2026-11-23", 7 * w), 7);
    const uint64_t lost_before = laptop.proxy->chunks_lost();
    const auto file = write_file(dir / ("lossy-week-" + std::to_string(w) + ".jsonl"), more);
    const LinkRun r = week_over_link(laptop, file, kLoss, bare);
    seconds.push_back(r.seconds);
    all_sent = all_sent && r.sync.summary.value("ops_sent", int64_t{0}) == static_cast<int64_t>(more.size());
    lossy.push_back({{"seconds", r.seconds}, {"chunks_lost", laptop.proxy->chunks_lost() - lost_before},
                     {"bytes_up", r.up}, {"bytes_down", r.down}, {"requests", r.sync.requests()}});
  }
  std::sort(seconds.begin(), seconds.end());
  report.add({"P4", std::to_string(kWeeks) + " weeks" + link_text + ", 3 % loss: slowest sync", seconds.back(), "s",
              "bare HTTP exchange on the link", bare, "s", seconds.back() / bare, "", std::nullopt,
              "median " + format_number(seconds[seconds.size() / 2], 2) + " s; " +
                  std::to_string(laptop.proxy->chunks_lost()) + " chunks lost in all"});
  report.check("P4 lossy week syncs sent every op", all_sent);
  details["lossy_weeks"] = lossy;
}

void cut_sync(const BenchConfig& config, BenchReport& report, const std::filesystem::path& dir) {
  const bool own = config.file_records.empty();
  const std::string person = own ? people::kTutor : people::kMethodologist;
  const std::string role = own ? "tutor" : "methodologist";
  const auto term = config.sessions_of(people::kTutor, config.cut_records, 50, "2026-09-01", 120);
  const auto file = write_file(dir / "term.jsonl", term);

  // The same sync twice, each on its own server: uncut, then cut once.
  LinkRun runs[2];
  int cuts = 0;
  int64_t server_ops[2] = {0, 0};
  for (int cut = 0; cut < 2; ++cut) {
    BenchServer server(config.programs, dir / (cut ? "server-cut" : "server-clean"));
    server.start();
    Laptop laptop = enrolled_laptop(config, server, dir / (cut ? "tutor-cut" : "tutor-clean"), person, role);
    laptop.device->add_sessions(file);
    const int64_t ops_before = server.stats().value("ops", int64_t{0});
    testing::FaultPlan plan = link(kCutLinkBytesPerSecond);
    if (cut) {
      // Late in the answers, so that earlier requests were acknowledged before the cut.
      plan.cut_after_response_bytes = runs[0].down * 3 / 4;
    }
    laptop.proxy->set_plan(plan);
    runs[cut] = sync_over(laptop);
    cuts = laptop.proxy->cuts();
    server_ops[cut] = server.stats().value("ops", int64_t{0}) - ops_before;
  }
  const LinkRun& clean = runs[0];
  const LinkRun& cut = runs[1];
  const int64_t resent_up = static_cast<int64_t>(cut.up) - static_cast<int64_t>(clean.up);
  const int64_t resent_down = static_cast<int64_t>(cut.down) - static_cast<int64_t>(clean.down);
  // Changesets whose receipt was lost in the cut come back as duplicates on the retry.
  const int64_t changesets = clean.sync.summary.value("changesets_sent", int64_t{0});
  const int64_t acked_first_time = cut.sync.summary.value("changesets_sent", int64_t{0});
  const int64_t in_flight = changesets - acked_first_time;
  // What was sent twice may not exceed the ops of the changesets that were in flight (each
  // holds at most max_ops_per_changeset), plus headers.
  const double in_flight_share =
      std::min(1.0, static_cast<double>(in_flight) * static_cast<double>(SyncSettings{}.max_ops_per_changeset) /
                        static_cast<double>(term.size()));
  const bool resumed = cuts == 1 && acked_first_time > 0 && in_flight >= 1 &&
                       static_cast<double>(resent_up) <= in_flight_share * static_cast<double>(clean.up) * 1.1 + 2048;
  const std::string what = std::to_string(term.size()) + " over 512 kbit/s, 600 ms RTT, cut once";
  report.add({"P4", what + ": bytes resent up", static_cast<double>(resent_up), "B", "bytes up, same sync uncut",
              static_cast<double>(clean.up), "B", static_cast<double>(resent_up) / static_cast<double>(clean.up),
              "acknowledged data not resent", resumed,
              std::to_string(acked_first_time) + " of " + std::to_string(changesets) +
                  " changesets acknowledged before the cut and not sent again; " + std::to_string(in_flight) +
                  " in flight, resent"});
  report.add({"P4", what + ": bytes resent down", static_cast<double>(resent_down), "B", "bytes down, same sync uncut",
              static_cast<double>(clean.down), "B", static_cast<double>(resent_down) / static_cast<double>(clean.down),
              "", std::nullopt, "pages applied before the cut are not fetched again"});
  report.add({"P4", what + ": sync time", cut.seconds, "s", "same sync uncut", clean.seconds, "s",
              cut.seconds / clean.seconds, "", std::nullopt,
              std::to_string(cut.sync.requests()) + " requests vs " + std::to_string(clean.sync.requests())});
  report.check("P4 the cut happened and the sync completed", cuts == 1 && cut.sync.process.exit_code == 0,
               std::to_string(cuts) + " cut");
  report.check("P4 cut sync: server holds every op once",
               server_ops[0] == static_cast<int64_t>(term.size()) && server_ops[1] == static_cast<int64_t>(term.size()),
               std::to_string(server_ops[1]) + " new ops for " + std::to_string(term.size()) + " records");
  report.details("P4")["cut"] = {{"records", term.size()},         {"clean_bytes_up", clean.up},
                                 {"clean_bytes_down", clean.down}, {"cut_bytes_up", cut.up},
                                 {"cut_bytes_down", cut.down},     {"clean_seconds", clean.seconds},
                                 {"cut_seconds", cut.seconds},     {"clean_summary", clean.sync.summary},
                                 {"cut_summary", cut.sync.summary}, {"cut_after_response_bytes", clean.down * 3 / 4}};
}

}  // namespace

void run_p4_slow_link(const BenchConfig& config, BenchReport& report) {
  const std::filesystem::path dir = config.work / "p4";
  std::filesystem::create_directories(dir);
  teachers_week(config, report, dir);
  cut_sync(config, report, dir);
}

}  // namespace nastavnik::bench
