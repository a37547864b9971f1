// The message catalogs as a reader meets them: every key in both languages, every pattern
// a valid ICU MessageFormat, Russian plurals with their three forms, numbers with a decimal
// comma, dates as each language writes them, dates typed the Russian way. Expected strings
// are written out by hand.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "shared/core/csv_writer.h"
#include "shared/i18n/catalog.h"
#include "shared/i18n/message.h"

using nastavnik::Catalog;
using nastavnik::Message;

namespace {

Catalog load(const std::string& lang) {
  auto c = Catalog::load(std::string(NASTAVNIK_TEST_ASSETS) + "/i18n", lang);
  REQUIRE(c.ok());
  return std::move(c).value();
}

std::set<std::string> keys(const Catalog& c) {
  std::set<std::string> out;
  for (const auto& [k, v] : c.texts()) out.insert(k);
  return out;
}

}  // namespace

TEST_CASE("both catalogs have the same keys, and every pattern compiles", "[i18n]") {
  const Catalog ru = load("ru"), en = load("en");
  CHECK(keys(ru) == keys(en));
  for (const Catalog* c : {&ru, &en}) {
    INFO("language " << c->lang());
    for (const auto& [key, pattern] : c->texts()) {
      if (pattern.find('{') == std::string::npos) continue;
      (void)c->render(Message(key).with("count", 2));
    }
    // A pattern that does not compile is noted as "<key> (pattern does not compile)".
    CHECK(c->missing_keys().empty());
  }
}

TEST_CASE("every Russian plural has its one, few and many forms", "[i18n]") {
  const Catalog ru = load("ru");
  for (const auto& [key, pattern] : ru.texts()) {
    if (pattern.find(", plural,") == std::string::npos) continue;
    INFO(key << ": " << pattern);
    CHECK(pattern.find("one {") != std::string::npos);
    CHECK(pattern.find("other {") != std::string::npos);
    // After «из» the noun is genitive («из 1 критерия», «из 2 критериев», «из 5 критериев»):
    // few and many are the same form, which `other` gives.
    if (pattern.find("из {") != std::string::npos) continue;
    CHECK(pattern.find("few {") != std::string::npos);
    CHECK(pattern.find("many {") != std::string::npos);
  }
  CHECK(ru.render(Message("ui.route.progress").with("done", 1).with("total", 1).with("percent", 100)).find(
            "из 1 шага") != std::string::npos);
}

TEST_CASE("counts agree with their nouns in Russian and English", "[i18n]") {
  const Catalog ru = load("ru"), en = load("en");
  auto ru_count = [&](int n) { return ru.render(Message("ui.sessions.count").with("count", n)); };
  auto en_count = [&](int n) { return en.render(Message("ui.sessions.count").with("count", n)); };
  CHECK(ru_count(0) == "Встреч не найдено");
  CHECK(ru_count(1) == "Найдена 1 встреча");
  CHECK(ru_count(2) == "Найдено 2 встречи");
  CHECK(ru_count(5) == "Найдено 5 встреч");
  CHECK(ru_count(11) == "Найдено 11 встреч");
  CHECK(ru_count(21) == "Найдена 21 встреча");
  CHECK(ru_count(22) == "Найдено 22 встречи");
  CHECK(ru_count(25) == "Найдено 25 встреч");
  CHECK(ru_count(111) == "Найдено 111 встреч");
  CHECK(ru_count(1234) == "Найдено 1\u00a0234 встречи");
  CHECK(en_count(0) == "No sessions found");
  CHECK(en_count(1) == "1 session found");
  CHECK(en_count(2) == "2 sessions found");
  CHECK(en_count(5) == "5 sessions found");
  CHECK(en_count(11) == "11 sessions found");
  CHECK(en_count(21) == "21 sessions found");
  CHECK(en_count(22) == "22 sessions found");
  CHECK(en_count(25) == "25 sessions found");
  CHECK(en_count(111) == "111 sessions found");
  CHECK(en_count(1234) == "1,234 sessions found");
  // The changesets of one push: «1 пакет», «2 пакета», «5 пакетов» — never «151 пакетов».
  auto ru_sent = [&](int n) { return ru.render(Message("ui.sync.sent_changesets").with("count", n)); };
  CHECK(ru_sent(1) == "пакет отправлен");
  CHECK(ru_sent(2) == "пакета отправлено");
  CHECK(ru_sent(5) == "пакетов отправлено");
  CHECK(ru_sent(21) == "пакет отправлен");
  CHECK(ru.render(Message("ui.status.pending").with("count", 151)) == "151 изменение не отправлено");
  CHECK(ru.render(Message("ui.status.pending").with("count", 233)) == "233 изменения не отправлено");
  CHECK(ru.render(Message("ui.status.pending").with("count", 1000)) == "1\u00a0000 изменений не отправлено");
}

TEST_CASE("numbers and dates as each language writes them", "[i18n]") {
  const Catalog ru = load("ru"), en = load("en");
  // ICU groups thousands with a no-break space in Russian.
  CHECK(ru.number(1.17, 2) == "1,17");
  CHECK(en.number(1.17, 2) == "1.17");
  CHECK(ru.number(2.5, 1) == "2,5");
  CHECK(ru.number(3.0, 1) == "3");
  CHECK(ru.number(12345, 0) == "12\u00a0345");
  CHECK(en.number(12345, 0) == "12,345");
  CHECK(ru.date("2026-12-20") == "20.12.2026");
  CHECK(ru.date("2027-01-05") == "05.01.2027");
  CHECK(en.date("2026-12-20") == "20 Dec 2026");
  CHECK(ru.date("") == "");
}

TEST_CASE("dates typed as Russians write them become ISO dates; impossible dates are refused", "[i18n]") {
  using nastavnik::parse_typed_date;
  CHECK(parse_typed_date("20.12.2026").iso == "2026-12-20");
  CHECK(parse_typed_date("20.12.2026").ok);
  CHECK(parse_typed_date("5.1.2027").iso == "2027-01-05");
  CHECK(parse_typed_date("20.12.26").iso == "2026-12-20");
  CHECK(parse_typed_date("2026-12-20").iso == "2026-12-20");
  CHECK(parse_typed_date(" 20.12.2026 ").iso == "2026-12-20");
  CHECK(parse_typed_date("29.02.2028").ok);
  CHECK_FALSE(parse_typed_date("29.02.2027").ok);
  CHECK_FALSE(parse_typed_date("30.02.2026").ok);
  CHECK_FALSE(parse_typed_date("2026-02-30").ok);
  CHECK_FALSE(parse_typed_date("31.04.2026").ok);
  CHECK_FALSE(parse_typed_date("20122026").ok);
  CHECK_FALSE(parse_typed_date("20.13.2026").ok);
  CHECK_FALSE(parse_typed_date("").ok);
}

TEST_CASE("CSV for Russian spreadsheets: semicolons, quoting, a byte order mark", "[i18n][csv]") {
  CHECK(nastavnik::csv_separator("ru") == ';');
  CHECK(nastavnik::csv_separator("en") == ',');
  std::ostringstream out;
  nastavnik::CsvWriter csv(out, true, ';');
  csv.write_row({"Школа", "Средний балл"});
  csv.write_row({"МОУ «Волосовская СОШ № 2»", "1,17"});
  csv.write_row({"Заметка; с точкой с запятой", "строка\nвторая \"цитата\""});
  CHECK(out.str() ==
        "\xEF\xBB\xBF"
        "Школа;Средний балл\r\n"
        "МОУ «Волосовская СОШ № 2»;1,17\r\n"
        "\"Заметка; с точкой с запятой\";\"строка\nвторая \"\"цитата\"\"\"\r\n");
  CHECK(csv.rows_written() == 3);
}
