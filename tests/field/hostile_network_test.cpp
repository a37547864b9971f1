// The municipal server against a hostile network (issue 9): while 50 slowloris
// connections, 500 idle ones, 8 uploads declaring 16 MB and sending nothing and one 256 MiB
// request line without a newline are open, an ordinary `nastavnik-cli sync` completes
// within 5 s and the server's peak memory stays under 100 MB — behind the nginx front, and
// against the embedded server alone. What the embedded server does not hold (more slow
// clients than it has threads) is asserted as what it does instead: new connections are
// refused at once with 503 and Retry-After, not left hanging, and it serves again once the
// attackers leave. SIGTERM stops it promptly whatever is open.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/field/field_site.h"
#include "tests/support/demo_people.h"
#include "tests/support/spawn.h"

using namespace nastavnik::testing;
using nlohmann::json;

namespace {

// nastavnik-hostile-clients running from 127.0.0.2 until stopped.
class Attack {
 public:
  Attack(const std::filesystem::path& dir, int port, std::vector<std::string> kinds) : out_(dir / "attack.out") {
    std::vector<std::string> argv = {NASTAVNIK_HOSTILE_CLIENTS_PATH, "--port", std::to_string(port)};
    argv.insert(argv.end(), kinds.begin(), kinds.end());
    pid_ = spawn_process(argv, out_, out_.string() + ".err");
    for (int i = 0; i < 1000 && read_file(out_).find("ready") == std::string::npos; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(read_file(out_).find("ready") != std::string::npos);
  }
  ~Attack() { stop(); }
  // Ends the attack; what it did, as the tool printed it.
  json stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
    }
    const std::string text = read_file(out_);
    const auto line = text.substr(text.find('{') == std::string::npos ? 0 : text.find('{'));
    return json::parse(line, nullptr, false);
  }

 private:
  std::filesystem::path out_;
  pid_t pid_ = -1;
};

std::vector<std::string> cli(const CliLaptop& laptop, std::vector<std::string> args) {
  std::vector<std::string> argv = {NASTAVNIK_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--data", laptop.data().string(), "--lang", "en"});
  return argv;
}

const std::vector<std::string> kFullAttack = {"--slowloris", "50", "--idle",          "500",
                                              "--declared-body", "8", "--long-line-mib", "256"};

// The laptop's sync while the attack is open: within 5 s, and the server stays small.
void sync_under_attack(FieldSite& site) {
  CliLaptop laptop(site.dir() / "tutor");
  laptop.init_and_enroll(site.url(), site.code_for(demo::kTutor1, "tutor"));
  laptop.ok({"session", "add", "--topic", "Смысловое чтение «до, во время, после»", "--stage", "theory", "--format",
             "offline", "--pair-id", demo::kPair1});
  Attack attack(site.dir(), site.port(), kFullAttack);
  // Let the attack settle: every kind reaches the server or the front before the sync.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const Timed sync = timed(cli(laptop, {"sync", "--json"}), 60);
  INFO(sync.result.err << sync.result.out);
  CHECK(sync.result.exit_code == 0);
  CHECK(sync.seconds < 5.0);
  const json summary = json::parse(sync.result.out, nullptr, false);
  REQUIRE(summary.is_object());
  CHECK(summary.value("changesets_sent", 0) == 1);
  // Still open after the sync: the attack did not simply give up.
  const json done = attack.stop();
  INFO(done.dump());
  CHECK(done.value("opened", 0) >= 559);
  const int64_t rss = site.server_peak_rss_kb();
  INFO("server peak RSS " << rss / 1024 << " MiB");
  CHECK(rss > 0);
#ifndef NASTAVNIK_SANITIZED
  CHECK(rss < 100 * 1024);
#endif
}

}  // namespace

TEST_CASE("behind the nginx front, a sync completes while hostile connections are open", "[field][hostile][front]") {
  FieldSite site(Front::kNginx);
  sync_under_attack(site);
}

TEST_CASE("the embedded server alone holds the same attack with its default threads", "[field][hostile]") {
  FieldSite site(Front::kEmbedded);
  sync_under_attack(site);
}

TEST_CASE("the embedded server refuses what it cannot hold at once, and recovers", "[field][hostile]") {
  // Four threads and four places in the queue, twenty slow clients: more than it holds.
  FieldSite site(Front::kEmbedded, {"--workers", "4", "--max-queued", "4", "--header-timeout", "3"});
  Attack attack(site.dir(), site.port(), {"--slowloris", "20", "--interval-ms", "500"});
  std::this_thread::sleep_for(std::chrono::seconds(1));
  httplib::Client client("127.0.0.1", site.port());
  client.set_read_timeout(5, 0);
  const auto start = std::chrono::steady_clock::now();
  auto busy = client.Get("/healthz");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(busy);
  CHECK(busy->status == 503);
  CHECK(busy->get_header_value("Retry-After") != "");
  CHECK_THAT(busy->body, Catch::Contains("unavailable"));
  CHECK(seconds < 1.0);
  attack.stop();
  // The slow connections are cut by the header timeout; the server serves again.
  bool served = false;
  for (int i = 0; i < 100 && !served; ++i) {
    auto res = client.Get("/healthz");
    served = res && res->status == 200;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(served);
}

TEST_CASE("SIGTERM stops the embedded server promptly while slow connections are open", "[field][hostile]") {
  FieldSite site(Front::kEmbedded);
  Attack attack(site.dir(), site.port(), {"--slowloris", "30", "--idle", "50", "--declared-body", "8"});
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const pid_t pid = site.server_pid();
  const auto start = std::chrono::steady_clock::now();
  site.stop();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(::kill(pid, 0) != 0);  // gone
  CHECK(seconds < 3.0);
}
