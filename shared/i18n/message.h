#pragma once
// A message for a person, as a catalog key and its arguments, never as a sentence: the
// model, the sync layer's outcomes and the CLI's commands publish these, and only the
// reader's Catalog (catalog.h) turns one into text, in the reader's language, with plural
// forms and number formats from ICU. Numbers travel as numbers so that "{count, plural,
// one {# пакет} few {# пакета} many {# пакетов} other {# пакета}}" can choose the form.

#include <concepts>
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace nastavnik {

using MessageArg = std::variant<std::string, int64_t, double>;

struct Message {
  std::string key;  // catalog key, e.g. "sync.error.offline"
  std::vector<std::pair<std::string, MessageArg>> args;

  Message() = default;
  explicit Message(std::string k) : key(std::move(k)) {}
  Message& with(std::string name, std::string value) {
    args.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  Message& with(std::string name, const char* value) { return with(std::move(name), std::string(value)); }
  template <std::integral Integer>
  Message& with(std::string name, Integer value) {
    args.emplace_back(std::move(name), static_cast<int64_t>(value));
    return *this;
  }
  Message& with(std::string name, double value) {
    args.emplace_back(std::move(name), value);
    return *this;
  }
  bool empty() const { return key.empty(); }
  bool operator==(const Message&) const = default;
};

// "key{name=value, …}": for logs and test reports, never for people.
inline std::ostream& operator<<(std::ostream& out, const Message& m) {
  out << m.key << '{';
  const char* sep = "";
  for (const auto& [name, value] : m.args) {
    out << sep << name << '=';
    std::visit([&out](const auto& v) { out << v; }, value);
    sep = ", ";
  }
  return out << '}';
}

}  // namespace nastavnik
