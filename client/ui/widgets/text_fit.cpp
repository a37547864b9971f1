#include "client/ui/widgets/text_fit.h"

#include <imgui.h>

#include <algorithm>

namespace nastavnik::ui::widgets {

std::string Ellipsize(const std::string& text, float max_width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= max_width) return text;
  static const std::string kEllipsis = "…";
  const float room = max_width - ImGui::CalcTextSize(kEllipsis.c_str()).x;
  // Binary search on character boundaries for the longest prefix that fits.
  size_t lo = 0, hi = text.size();
  while (lo < hi) {
    size_t mid = (lo + hi + 1) / 2;
    while (mid > lo && (static_cast<unsigned char>(text[mid]) & 0xC0) == 0x80) --mid;
    if (mid == lo) break;
    if (ImGui::CalcTextSize(text.c_str(), text.c_str() + mid).x <= room) lo = mid;
    else hi = mid - 1;
  }
  while (lo > 0 && (lo < text.size() && (static_cast<unsigned char>(text[lo]) & 0xC0) == 0x80)) --lo;
  std::string out = text.substr(0, lo);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + kEllipsis;
}

namespace {

float WidestWord(const std::string& text) {
  float widest = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(" \n\t", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) widest = std::max(widest, ImGui::CalcTextSize(text.c_str() + start, text.c_str() + end).x);
    start = end + 1;
  }
  return widest;
}

}  // namespace

void WordWrappedText(const std::string& text, bool muted) {
  const float room = ImGui::GetContentRegionAvail().x;
  if (muted) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  const bool fits = WidestWord(text) <= room;
  if (fits) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
  } else {
    ImGui::TextUnformatted(Ellipsize(text, room).c_str());
  }
  if (muted) ImGui::PopStyleColor();
  if (!fits && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace nastavnik::ui::widgets
