#include "client/model/draft_store.h"

#include <set>

namespace nastavnik::model {
namespace {

using nlohmann::json;

constexpr const char* kIndexKey = "drafts.index";
std::string draft_key(const std::string& key) { return "draft." + key; }

Result<std::set<std::string>> read_index(const LocalStore& store) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto text, store.meta(kIndexKey));
  std::set<std::string> keys;
  if (!text) return keys;
  const json j = json::parse(*text, nullptr, false);
  if (j.is_array())
    for (const auto& k : j)
      if (k.is_string()) keys.insert(k.get<std::string>());
  return keys;
}

Status write_index(LocalStore& store, const std::set<std::string>& keys) {
  return store.set_meta(kIndexKey, json(keys).dump());
}

}  // namespace

Result<std::map<std::string, json>> DraftStore::load(const LocalStore& store) {
  std::map<std::string, json> out;
  NASTAVNIK_ASSIGN_OR_RETURN(auto keys, read_index(store));
  for (const auto& key : keys) {
    NASTAVNIK_ASSIGN_OR_RETURN(auto text, store.meta(draft_key(key)));
    if (!text || text->empty()) continue;
    json fields = json::parse(*text, nullptr, false);
    if (!fields.is_discarded()) out.emplace(key, std::move(fields));
  }
  return out;
}

Status DraftStore::save(LocalStore& store, const std::string& key, const json& fields) {
  if (key.empty()) return Status::InvalidArgument("a draft needs a key");
  // The draft first, then the index: a crash in between loses only this newest draft.
  NASTAVNIK_RETURN_IF_ERROR(store.set_meta(draft_key(key), fields.dump()));
  NASTAVNIK_ASSIGN_OR_RETURN(auto keys, read_index(store));
  if (keys.insert(key).second) return write_index(store, keys);
  return Status::Ok();
}

Status DraftStore::discard(LocalStore& store, const std::string& key) {
  NASTAVNIK_ASSIGN_OR_RETURN(auto keys, read_index(store));
  // The index first: a crash in between leaves an unlisted draft, never a listed stale one.
  if (keys.erase(key)) NASTAVNIK_RETURN_IF_ERROR(write_index(store, keys));
  NASTAVNIK_ASSIGN_OR_RETURN(auto text, store.meta(draft_key(key)));
  if (text && !text->empty()) return store.set_meta(draft_key(key), "");
  return Status::Ok();
}

}  // namespace nastavnik::model
