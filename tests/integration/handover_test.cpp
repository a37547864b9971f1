// A revoked laptop's unsent work handed to another device of the same person, with real
// processes: exported without the server, refused for another person, taken and sent by the
// person's new laptop, each record once.

#include <catch2/catch.hpp>

#include "tests/integration/cli_laptop.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("handover: a revoked laptop's unsent work is sent by the same person's new laptop",
          "[integration][handover]") {
  ServerFixture fx;
  Laptop old_laptop, new_laptop, colleague;
  old_laptop.enroll(fx, demo::kTutor1, "tutor");
  old_laptop.add_sessions({"Уже на сервере"});
  old_laptop.ok({"sync"});
  old_laptop.add_sessions({"Со старого ноутбука 1", "Со старого ноутбука 2"});
  fx.admin({"revoke", old_laptop.device_id()});
  const auto refused = old_laptop.cli({"sync"});
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.err, Catch::Contains("revoked"));

  TempDir usb;
  const fs::path file = usb / "handover.json";
  CHECK_THAT(old_laptop.ok({"handover", "export", file.string()}), Catch::Contains("2 records"));
  const json handover = json::parse(read_text(file));
  REQUIRE(handover["records"].size() == 2);
  CHECK(handover["person"] == demo::kTutor1);

  // Another person's device refuses it, and nothing changes there.
  colleague.enroll(fx, demo::kTutor2, "tutor");
  const auto other = colleague.cli({"handover", "import", file.string()});
  CHECK(other.exit_code != 0);
  CHECK_THAT(other.err, Catch::Contains("another person"));
  CHECK(colleague.sessions().find("Со старого ноутбука") == std::string::npos);

  // A damaged file is refused whole.
  write_text(usb / "damaged.json", read_text(file).substr(0, 200));
  new_laptop.enroll(fx, demo::kTutor1, "tutor");
  CHECK(new_laptop.cli({"handover", "import", (usb / "damaged.json").string()}).exit_code != 0);
  CHECK(new_laptop.unsealed() == 0);

  const int64_t before = fx.ops();
  CHECK_THAT(new_laptop.ok({"handover", "import", file.string()}), Catch::Contains("Took 2 records"));
  CHECK(new_laptop.unsealed() == 2);
  const json synced = new_laptop.ok_json({"sync"});
  CHECK(synced["rejected"].empty());
  CHECK(fx.ops() == before + 2);
  // Taken twice: the same records, no new ones.
  new_laptop.ok({"handover", "import", file.string()});
  new_laptop.ok({"sync"});
  Laptop office;
  office.enroll(fx, demo::kMethodologist, "methodologist");
  office.ok({"sync"});
  const std::string sessions = office.sessions();
  for (const char* topic : {"Уже на сервере", "Со старого ноутбука 1", "Со старого ноутбука 2"}) {
    size_t n = 0;
    for (size_t at = sessions.find(topic); at != std::string::npos; at = sessions.find(topic, at + 1)) ++n;
    CHECK(n == 1);
  }
}
