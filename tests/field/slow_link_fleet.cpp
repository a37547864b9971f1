#include "tests/field/slow_link_fleet.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "client/store/local_store.h"
#include "client/sync/enrollment_client.h"
#include "client/sync/http_transport.h"
#include "client/sync/sync_engine.h"
#include "shared/crypto/key_pair.h"
#include "tests/support/fault_proxy.h"
#include "tests/support/registry_copies.h"

namespace nastavnik::testing {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The tutors of the Volosovo demo registry with their pair and a mentee each.
struct Tutor {
  const char* person;
  const char* pair;
  const char* mentee;
};
constexpr Tutor kTutors[] = {
    {"00000000-0000-7000-8000-00030000001a", "00000000-0000-7000-8000-000400000001", "00000000-0000-7000-8000-000300000003"},
    {"00000000-0000-7000-8000-00030000001b", "00000000-0000-7000-8000-000400000001", "00000000-0000-7000-8000-000300000004"},
    {"00000000-0000-7000-8000-00030000001d", "00000000-0000-7000-8000-000400000002", "00000000-0000-7000-8000-000300000008"},
    {"00000000-0000-7000-8000-00030000001e", "00000000-0000-7000-8000-000400000002", "00000000-0000-7000-8000-000300000009"},
    {"00000000-0000-7000-8000-000300000020", "00000000-0000-7000-8000-000400000003", "00000000-0000-7000-8000-00030000000d"},
    {"00000000-0000-7000-8000-000300000021", "00000000-0000-7000-8000-000400000003", "00000000-0000-7000-8000-00030000000f"},
    {"00000000-0000-7000-8000-000300000023", "00000000-0000-7000-8000-000400000004", "00000000-0000-7000-8000-000300000012"},
    {"00000000-0000-7000-8000-000300000024", "00000000-0000-7000-8000-000400000004", "00000000-0000-7000-8000-000300000013"},
    {"00000000-0000-7000-8000-000300000026", "00000000-0000-7000-8000-000400000005", "00000000-0000-7000-8000-000300000016"},
    {"00000000-0000-7000-8000-000300000027", "00000000-0000-7000-8000-000400000005", "00000000-0000-7000-8000-000300000017"},
};
constexpr const char* kStages[] = {"theory", "positive_experience", "trial_lessons", "joint_analysis",
                                   "recommendations", "individual_trials", "mentoring_groups", "joint_summary"};

struct Laptop {
  crypto::KeyPair key = crypto::KeyPair::generate();
  std::unique_ptr<LocalStore> store;
  std::unique_ptr<FaultProxy> proxy;
  std::unique_ptr<HttpTransport> transport;
};

// Phrases a tutor's notes are made of; drawn at random per session, so that a week
// compresses like real notes do, not like one sentence repeated.
constexpr const char* kPhrases[] = {
    "Посетили урок литературы в ", "Обсудили, как ученики работают с текстом до чтения, во время и после. ",
    "Учитель опробовал приём «инсерт» и «толстые и тонкие вопросы». ", "Дети активны, но часть группы теряется — нужна опора. ",
    "Разобрали ошибки в итоговой работе по функциональной грамотности. ", "Составили план пробного урока на следующую неделю. ",
    "Наставляемая провела фрагмент урока с групповой работой; время распределено неровно. ",
    "Договорились вести лист наблюдений за тремя слабоуспевающими учениками. ",
    "Обсудили критерии оценивания проекта и шкалу самооценки для учеников. ",
    "Использовали кейс «Экологическая тропа» — ученики сформулировали проблему сами. ",
    "На следующей встрече — совместный анализ видеозаписи урока № ", "Рекомендовано сократить объяснение до 10 минут. ",
    "Учитель отметил, что приём «кластер» помогает восьмиклассникам. ", "Требуется методическая поддержка по оцениванию. ",
    "Ученики 7 «Б» класса справились с заданием на 60 % — рост по сравнению с сентябрём. ",
    "Подготовить раздаточный материал с опорными схемами — до пятницы. "};

std::string phrases(uint64_t& state, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    out += kPhrases[(state >> 33) % std::size(kPhrases)];
    if (i % 3 == 2) out += std::to_string((state >> 20) % 11 + 1) + " классе. ";
  }
  return out;
}

// A week of sessions as a tutor writes them: a topic, notes and agreed actions of a few
// hundred characters of Russian text with «quotes», № and dashes.
Status record_week(LocalStore& store, const Tutor& tutor, int sessions, int seed) {
  uint64_t state = static_cast<uint64_t>(seed) * 7919 + 17;
  for (int i = 0; i < sessions; ++i) {
    const int n = seed * 31 + i;
    json fields = {
        {"mentor_id", tutor.person},
        {"pair_id", tutor.pair},
        {"mentees", json::array({tutor.mentee})},
        {"date", "2026-11-" + std::to_string(16 + i % 5)},
        {"duration_min", 40 + n % 50},
        {"format", n % 3 == 0 ? "online" : "offline"},
        {"stage", kStages[n % 8]},
        {"topic", "Урок № " + std::to_string(n % 40 + 1) + ": " + phrases(state, 1)},
        {"notes", phrases(state, 4)},
        {"agreed_actions", phrases(state, 2)},
    };
    NASTAVNIK_RETURN_IF_ERROR(store.create_record("mentoring_session", fields).status());
  }
  return Status::Ok();
}

testing::FaultPlan two_g(const FleetOptions& o) {
  testing::FaultPlan plan;
  plan.bytes_per_second = o.bytes_per_second;
  plan.one_way_delay_ms = o.one_way_delay_ms;
  return plan;
}

// Enrolled and synced once on a clean link (the registry), then a week recorded offline.
constexpr int kTutorsPerCopy = static_cast<int>(std::size(kTutors));

// Tutor `index` of the fleet: a tutor of the Volosovo registry in its copy.
Tutor fleet_tutor(int index, std::vector<std::string>& ids) {
  const Tutor& t = kTutors[index % kTutorsPerCopy];
  const int copy = index / kTutorsPerCopy;
  ids = {id_in_copy(t.person, copy), id_in_copy(t.pair, copy), id_in_copy(t.mentee, copy)};
  return Tutor{ids[0].c_str(), ids[1].c_str(), ids[2].c_str()};
}

Result<std::unique_ptr<Laptop>> prepare_laptop(int index, int front_port, const std::filesystem::path& dir,
                                               const std::string& code, const Tutor& tutor, int sessions) {
  auto l = std::make_unique<Laptop>();
  std::filesystem::create_directories(dir);
  NASTAVNIK_ASSIGN_OR_RETURN(l->store, LocalStore::create(dir / "replica.db", l->key.id()));
  // Each laptop reaches the front from its own address, as schools do.
  const std::string address = "127.0." + std::to_string(1 + index / 250) + "." + std::to_string(1 + index % 250);
  l->proxy = std::make_unique<FaultProxy>(front_port, address);
  const std::string url = "http://127.0.0.1:" + std::to_string(l->proxy->port());
  HttpTransportOptions options;
  options.read_timeout_s = 120;
  NASTAVNIK_ASSIGN_OR_RETURN(l->transport, HttpTransport::connect(url, options));
  NASTAVNIK_RETURN_IF_ERROR(enroll_device(*l->store, l->key, *l->transport, url, code, "school laptop").status());
  SyncEngine first(*l->store, l->key, *l->transport);
  NASTAVNIK_RETURN_IF_ERROR(first.run().status());
  NASTAVNIK_RETURN_IF_ERROR(record_week(*l->store, tutor, sessions, index));
  return l;
}

struct SyncRun {
  bool ok = false;
  std::string error;
  double seconds = 0;
  int64_t ops_sent = 0;
  uint64_t up = 0, down = 0;
};

SyncRun sync_week(Laptop& l) {
  SyncRun r;
  const uint64_t up0 = l.proxy->bytes_up(), down0 = l.proxy->bytes_down();
  const auto start = Clock::now();
  SyncEngine engine(*l.store, l.key, *l.transport);
  auto summary = engine.run();
  r.seconds = since(start);
  r.up = l.proxy->bytes_up() - up0;
  r.down = l.proxy->bytes_down() - down0;
  r.ok = summary.ok();
  if (!summary.ok()) r.error = summary.status().to_string();
  else r.ops_sent = summary->ops_sent;
  return r;
}

}  // namespace

double FleetResult::percentile(double p) const {
  if (sync_seconds.empty()) return 0;
  const size_t i = std::min(sync_seconds.size() - 1, static_cast<size_t>(p * static_cast<double>(sync_seconds.size())));
  return sync_seconds[i];
}

void write_fleet_registry(const std::filesystem::path& demo_registry, const FleetOptions& options,
                          const std::filesystem::path& target) {
  write_registry_copies(demo_registry, (options.laptops + kTutorsPerCopy - 1) / kTutorsPerCopy, target);
}

FleetResult run_fleet(int front_port, const std::function<std::string(const std::string&, const std::string&)>& issue_code,
                      const std::filesystem::path& dir, const FleetOptions& options) {
  FleetResult result;
  std::vector<std::unique_ptr<Laptop>> laptops;
  for (int i = 0; i < options.laptops; ++i) {
    std::vector<std::string> ids;
    const Tutor tutor = fleet_tutor(i, ids);
    auto l = prepare_laptop(i, front_port, dir / ("laptop-" + std::to_string(i)), issue_code(tutor.person, "tutor"),
                            tutor, options.sessions_per_laptop);
    if (!l.ok()) {
      result.errors.push_back("laptop " + std::to_string(i) + " could not be set up: " + l.status().to_string());
      return result;
    }
    // From now on the link is 2G; a new connection, so that it is shaped (the proxy shapes
    // connections opened after set_plan, and setup left one open).
    (*l)->proxy->set_plan(two_g(options));
    const std::string url = "http://127.0.0.1:" + std::to_string((*l)->proxy->port());
    HttpTransportOptions transport_options;
    transport_options.read_timeout_s = 120;
    auto fresh = HttpTransport::connect(url, transport_options);
    if (!fresh.ok()) {
      result.errors.push_back(fresh.status().to_string());
      return result;
    }
    (*l)->transport = std::move(fresh).value();
    laptops.push_back(std::move(l).value());
  }
  result.ops_expected = static_cast<int64_t>(options.laptops) * options.sessions_per_laptop;

  // The baseline: the first laptop alone on its 2G link.
  const SyncRun alone = sync_week(*laptops[0]);
  if (!alone.ok) result.errors.push_back("laptop 0 (alone): " + alone.error);
  result.alone_seconds = alone.seconds;
  result.alone_bytes_up = alone.up;
  result.alone_bytes_down = alone.down;
  result.ops_sent = alone.ops_sent;

  // Everyone else at once, with a fast client watching /healthz.
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    httplib::Client client("127.0.0.1", front_port);
    client.set_read_timeout(10, 0);
    while (!done) {
      const auto start = Clock::now();
      auto res = client.Get("/healthz");
      const double s = since(start);
      ++result.healthz_checks;
      if (!res || res->status != 200) ++result.healthz_failures;
      result.healthz_max_seconds = std::max(result.healthz_max_seconds, s);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  std::vector<SyncRun> runs(laptops.size());
  std::vector<std::thread> threads;
  for (size_t i = 1; i < laptops.size(); ++i) threads.emplace_back([&, i] { runs[i] = sync_week(*laptops[i]); });
  for (auto& t : threads) t.join();
  done = true;
  watcher.join();
  for (size_t i = 1; i < runs.size(); ++i) {
    if (!runs[i].ok) result.errors.push_back("laptop " + std::to_string(i) + ": " + runs[i].error);
    result.sync_seconds.push_back(runs[i].seconds);
    result.bytes_down.push_back(runs[i].down);
    result.ops_sent += runs[i].ops_sent;
  }
  std::sort(result.sync_seconds.begin(), result.sync_seconds.end());
  return result;
}

}  // namespace nastavnik::testing
