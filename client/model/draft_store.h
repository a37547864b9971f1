#pragma once
// Drafts of unsaved forms, kept in the replica's meta table so they survive closing the
// program or a crash: "draft.<key>" holds the form's fields as JSON and "drafts.index" the
// list of keys (meta has no listing). The two writes are ordered so that a crash between
// them loses at most the draft being saved and never brings back a discarded one.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "client/store/local_store.h"

namespace nastavnik::model {

class DraftStore {
 public:
  // Every stored draft by key. A damaged draft is skipped, not fatal: it is only a draft.
  static Result<std::map<std::string, nlohmann::json>> load(const LocalStore& store);
  // InvalidArgument for an empty key.
  static Status save(LocalStore& store, const std::string& key, const nlohmann::json& fields);
  // Removing an absent draft is Ok.
  static Status discard(LocalStore& store, const std::string& key);
};

}  // namespace nastavnik::model
