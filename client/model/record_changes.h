#pragma once
// What an edit form changed: the form's fields compared with the same form's fields as
// they were right after the record was loaded into it (its "base"). Sending only these as
// command::SaveRecord's update leaves every field the user did not touch alone, so a
// concurrent edit of another field made elsewhere is not overwritten by a stale copy.

#include <nlohmann/json.hpp>

namespace nastavnik::model {

// Fields of `edited` whose value differs from `base`, and null for fields of `base` that
// `edited` no longer has (a cleared field). Both must be JSON objects; anything else gives
// an empty object. An empty result means nothing changed.
nlohmann::json record_changes(const nlohmann::json& base, const nlohmann::json& edited);

}  // namespace nastavnik::model
