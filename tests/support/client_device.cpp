#include "tests/support/client_device.h"

#include <catch2/catch.hpp>

namespace nastavnik::testing {

ClientDevice::ClientDevice(SyncTransport& transport) : key_(crypto::KeyPair::generate()), transport_(transport) {
  auto store = LocalStore::create(dir_ / "replica.db", key_.id());
  REQUIRE(store.ok());
  store_ = std::move(store).value();
}

Result<EnrollmentResult> ClientDevice::enroll(const std::string& code) {
  return enroll_device(*store_, key_, transport_, "http://in-process", code, "test laptop");
}

Result<SyncSummary> ClientDevice::sync(SyncSettings settings) {
  SyncEngine engine(*store_, key_, transport_, settings, [](uint64_t) {});
  return engine.run();
}

std::string ClientDevice::add_session(const std::string& pair_id, const std::string& topic, const std::string& mentee) {
  nlohmann::json fields = {{"mentor_id", store_->actor().person_id}, {"date", "2026-11-20"}, {"format", "offline"},
                           {"stage", "theory"}, {"topic", topic}};
  if (!pair_id.empty()) fields["pair_id"] = pair_id;
  if (!mentee.empty()) fields["mentees"] = nlohmann::json::array({mentee});
  auto id = store_->create_record("mentoring_session", fields);
  REQUIRE(id.ok());
  return *id;
}

int64_t ClientDevice::count(const std::string& entity) {
  RecordQuery q;
  q.entity = entity;
  auto n = store_->reader().count(q);
  REQUIRE(n.ok());
  return *n;
}

}  // namespace nastavnik::testing
