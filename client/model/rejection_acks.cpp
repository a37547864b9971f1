#include "client/model/rejection_acks.h"

#include <set>

#include <nlohmann/json.hpp>

namespace nastavnik::model {
namespace {

constexpr const char* kAckKey = "rejections.acknowledged";

Result<std::set<std::string>> acknowledged(const LocalStore& store) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto text, store.meta(kAckKey));
  std::set<std::string> out;
  if (!text) return out;
  const auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_array())
    for (const auto& e : j)
      if (e.is_string()) out.insert(e.get<std::string>());
  return out;
}

}  // namespace

Result<std::vector<Rejection>> open_rejections(const LocalStore& store) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto all, store.rejections(false));
  NASTAVNIK_ASSIGN_OR_RETURN(auto acked, acknowledged(store));
  std::vector<Rejection> out;
  for (auto& r : all)
    if (!acked.count(r.hlc)) out.push_back(std::move(r));
  return out;
}

Status acknowledge_rejections(LocalStore& store) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto all, store.rejections(false));
  NASTAVNIK_ASSIGN_OR_RETURN(auto acked, acknowledged(store));
  for (const auto& r : all) acked.insert(r.hlc);
  return store.set_meta(kAckKey, nlohmann::json(acked).dump());
}

}  // namespace nastavnik::model
