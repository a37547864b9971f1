#include "tests/bench/session_generator.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace nastavnik::bench {
namespace {

using nlohmann::json;

struct Assignment {
  std::string pair, kind, mentor, mode;
  std::vector<std::string> mentees;
  std::vector<std::string> pair_topics;
};

constexpr std::array<const char*, 8> kStages = {"theory",           "positive_experience", "trial_lessons",
                                                "joint_analysis",   "recommendations",     "individual_trials",
                                                "mentoring_groups", "joint_summary"};

// Topic templates per stage of the "learning by action" chain; {n} is the meeting number.
constexpr std::array<const char*, 16> kTopics = {
    "Смысловое чтение: приёмы «до, во время, после чтения» — занятие № {n}",
    "Формирующее оценивание — критерии и «лист самооценки» (встреча № {n})",
    "Открытый урок наставника: «Функциональная грамотность на уроке математики», 7-й класс",
    "Деловая игра «Урок — это диалог» для учителей начальных классов",
    "Пробный урок по теме «Текст-рассуждение»: подготовка и разбор — № {n}",
    "Совместный анализ пробного урока по протоколу наблюдения (итоги — см. протокол № {n})",
    "Методические рекомендации: задания ФИОКО и ВПР — типичные затруднения",
    "Индивидуальная апробация: приём «Верные и неверные утверждения» в 5–6 классах",
    "Работа наставнической группы — взаимопосещение уроков, цикл № {n}",
    "Подведение итогов этапа «обучения действием»: что получилось, что — нет",
    "Организация групповой работы на уроке: роли, правила, «карточки-помощники»",
    "Дифференцированные домашние задания — три уровня сложности (занятие № {n})",
    "Работа с обучающимися группы риска: индивидуальный маршрут на четверть",
    "Проектная задача «Школьный двор — 2030»: планирование и оценивание",
    "Цифровые ресурсы на уроке: «Моя школа», ЦОК — практикум № {n}",
    "Рефлексия на уроке: приёмы «Светофор», «Три М», «Незаконченное предложение»"};

constexpr std::array<const char*, 12> kNotes = {
    "Разобрали фрагменты двух уроков; учитель отметил, что ученики 6 «Б» лучше включаются в работу в парах.",
    "Обсудили результаты диагностической работы: 38 % обучающихся не справились с заданием на извлечение "
    "информации из текста.",
    "Наставник показал приём «Инсерт» на тексте учебника (§ 14); договорились попробовать его на уроке "
    "литературы.",
    "Учитель подготовил технологическую карту урока — замечания по этапу целеполагания внесены.",
    "Выявлены затруднения при составлении критериев оценивания — нужна дополнительная консультация.",
    "Проведено взаимопосещение: урок русского языка в 5 «А», тема «Имя существительное как часть речи».",
    "Сформулированы три вопроса к методическому объединению — по оцениванию, по домашним заданиям и по "
    "работе с одарёнными детьми.",
    "Встреча прошла онлайн (связь неустойчивая); материалы отправлены на почту школы.",
    "Учитель апробировал лист самооценки в двух классах — ученики заполняют его 3–4 минуты.",
    "Обсуждали, как перестроить урок так, чтобы на самостоятельную работу оставалось не менее 15 минут.",
    "Отмечен рост активности учеников на этапе рефлексии; обратная связь — письменная и устная.",
    "Запланировано совместное выступление на педсовете № 3 «Результаты наставничества: первые итоги»."};

constexpr std::array<const char*, 8> kActions = {
    "Провести пробный урок с новым приёмом до следующей встречи, прислать конспект.",
    "Подготовить три задания на функциональную грамотность — по одному на каждый уровень.",
    "Посетить открытый урок наставника; заполнить протокол наблюдения.",
    "Составить критерии оценивания к проверочной работе и согласовать их с тьютором.",
    "Внести изменения в ИОМ: добавить шаг «Апробация приёма „Инсерт“».",
    "Собрать работы учеников (не менее 10) для совместного анализа.",
    "Выступить на ШМО с кратким сообщением — 5–7 минут.",
    "Подобрать тексты для смыслового чтения на четверть — 8–10 текстов."};

constexpr std::array<const char*, 6> kReflections = {
    "Приём работает, но нужно больше времени на обратную связь.",
    "Было полезно увидеть урок со стороны — многое стало понятнее.",
    "Пока сложно удерживать темп урока; попробую сократить вводную часть.",
    "Ученикам понравилось работать в группах — шумно, но продуктивно.",
    "Нужна помощь с критериями оценивания — сама не справляюсь.",
    "Чувствую уверенность; готова провести открытый урок для коллег."};

std::vector<Assignment> load_assignments(const json& registry) {
  std::map<std::string, std::vector<std::string>> topics;
  for (const auto& r : registry.value("records", json::array()))
    if (r.value("entity", "") == "pair")
      for (const auto& t : r["fields"].value("topics", json::array())) topics[r.value("id", "")].push_back(t);
  std::vector<Assignment> out;
  for (const auto& r : registry.value("records", json::array())) {
    if (r.value("entity", "") != "assignment") continue;
    const json& f = r["fields"];
    Assignment a{f.value("pair_id", ""), f.value("kind", ""), f.value("mentor_id", ""), f.value("mode", "offline"), {},
                 {}};
    for (const auto& m : f.value("mentee_ids", json::array())) a.mentees.push_back(m.get<std::string>());
    a.pair_topics = topics[a.pair];
    out.push_back(std::move(a));
  }
  return out;
}

std::string replace_number(std::string text, int n) {
  const auto at = text.find("{n}");
  if (at != std::string::npos) text.replace(at, 3, std::to_string(n));
  return text;
}

// Days since 1970-01-01 for a civil date, and back (H. Hinnant's algorithms).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y + (m <= 2)), m, d);
  return buf;
}

}  // namespace

std::string add_days(const std::string& date, int days) {
  const int64_t y = std::stoll(date.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoul(date.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoul(date.substr(8, 2)));
  return civil_from_days(days_from_civil(y, m, d) + days);
}

Result<std::vector<json>> generate_sessions(const std::filesystem::path& registry_file, const GeneratorOptions& o) {
  std::ifstream in(registry_file, std::ios::binary);
  if (!in) return Status::NotFound("cannot read the demo registry " + registry_file.string());
  const json registry = json::parse(in, nullptr, false);
  if (!registry.is_object()) return Status::InvalidArgument(registry_file.string() + " is not a registry file");
  std::vector<Assignment> assignments;
  for (auto& a : load_assignments(registry)) {
    const bool involved =
        o.person.empty() || a.mentor == o.person ||
        std::find(a.mentees.begin(), a.mentees.end(), o.person) != a.mentees.end();
    if (involved && !a.mentees.empty()) assignments.push_back(std::move(a));
  }
  if (assignments.empty()) return Status::NotFound("no assignment in the registry involves person " + o.person);

  std::mt19937_64 rng(o.seed);
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  std::vector<json> out;
  out.reserve(o.count);
  for (size_t i = 0; i < o.count; ++i) {
    const Assignment& a = assignments[pick(assignments.size())];
    const size_t stage = (i / assignments.size()) % kStages.size();
    const int meeting = static_cast<int>(i / assignments.size()) + 1;
    const std::string date = add_days(o.first_date, static_cast<int>(pick(static_cast<size_t>(o.days))));
    std::string topic = (!a.pair_topics.empty() && pick(4) == 0) ? a.pair_topics[pick(a.pair_topics.size())]
                                                                  : replace_number(kTopics[pick(kTopics.size())], meeting);
    json mentees = json::array();
    if (a.kind == "teacher_teacher" && a.mentees.size() > 1 && pick(3) == 0)
      mentees.push_back(a.mentees[pick(a.mentees.size())]);
    else
      for (const auto& m : a.mentees) mentees.push_back(m);
    json s = {{"pair_id", a.pair},
              {"mentor_id", a.mentor},
              {"mentees", mentees},
              {"date", date},
              {"duration_min", 30 + 15 * static_cast<int>(pick(5))},
              {"format", pick(4) == 0 ? (a.mode == "online" ? "offline" : "online") : a.mode},
              {"stage", kStages[stage]},
              {"topic", topic}};
    std::string notes = kNotes[pick(kNotes.size())];
    if (pick(2) == 0) notes += std::string(" ") + kNotes[pick(kNotes.size())];
    s["notes"] = notes;
    s["agreed_actions"] = kActions[pick(kActions.size())];
    if (pick(3) != 0) s["next_date"] = add_days(date, 7 + 7 * static_cast<int>(pick(3)));
    if (pick(2) == 0) s["reflection"] = kReflections[pick(kReflections.size())];
    if (pick(3) != 0) s["satisfaction"] = 3 + static_cast<int>(pick(3));
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<json>> read_sessions_jsonl(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path.string());
  std::vector<json> out;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (!j.is_object())
      return Status::InvalidArgument(path.string() + " line " + std::to_string(n) +
                                     ": not a JSON object (one mentoring session per line is expected)");
    out.push_back(std::move(j));
  }
  if (out.empty()) return Status::InvalidArgument(path.string() + " holds no records");
  return out;
}

std::string jsonl_line(const json& record) { return record.dump(-1, ' ', false, json::error_handler_t::replace); }

Result<uint64_t> write_sessions_jsonl(const std::filesystem::path& path, const std::vector<json>& records) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError("cannot write " + path.string());
  uint64_t bytes = 0;
  for (const auto& r : records) {
    const std::string line = jsonl_line(r);
    out << line << '\n';
    bytes += line.size() + 1;
  }
  out.close();
  if (!out) return Status::IoError("cannot write " + path.string());
  return bytes;
}

}  // namespace nastavnik::bench
