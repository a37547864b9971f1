#include "syncserver/store/store_address.h"

#include <regex>

namespace nastavnik::server {

std::string StoreAddress::display() const {
  if (engine == Engine::kSqlite) return "sqlite:" + target;
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db
  static const std::regex kPassword(R"(^(postgres(?:ql)?://[^:/@]*:)[^@]*@)");
  return std::regex_replace(target, kPassword, "$1***@");
}

Result<StoreAddress> parse_store_address(const std::string& text) {
  if (text.empty()) return Status::InvalidArgument("the store address is empty");
  StoreAddress a;
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    a.engine = StoreAddress::Engine::kPostgresql;
    a.target = text;
    return a;
  }
  if (text.starts_with("sqlite:")) {
    a.target = text.substr(7);
    if (a.target.starts_with("//")) a.target = a.target.substr(2);  // sqlite:///var/... as well
    if (a.target.empty()) return Status::InvalidArgument("sqlite: needs the store file after it, e.g. sqlite:/var/lib/nastavnik/central.db");
    return a;
  }
  // A scheme other than ours ("mysql://...") is a mistake, not a file name.
  static const std::regex kScheme(R"(^[A-Za-z][A-Za-z0-9+.-]*://)");
  if (std::regex_search(text, kScheme))
    return Status::InvalidArgument("unknown store address '" + text + "': use sqlite:PATH or postgresql://...");
  a.target = text;
  return a;
}

}  // namespace nastavnik::server
