#include <catch2/catch.hpp>

#include <sstream>

#include "shared/core/control_characters.h"
#include "shared/domain/schema.h"
#include "shared/domain/validation.h"
#include "shared/i18n/catalog.h"
#include "shared/ops/op.h"

using namespace nastavnik;
using nlohmann::json;

namespace {

const EntitySchema& session_schema() { return *DomainSchema::instance().entity("mentoring_session"); }

json valid_session() {
  return {{"mentor_id", "00000000-0000-7000-8000-000300000001"},
          {"date", "2026-11-20"},
          {"format", "offline"},
          {"stage", "trial_lessons"},
          {"topic", "Формирующее оценивание на уроке"},
          {"mentees", {"00000000-0000-7000-8000-000300000002"}},
          {"duration_min", 90},
          {"satisfaction", 5}};
}

std::string keys_of(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + ":" + e.key + " ";
  return out;
}

}  // namespace

TEST_CASE("a valid session passes", "[validation]") {
  CHECK(validate_record(session_schema(), valid_session()).empty());
}

TEST_CASE("each kind of bad input gives a field-level error", "[validation]") {
  struct Case { const char* field; json value; const char* key; };
  const std::vector<Case> cases = {
      {"topic", nullptr, "validation.required"},
      {"topic", "", "validation.required"},
      {"topic", 42, "validation.type_text"},
      {"duration_min", "ninety", "validation.type_int"},
      {"duration_min", 0, "validation.range"},
      {"satisfaction", 6, "validation.range"},
      {"date", "20.11.2026", "validation.date_format"},
      {"date", "2026-02-30", "validation.date_format"},
      {"format", "by pigeon", "validation.enum"},
      {"stage", "nonsense", "validation.enum"},
      {"mentor_id", "Иванов", "validation.ref_format"},
      {"mentees", "not a list", "validation.type_set"},
      {"mentees", json::array({"x"}), "validation.ref_format"},
      {"next_date", "2026-11-01", "validation.date_order"},
      {"mood", "good", "validation.unknown_field"},
      {"topic", std::string(501, 'a'), "validation.too_long"},
  };
  for (const auto& c : cases) {
    json record = valid_session();
    if (c.value.is_null()) record.erase(c.field);
    else record[c.field] = c.value;
    const auto errors = validate_record(session_schema(), record);
    INFO(c.field << " = " << c.value.dump() << " gave: " << keys_of(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == c.field);
    CHECK(errors[0].key == c.key);
  }
}

TEST_CASE("all problems are reported, not just the first", "[validation]") {
  const auto errors = validate_record(session_schema(), json{{"date", "bad"}});
  // missing mentor_id, format, stage, topic + bad date
  CHECK(errors.size() == 5);
}

TEST_CASE("a self-assessment needs a person or a school", "[validation]") {
  const auto& schema = *DomainSchema::instance().entity("self_assessment");
  json record = {{"instrument_id", "teacher_deficits"}, {"instrument_version", 1},
                 {"date", "2026-10-01"}, {"answers", json::object()}};
  auto errors = validate_record(schema, record);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].key == "validation.one_of_required");
  record["person_id"] = "00000000-0000-7000-8000-000300000001";
  CHECK(validate_record(schema, record).empty());
}

TEST_CASE("errors render in Russian and English from the catalogs", "[validation][i18n]") {
  auto ru = Catalog::load(NASTAVNIK_TEST_ASSETS "/i18n", "ru");
  auto en = Catalog::load(NASTAVNIK_TEST_ASSETS "/i18n", "en");
  REQUIRE(ru.ok());
  REQUIRE(en.ok());
  json record = valid_session();
  record.erase("topic");
  record["satisfaction"] = 9;
  const auto errors = validate_record(session_schema(), record);
  REQUIRE(errors.size() == 2);
  const std::string ru_text = render_errors(errors, *ru);
  const std::string en_text = render_errors(errors, *en);
  CHECK_THAT(ru_text, Catch::Contains(ru->field_label("mentoring_session", "topic")));
  CHECK_THAT(ru_text, Catch::Contains("5"));
  CHECK_THAT(en_text, Catch::Contains(en->field_label("mentoring_session", "topic")));
  CHECK(ru_text != en_text);
  CHECK(ru_text.find("{") == std::string::npos);  // every placeholder filled
  CHECK(en_text.find("{") == std::string::npos);
}

TEST_CASE("both catalogs have the same keys and label every schema field and enum", "[i18n]") {
  auto ru = Catalog::load(NASTAVNIK_TEST_ASSETS "/i18n", "ru");
  auto en = Catalog::load(NASTAVNIK_TEST_ASSETS "/i18n", "en");
  REQUIRE(ru.ok());
  REQUIRE(en.ok());
  for (const auto& [key, text] : ru->texts()) {
    INFO(key);
    CHECK(en->has(key));
  }
  CHECK(ru->texts().size() == en->texts().size());
  for (const auto& entity : DomainSchema::instance().entities()) {
    CHECK(ru->has("entity." + entity.name));
    for (const auto& f : entity.fields) {
      INFO(entity.name << "." << f.name);
      CHECK(ru->field_label(entity.name, f.name) != f.name);
      for (const auto& v : f.enum_values) CHECK(ru->has("enum." + f.enum_name + "." + v));
    }
  }
  CHECK_FALSE(Catalog::load(NASTAVNIK_TEST_ASSETS "/i18n", "xx").ok());
  CHECK_FALSE(Catalog::load(NASTAVNIK_TEST_ASSETS "/i18n", "../ru").ok());
}

TEST_CASE("text refuses control characters other than line breaks and tabs", "[validation][text]") {
  const std::string esc = "красный \x1b[31mтекст";
  const std::string c1 = "CSI \xc2\x9b" "2J";
  for (const std::string& bad : {esc, std::string("bell\x07"), std::string("cr\rlf"), std::string("del\x7f"), c1}) {
    INFO(bad);
    json s = valid_session();
    s["notes"] = bad;
    CHECK(keys_of(validate_record(session_schema(), s)) == "notes:validation.control_character ");
  }
  // Line breaks, tabs, «», № and dashes are text.
  json s = valid_session();
  s["notes"] = "Строка 1\nСтрока 2\tс табуляцией — «кавычки», № 5";
  CHECK(validate_record(session_schema(), s).empty());
  // Elements of text lists too.
  const EntitySchema& pair = *DomainSchema::instance().entity("pair");
  const json p = {{"low_school_id", "00000000-0000-7000-8000-000200000001"},
                  {"partner_school_id", "00000000-0000-7000-8000-000200000002"},
                  {"problem_zones", {"ok", "bad\x1b]0;title\x07"}}};
  CHECK(keys_of(validate_record(pair, p)) == "problem_zones:validation.control_character ");
}

TEST_CASE("printed text has its control characters escaped, whatever was stored", "[text]") {
  CHECK(escape_control_characters("a\x1b[31mb\nc\td\x7f\xc2\x9bz «№»") ==
        "a\\u001b[31mb\nc\td\\u007f\\u009bz «№»");
  std::ostringstream out;
  {
    EscapeControlCharacters guard(out);
    out << "x\x1b" << "y\xc2";  // a C1 control split across two writes
    out << "\x9b" << "z\xc2\xab";  // then «, whose lead byte is the same 0xC2
  }
  CHECK(out.str() == "x\\u001by\\u009bz\xc2\xab");
}

TEST_CASE("an op's values are checked one by one; record-level rules wait for the record", "[validation][ops]") {
  const auto op_with = [](json fields) {
    Op op;
    op.kind = OpKind::kUpsert;
    op.entity = "mentoring_session";
    op.id = "00000000-0000-7000-8000-000500000001";
    op.fields = std::move(fields);
    return op;
  };
  // One field of a session: the required ones are elsewhere (in earlier ops), not missing.
  CHECK(check_op_shape(op_with({{"satisfaction", 4}})).ok());
  CHECK(check_op_shape(op_with({{"topic", "Смысловое чтение, 5 «Б», школа № 2 — разбор"}})).ok());
  CHECK(check_op_shape(op_with({{"next_date", "2026-01-01"}})).ok());  // the date order is a record's rule
  CHECK(check_op_shape(op_with({{"notes", nullptr}})).ok());            // a cleared field

  const auto refusal = [&](json fields) {
    const Status s = check_op_shape(op_with(std::move(fields)));
    CHECK(s.code() == StatusCode::kInvalidArgument);
    return s.message();
  };
  CHECK(refusal({{"satisfaction", 6}}) == "mentoring_session.satisfaction: validation.range");
  CHECK(refusal({{"satisfaction", "four"}}) == "mentoring_session.satisfaction: validation.type_int");
  CHECK(refusal({{"format", "by pigeon"}}) == "mentoring_session.format: validation.enum");
  CHECK(refusal({{"date", "2026-02-30"}}) == "mentoring_session.date: validation.date_format");
  CHECK(refusal({{"topic", std::string(501, 'x')}}) == "mentoring_session.topic: validation.too_long");
  CHECK(refusal({{"mentor_id", "not-an-id"}}) == "mentoring_session.mentor_id: validation.ref_format");
  CHECK(refusal({{"colour", "red"}}) == "mentoring_session has no field 'colour'");

  Op bad_element = op_with(json::object());
  bad_element.added["mentees"] = {"not-an-id"};
  CHECK(check_op_shape(bad_element).message() == "mentoring_session.mentees: validation.ref_format");

  const EntitySchema& session = *DomainSchema::instance().entity("mentoring_session");
  CHECK(validate_value(session, *session.field("satisfaction"), 3).empty());
  CHECK(validate_value(session, *session.field("satisfaction"), nullptr).empty());
  const auto errors = validate_value(session, *session.field("satisfaction"), 0);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].field == "satisfaction");
  CHECK(errors[0].params.at("min") == "1");
}
