// Courier bundles with real processes: nastavnik-cli laptops and a nastavnik-server on
// 127.0.0.1. A school laptop without network writes its work to a file; a mentor's laptop
// (another pair: it may not read the school's records) carries it to the server at its
// sync and carries the answer back; the school laptop marks its work delivered and takes
// what it should receive. The same through `nastavnik-server import-bundle`; and files
// flipped, replayed, of a revoked laptop, out of order, twice, and beside a network sync.

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "shared/crypto/sodium.h"
#include "tests/integration/cli_laptop.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("courier: school laptop -> file -> mentor laptop -> server -> mentor -> file -> school laptop",
          "[integration][courier]") {
  ServerFixture fx;
  Laptop school, mentor, office;
  school.enroll(fx, demo::kTutor1, "tutor");    // enrolled in town; the school has no network
  mentor.enroll(fx, demo::kTutor2, "tutor");    // a mentor of pair 2: pair 1 is not in its scope
  office.enroll(fx, demo::kMethodologist, "methodologist");
  office.add_sessions({"Из города для школы"});
  office.ok({"sync"});
  const int64_t before = fx.ops();

  school.add_sessions({"Школьная запись 1", "Школьная запись 2", "Школьная запись 3"});
  TempDir usb;
  const fs::path out = usb / "school.nbundle", back = usb / "answer.nbundle";
  const json written = school.ok_json({"bundle", "export", out.string()});
  CHECK(written["own_request"] == true);
  CHECK(written["ops"] == 3);
  CHECK(school.unsealed() == 0);
  CHECK(school.unacked() >= 1);
  // Whoever holds the stick reads nothing of the work in it.
  CHECK(read_text(out).find("Школьная запись") == std::string::npos);

  const json carried = mentor.ok_json({"bundle", "import", out.string()});
  CHECK(carried["kept_to_carry"] == 1);
  CHECK(carried["answers"] == 0);
  CHECK(mentor.ok_json({"pending"})["carried_for_server"] == 1);
  CHECK(mentor.sessions().find("Школьная запись") == std::string::npos);

  const json synced = mentor.ok_json({"sync"});
  CHECK(synced["carried"]["delivered"] == 1);
  CHECK(fx.ops() == before + 3);
  CHECK(mentor.ok_json({"pending"})["carried_for_server"] == 0);
  CHECK(mentor.sessions().find("Школьная запись") == std::string::npos);  // still none of its business

  mentor.ok({"bundle", "export", "--carried-only", back.string()});
  CHECK(read_text(back).find("Из города") == std::string::npos);
  const json taken = school.ok_json({"bundle", "import", back.string()});
  CHECK(taken["answers"] == 1);
  CHECK(taken["changesets_delivered"].get<int64_t>() >= 1);
  CHECK(taken["ops_received"].get<int64_t>() >= 1);
  CHECK(school.unacked() == 0);  // the work is marked delivered
  const std::string sessions = school.sessions();
  CHECK(sessions.find("Из города для школы") != std::string::npos);
  CHECK(count_of(sessions, "Школьная запись") == 3);

  // The same answer brought twice changes nothing.
  const json again = school.ok_json({"bundle", "import", back.string()});
  CHECK(again["answers"] == 0);
  CHECK(again["repeated_answers"] == 1);
  CHECK(school.unacked() == 0);
  CHECK(count_of(school.sessions(), "Из города для школы") == 1);
  // The first bundle carried again (a second mentor had a copy): taken as a duplicate.
  Laptop second_mentor;
  second_mentor.enroll(fx, demo::kTutor2, "tutor");
  second_mentor.ok({"bundle", "import", out.string()});
  CHECK(second_mentor.ok_json({"sync"})["carried"]["delivered"] == 1);
  CHECK(fx.ops() == before + 3);
  // The school's network sync later: nothing left to send, nothing applied twice.
  school.ok({"sync"});
  CHECK(fx.ops() == before + 3);
  CHECK(count_of(office.ok_json({"list", "--entity", "mentoring_session", "--limit", "1000"}).dump(), "Школьная запись") == 0);
  office.ok({"sync"});
  CHECK(count_of(office.sessions(), "Школьная запись") == 3);
}

TEST_CASE("courier: the methodologist takes a bundle with import-bundle and writes the answer",
          "[integration][courier]") {
  ServerFixture fx;
  Laptop school;
  school.enroll(fx, demo::kTutor1, "tutor");
  school.add_sessions({"Через методиста"});
  TempDir usb;
  const fs::path out = usb / "school.nbundle", back = usb / "answer.nbundle";
  school.ok({"bundle", "export", out.string()});
  const int64_t before = fx.ops();
  const auto taken = fx.admin({"import-bundle", out.string(), "--return", back.string()});
  CHECK_THAT(taken.out, Catch::Contains("1 delivered"));
  CHECK(fx.ops() == before + 1);
  const json answer = school.ok_json({"bundle", "import", back.string()});
  CHECK(answer["answers"] == 1);
  CHECK(school.unacked() == 0);
  // Taken twice: the changeset is a duplicate, the store unchanged.
  fx.admin({"import-bundle", out.string(), "--return", (usb / "again.nbundle").string()});
  CHECK(fx.ops() == before + 1);
}

TEST_CASE("courier: a flipped bit, a forged check, a revoked laptop: refused, nothing applied",
          "[integration][courier]") {
  ServerFixture fx;
  Laptop school, mentor;
  school.enroll(fx, demo::kTutor1, "tutor");
  mentor.enroll(fx, demo::kTutor2, "tutor");
  school.add_sessions({"Подделка не пройдёт"});
  TempDir usb;
  const fs::path out = usb / "school.nbundle";
  school.ok({"bundle", "export", out.string()});
  const int64_t before = fx.ops();
  json bundle = json::parse(read_text(out));
  std::string box = crypto::from_base64(bundle["envelopes"][0]["box"].get<std::string>()).value();

  SECTION("a bit flipped on the stick: the file is refused as damaged, nothing kept") {
    std::string text = read_text(out);
    const auto at = text.find("\"box\": \"") + 20;
    text[at] = text[at] == 'A' ? 'B' : 'A';
    write_text(usb / "flipped.nbundle", text);
    const auto r = mentor.cli({"bundle", "import", (usb / "flipped.nbundle").string()});
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err, Catch::Contains("damaged"));
    CHECK(mentor.ok_json({"pending"})["carried_for_server"] == 0);
  }
  SECTION("a box altered and the check forged to match: the server refuses it, the work stays pending") {
    box[box.size() / 2] ^= 0x01;
    bundle["envelopes"][0]["box"] = crypto::to_base64(box);
    bundle["check"] = crypto::hash_hex(bundle["envelopes"].dump());
    write_text(usb / "forged.nbundle", bundle.dump());
    mentor.ok({"bundle", "import", (usb / "forged.nbundle").string()});
    const json synced = mentor.ok_json({"sync"});
    CHECK(synced["carried"]["delivered"] == 0);
    REQUIRE(synced["carried"]["refused"].size() == 1);
    CHECK_THAT(synced["carried"]["refused"][0].get<std::string>(), Catch::Contains("altered"));
    CHECK(fx.ops() == before);
    // Refused once, not carried for ever.
    CHECK(mentor.ok_json({"pending"})["carried_for_server"] == 0);
    const auto direct = fx.admin({"import-bundle", (usb / "forged.nbundle").string(), "--return",
                                  (usb / "r.nbundle").string()}, false);
    CHECK(direct.exit_code != 0);
    CHECK(fx.ops() == before);
    CHECK(school.unacked() == 1);
  }
  SECTION("a laptop revoked before its bundle arrives") {
    fx.admin({"revoke", school.device_id()});
    const auto r = fx.admin({"import-bundle", out.string(), "--return", (usb / "r.nbundle").string()}, false);
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.out, Catch::Contains("revoked"));
    CHECK(fx.ops() == before);
    CHECK_FALSE(fs::exists(usb / "r.nbundle"));
  }
}

TEST_CASE("courier: bundles out of order, twice, and beside a network sync: each change applied once",
          "[integration][courier]") {
  ServerFixture fx;
  Laptop school;
  school.enroll(fx, demo::kTutor1, "tutor");
  TempDir usb;
  school.add_sessions({"Первая"});
  school.ok({"bundle", "export", (usb / "a.nbundle").string()});
  school.add_sessions({"Вторая", "Третья"});
  school.ok({"bundle", "export", (usb / "b.nbundle").string()});
  const int64_t before = fx.ops();
  // The later bundle first (it carries every changeset not yet acknowledged), then the earlier.
  fx.admin({"import-bundle", (usb / "b.nbundle").string(), "--return", (usb / "rb.nbundle").string()});
  CHECK(fx.ops() == before + 3);
  fx.admin({"import-bundle", (usb / "a.nbundle").string(), "--return", (usb / "ra.nbundle").string()});
  fx.admin({"import-bundle", (usb / "b.nbundle").string(), "--return", (usb / "rb2.nbundle").string()});
  CHECK(fx.ops() == before + 3);
  // The laptop finds a network while another copy of its bundle is being taken.
  school.add_sessions({"Четвёртая"});
  school.ok({"bundle", "export", (usb / "c.nbundle").string()});
  std::thread carrier([&] {
    fx.admin({"import-bundle", (usb / "c.nbundle").string(), "--return", (usb / "rc.nbundle").string()});
  });
  school.ok({"sync"});
  carrier.join();
  CHECK(fx.ops() == before + 4);
  // The answers, in any order, leave the laptop with everything delivered.
  for (const char* answer : {"ra.nbundle", "rc.nbundle", "rb.nbundle"}) school.ok({"bundle", "import", (usb / answer).string()});
  CHECK(school.unacked() == 0);
  CHECK(count_of(school.sessions(), "\"topic\"") >= 4);
}
