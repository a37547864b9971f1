#pragma once
// A date field: "YYYY-MM-DD" text that accepts only digits and '-'. A non-empty text that
// is not a real calendar date gets a red frame, and `invalid_text` under it once the field
// loses focus, before anything is sent to the model.

#include <string>

namespace nastavnik::ui::widgets {

// True when the text changed. `hint` is shown while empty (e.g. "ГГГГ-ММ-ДД").
bool DateInput(const char* id, std::string* date, const char* hint, const char* invalid_text);

// True for "" or a valid date (what a form may submit for an optional date).
bool DateOk(const std::string& date);

}  // namespace nastavnik::ui::widgets
