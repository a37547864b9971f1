// `nastavnik-server audit verify` against a real store: intact after devices synced and the
// registry was imported (signed by the server key); a changeset altered in the store, one
// removed from the middle of a chain: each reported, with the device and the changeset.

#include <catch2/catch.hpp>

#include "shared/crypto/sodium.h"
#include "tests/integration/cli_laptop.h"
#include "tests/reliability/db_query.h"

using namespace nastavnik;
using namespace nastavnik::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The archive as `archive export` writes it: one JSON line per changeset.
std::vector<json> archived(ServerFixture& fx) {
  TempDir dir;
  fx.admin({"archive", "export", "--out", (dir / "a.jsonl").string()});
  std::vector<json> out;
  std::istringstream lines(read_text(dir / "a.jsonl"));
  for (std::string line; std::getline(lines, line);) {
    json j = json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("frame")) out.push_back(j);
  }
  return out;
}

void put_frame(ServerFixture& fx, const std::string& device, uint64_t seq, const std::string& frame) {
  const std::string hex = crypto::to_hex(reinterpret_cast<const uint8_t*>(frame.data()), frame.size());
  const bool sqlite = fx.store_address().rfind("sqlite:", 0) == 0;
  const std::string bytes = sqlite ? "X'" + hex + "'" : "decode('" + hex + "', 'hex')";
  query(fx.store_address(), "UPDATE changesets SET frame = " + bytes + " WHERE device_id = '" + device +
                                "' AND seq = " + std::to_string(seq));
}

}  // namespace

TEST_CASE("audit verify: an intact store passes; an altered or missing changeset is reported",
          "[integration][audit]") {
  ServerFixture fx;
  Laptop tutor;
  tutor.enroll(fx, demo::kTutor1, "tutor");
  for (int i = 1; i <= 3; ++i) {
    tutor.add_sessions({"Тема занятия " + std::to_string(i)});
    tutor.ok({"sync"});
  }
  const auto intact = fx.admin({"audit", "verify"});
  CHECK_THAT(intact.out, Catch::Contains("every signature and chain verifies"));
  // The registry the fixture imported is a changeset signed by the server.
  CHECK_THAT(intact.out, Catch::Contains("(1 registry imports signed by the server)"));

  const std::string device = tutor.device_id();
  json second;
  for (const auto& c : archived(fx))
    if (c["device"] == device && c["seq"] == 2) second = c;
  REQUIRE(second.is_object());
  std::string frame = crypto::from_base64(second["frame"].get<std::string>()).value();

  SECTION("a changeset altered in the store") {
    const std::string from = "Тема занятия 2", to = "Тема занятия 7";
    const auto at = frame.find(from);
    REQUIRE(at != std::string::npos);
    frame.replace(at, from.size(), to);
    put_frame(fx, device, 2, frame);
    const auto audit = fx.admin({"audit", "verify"}, false);
    CHECK(audit.exit_code == 1);
    CHECK_THAT(audit.out, Catch::Contains(device) && Catch::Contains("altered"));
    CHECK_THAT(audit.err, Catch::Contains("1 break(s)"));
  }
  SECTION("a changeset removed from the middle of a chain") {
    query(fx.store_address(), "DELETE FROM changesets WHERE device_id = '" + device + "' AND seq = 2");
    const auto audit = fx.admin({"audit", "verify"}, false);
    CHECK(audit.exit_code == 1);
    CHECK_THAT(audit.out, Catch::Contains("changesets 2–2 of this device are missing"));
  }
  SECTION("the server's signed registry import altered in the store") {
    json import;
    for (const auto& c : archived(fx))
      if (c["device"] != device) import = c;
    REQUIRE(import.is_object());
    std::string registry = crypto::from_base64(import["frame"].get<std::string>()).value();
    const std::string from = "Волосов", to = "Волосав";
    const auto at = registry.find(from);
    REQUIRE(at != std::string::npos);
    registry.replace(at, from.size(), to);
    put_frame(fx, import["device"], 1, registry);
    const auto audit = fx.admin({"audit", "verify"}, false);
    CHECK(audit.exit_code == 1);
    CHECK_THAT(audit.out, Catch::Contains(import["device"].get<std::string>()) && Catch::Contains("altered"));
  }
}
