#include "client/ui/widgets/text_fit.h"

#include <imgui.h>

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

}  // namespace nastavnik::ui::widgets
