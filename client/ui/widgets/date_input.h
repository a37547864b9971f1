#pragma once
// A date field as the reader writes dates: ДД.ММ.ГГГГ in Russian (also accepting ISO and
// two-digit years), YYYY-MM-DD in English, with a calendar button beside it. The value the
// caller keeps is the ISO date ("2026-12-20"), the format of storage and of the wire; text
// that is not (yet) a real date is kept as typed, gets a red frame, and the catalog's
// explanation under the field once it loses focus, so nothing invalid is ever sent.

#include <string>

#include "shared/i18n/catalog.h"

namespace nastavnik::ui::widgets {

// True when the value changed (typed or picked).
bool DateInput(const char* id, std::string* date, const Catalog& text);

// True for "" or a valid ISO date (what a form may submit for an optional date).
bool DateOk(const std::string& date);

// The ISO date as it is typed in `lang` ("20.12.2026" in Russian); other text as it is.
std::string TypedDate(const std::string& iso, const std::string& lang);

}  // namespace nastavnik::ui::widgets
