#pragma once
// Form layout: a two-column table with labels on the left and inputs on the right, and the
// inline error of a field right under its input.
//
//   if (BeginForm("session", 200)) {
//     FormRow(label, /*required=*/true);
//     changed |= TextField("##topic", &topic);
//     FormError(errors.message("topic"));
//     EndForm();
//   }

#include <string>

namespace nastavnik::ui::widgets {

// Starts a form; `label_width` is the width of the label column in pixels. Call EndForm()
// only when it returns true.
bool BeginForm(const char* id, float label_width);
void EndForm();
// Starts a row: draws the label (with a mark when required) and moves to the input column;
// the next widget takes the full width of the column.
void FormRow(const char* label, bool required = false);
// Red wrapped text under the input; nothing when `message` is empty.
void FormError(const std::string& message);

// A single-line text input of the full available width. True when the text changed.
bool TextField(const char* id, std::string* value, const char* hint = nullptr);
// A multi-line text input of the full available width that wraps long lines at words
// (the stored text keeps only the person's own line breaks) and grows with its text from
// `min_lines` to ten lines, then scrolls.
bool TextArea(const char* id, std::string* value, int min_lines = 3);
// An optional integer shown as a text field ("" = not set). True when it changed.
bool OptionalIntField(const char* id, int* value, bool* set, int min, int max);

}  // namespace nastavnik::ui::widgets
