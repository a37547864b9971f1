#pragma once
// Shared setup of the model tests: a demo replica in a temporary data directory, the view
// context over it, and helpers that read the replica directly so that expected values are
// derived independently of the view models under test.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "client/model/app_model.h"
#include "client/model/user_messages.h"
#include "client/model/view_context.h"
#include "client/model/view_models.h"
#include "tests/support/demo_people.h"
#include "tests/support/demo_replica.h"
#include "tests/support/temp_dir.h"

namespace nastavnik::testing {

inline const std::filesystem::path kAssets = NASTAVNIK_TEST_ASSETS;

// Noon UTC of `date`: the same local date in every time zone from UTC-11 to UTC+11, and
// the test process pins TZ=UTC anyway.
inline uint64_t noon_utc(const std::string& date) {
  using namespace std::chrono;
  setenv("TZ", "UTC", 1);
  tzset();
  const year_month_day ymd{year{std::stoi(date.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
                           day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
  return static_cast<uint64_t>(duration_cast<milliseconds>(sys_days{ymd}.time_since_epoch()).count()) + 12 * 3600 * 1000;
}

inline AppModelOptions model_options(const std::string& today = "2027-01-10") {
  AppModelOptions o;
  o.assets = kAssets;
  o.auto_sync = false;
  const uint64_t ms = noon_utc(today);
  o.calendar = [ms] { return ms; };
  return o;
}

inline std::vector<Record> all_records(const LocalStore& store, const std::string& entity) {
  RecordQuery q;
  q.entity = entity;
  q.limit = 0;
  auto rows = store.reader().list(q);
  REQUIRE(rows.ok());
  return *rows;
}

inline std::string str(const Record& r, const std::string& field) {
  return r.data.contains(field) && r.data[field].is_string() ? r.data[field].get<std::string>() : "";
}

inline bool names(const Record& r, const std::string& field, const std::string& person) {
  if (!r.data.contains(field)) return false;
  const auto& v = r.data[field];
  if (v.is_string()) return v == person;
  return v.is_array() && std::find(v.begin(), v.end(), person) != v.end();
}

// A demo replica on disk; open() gives the store to read it directly.
struct DemoData {
  TempDir dir;
  DataDir data_dir{dir / "data"};

  explicit DemoData(DemoSize size = DemoSize::kStandard()) { REQUIRE(build_demo_replica(data_dir, size, kAssets).ok()); }
  DeviceReplica open() const {
    auto r = data_dir.open();
    REQUIRE(r.ok());
    return std::move(r).value();
  }
  std::unique_ptr<AppModel> model(AppModelOptions options = model_options()) const {
    auto m = AppModel::open(data_dir, std::move(options));
    REQUIRE(m.ok());
    (*m)->wait_idle();
    return std::move(m).value();
  }
};

// The demo replica opened directly, with the context the view models read through.
struct DemoViews : DemoData {
  DeviceReplica replica = open();
  InstrumentRegistry instruments = InstrumentRegistry::load_dir(kAssets / "instruments").value();
  model::RecordCache cache{replica.store->reader()};
  model::Directory directory = model::Directory::load(cache).value();
  model::ViewContext ctx{*replica.store, instruments, directory, cache, "ru", "2027-01-10"};
  LocalStore& store() { return *replica.store; }
};

}  // namespace nastavnik::testing
