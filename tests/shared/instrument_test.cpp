#include <catch2/catch.hpp>

#include "shared/domain/instrument.h"

using namespace nastavnik;
using nlohmann::json;

namespace {

InstrumentRegistry shipped() {
  auto reg = InstrumentRegistry::load_dir(NASTAVNIK_TEST_ASSETS "/instruments");
  REQUIRE(reg.ok());
  return std::move(reg).value();
}

// Every item answered `high`, except the items of `area`, answered `low`.
json answers_with_one_weak_area(const Instrument& in, const std::string& area, int low, int high) {
  json a = json::object();
  for (const auto& item : in.items) a[item.id] = item.area == area ? low : high;
  return a;
}

}  // namespace

TEST_CASE("the shipped instruments load", "[instrument]") {
  const auto reg = shipped();
  for (const char* id : {"teacher_deficits", "school_risk", "satisfaction", "lesson_observation"}) {
    INFO(id);
    CHECK(reg.latest(id) != nullptr);
  }
  CHECK(reg.find("teacher_deficits", 1) != nullptr);
  CHECK(reg.find("teacher_deficits", 2) != nullptr);
  CHECK(reg.latest("teacher_deficits")->version == 2);
  CHECK(reg.find("teacher_deficits", 1)->areas.size() == 10);
  CHECK(reg.find("school_risk", 1)->subject == "school");
}

TEST_CASE("scoring turns low answers into deficit areas", "[instrument]") {
  const auto reg = shipped();
  const Instrument& in = *reg.find("teacher_deficits", 1);
  for (const auto& area : in.areas) {
    const json a = answers_with_one_weak_area(in, area.id, in.scale_min, in.scale_max);
    INFO(area.id);
    CHECK(in.deficits(a) == std::vector<std::string>{area.id});
  }
  CHECK(in.deficits(answers_with_one_weak_area(in, "", 0, in.scale_max)).empty());
  CHECK(in.deficits(json::object()).empty());  // nothing answered, nothing concluded
}

TEST_CASE("a risk profile flags high answers", "[instrument]") {
  const auto reg = shipped();
  const Instrument& in = *reg.find("school_risk", 1);
  REQUIRE(in.higher_is_risk);
  const json a = answers_with_one_weak_area(in, "staffing", in.scale_max, in.scale_min);
  CHECK(in.deficits(a) == std::vector<std::string>{"staffing"});
}

TEST_CASE("old answers stay readable with their own version", "[instrument]") {
  const auto reg = shipped();
  const Instrument& v1 = *reg.find("teacher_deficits", 1);
  const Instrument& v2 = *reg.find("teacher_deficits", 2);
  REQUIRE(v2.items.size() > v1.items.size());
  const json old_answers = answers_with_one_weak_area(v1, "functional_literacy", 0, 3);
  json record = {{"instrument_id", "teacher_deficits"}, {"instrument_version", 1}, {"answers", old_answers}};
  CHECK(reg.prepare_self_assessment(record).empty());
  CHECK(record["deficits"] == json::array({"functional_literacy"}));
  CHECK(v1.check_answers(old_answers, true).empty());
  CHECK_FALSE(v2.check_answers(old_answers, true).empty());  // v2 has an item v1 never asked
}

TEST_CASE("answers are checked against the instrument", "[instrument]") {
  const auto reg = shipped();
  json record = {{"instrument_id", "teacher_deficits"}, {"instrument_version", 1},
                 {"answers", {{"no_such_item", 1}}}};
  auto errors = reg.prepare_self_assessment(record);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "validation.answer_unknown_item");
  const std::string first_item = reg.find("teacher_deficits", 1)->items[0].id;
  record["answers"] = {{first_item, 7}};
  errors = reg.prepare_self_assessment(record);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "validation.answer_out_of_scale");
  record["instrument_version"] = 99;
  errors = reg.prepare_self_assessment(record);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "validation.instrument_unknown");
}

TEST_CASE("broken instrument files are refused with a reason", "[instrument]") {
  json good = {{"id", "x"}, {"version", 1}, {"subject", "person"}, {"title", {{"ru", "x"}}},
               {"scale", {{"min", 0}, {"max", 3}}}, {"scoring", {{"direction", "higher_is_better"}, {"threshold", 1.5}}},
               {"areas", {{{"id", "a"}, {"title", {{"ru", "a"}}}}}},
               {"items", {{{"id", "i1"}, {"area", "a"}, {"text", {{"ru", "?"}}}}}}};
  CHECK(Instrument::from_json(good).ok());
  json bad = good;
  bad["items"][0]["area"] = "b";
  CHECK_THAT(Instrument::from_json(bad).status().message(), Catch::Contains("unknown area"));
  bad = good;
  bad["scale"]["max"] = 0;
  CHECK_FALSE(Instrument::from_json(bad).ok());
  bad = good;
  bad["scoring"]["direction"] = "sideways";
  CHECK_FALSE(Instrument::from_json(bad).ok());
  bad = good;
  bad.erase("id");
  CHECK_FALSE(Instrument::from_json(bad).ok());
}
