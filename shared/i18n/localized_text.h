#pragma once
// A text given in several languages, {"ru": ..., "en": ...} as the instruments and the
// indicator catalogue hold it: the reader's language, else Russian, else any; a plain
// string is the same in every language.

#include <string>

#include <nlohmann/json.hpp>

namespace nastavnik {

std::string localized_text(const nlohmann::json& texts, const std::string& lang);

}  // namespace nastavnik
