#include "client/ui/widgets/form_field.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <charconv>
#include <string_view>

#include "client/ui/widgets/palette.h"

namespace nastavnik::ui::widgets {

bool BeginForm(const char* id, float label_width) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX)) return false;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, label_width);
  ImGui::TableSetupColumn("input", ImGuiTableColumnFlags_WidthStretch);
  return true;
}

void EndForm() { ImGui::EndTable(); }

void FormRow(const char* label, bool required) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::AlignTextToFramePadding();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
  if (required)
    ImGui::Text("%s *", label);
  else
    ImGui::TextUnformatted(label);
  ImGui::PopTextWrapPos();
  ImGui::TableSetColumnIndex(1);
  ImGui::SetNextItemWidth(-FLT_MIN);
}

void FormError(const std::string& message) {
  if (message.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, palette::ErrorText());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(message.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

bool TextField(const char* id, std::string* value, const char* hint) {
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (hint) return ImGui::InputTextWithHint(id, hint, value);
  return ImGui::InputText(id, value);
}

namespace {

// Soft line breaks: ImGui's multi-line input does not wrap, so the text it edits carries a
// zero-width space before each break inserted for wrapping; they are taken out again before
// the value leaves the widget, so what is stored has only the person's own line breaks.
constexpr std::string_view kSoftBreak = "\xE2\x80\x8B\n";  // U+200B, '\n'

std::string Unwrap(std::string_view wrapped, int* cursor = nullptr) {
  std::string out;
  out.reserve(wrapped.size());
  int removed_before_cursor = 0;
  for (size_t i = 0; i < wrapped.size();) {
    if (wrapped.substr(i, kSoftBreak.size()) == kSoftBreak) {
      if (cursor && static_cast<int>(i) < *cursor)
        removed_before_cursor += static_cast<int>(std::min<size_t>(kSoftBreak.size(), *cursor - i));
      i += kSoftBreak.size();
      continue;
    }
    out.push_back(wrapped[i++]);
  }
  if (cursor) *cursor -= removed_before_cursor;
  return out;
}

// `text` with soft breaks where a line would pass `width` pixels; `cursor` (a byte offset
// into `text`) is moved along with the text.
std::string Wrap(std::string_view text, float width, int* cursor = nullptr) {
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  const int cursor_in = cursor ? *cursor : 0;
  int added_before_cursor = 0;
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    const char* p = text.data() + line_start;
    const char* end = text.data() + line_end;
    while (p < end) {
      const char* wrap = font->CalcWordWrapPositionA(scale, p, end, std::max(width, 1.0f));
      if (wrap <= p) wrap = p + 1;  // at least one character per row
      while (wrap < end && (static_cast<unsigned char>(*wrap) & 0xC0) == 0x80) ++wrap;  // whole UTF-8 characters
      out.append(p, wrap);
      if (wrap < end) {
        out.append(kSoftBreak);
        if (cursor && static_cast<int>(wrap - text.data()) <= cursor_in)
          added_before_cursor += static_cast<int>(kSoftBreak.size());
      }
      p = wrap;
    }
    if (line_end == text.size()) break;
    out.push_back('\n');
    line_start = line_end + 1;
  }
  if (cursor) *cursor += added_before_cursor;
  return out;
}

struct WrapWidth {
  float pixels;
};

// Re-wraps the text being edited after every change, keeping the cursor where it was.
int RewrapCallback(ImGuiInputTextCallbackData* data) {
  const float width = static_cast<const WrapWidth*>(data->UserData)->pixels;
  int cursor = data->CursorPos;
  const std::string plain = Unwrap(std::string_view(data->Buf, static_cast<size_t>(data->BufTextLen)), &cursor);
  const std::string wrapped = Wrap(plain, width, &cursor);
  if (wrapped != std::string_view(data->Buf, static_cast<size_t>(data->BufTextLen))) {
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, wrapped.data(), wrapped.data() + wrapped.size());
    data->CursorPos = data->SelectionStart = data->SelectionEnd = std::clamp(cursor, 0, data->BufTextLen);
  }
  return 0;
}

}  // namespace

bool TextArea(const char* id, std::string* value, int min_lines) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float outer = ImGui::GetContentRegionAvail().x;
  // Room for the cursor and a trailing space at the end of a row, besides the scrollbar.
  WrapWidth wrap{outer - style.FramePadding.x * 2.0f - style.ScrollbarSize - ImGui::GetFontSize() * 0.6f};
  std::string shown = Wrap(*value, wrap.pixels);
  const int rows = 1 + static_cast<int>(std::count(shown.begin(), shown.end(), '\n'));
  const int visible = std::clamp(rows, std::max(min_lines, 1), std::max(min_lines, 10));
  const float height = ImGui::GetTextLineHeight() * static_cast<float>(visible) + style.FramePadding.y * 2.0f;
  if (!ImGui::InputTextMultiline(id, &shown, ImVec2(-FLT_MIN, height), ImGuiInputTextFlags_CallbackEdit,
                                 RewrapCallback, &wrap))
    return false;
  *value = Unwrap(shown);
  return true;
}

bool OptionalIntField(const char* id, int* value, bool* set, int min, int max) {
  std::string text = *set ? std::to_string(*value) : std::string();
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (!ImGui::InputText(id, &text, ImGuiInputTextFlags_CharsDecimal)) return false;
  if (text.empty()) {
    *set = false;
    return true;
  }
  int parsed = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (ec != std::errc() || end != text.data() + text.size()) return false;  // keep the old value
  *value = std::clamp(parsed, min, max);
  *set = true;
  return true;
}

}  // namespace nastavnik::ui::widgets
