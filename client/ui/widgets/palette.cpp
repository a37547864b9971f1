#include "client/ui/widgets/palette.h"

namespace nastavnik::ui::palette {

ImU32 series_color(int i) {
  static constexpr ImU32 kColors[] = {
      IM_COL32(66, 133, 244, 255),  IM_COL32(240, 160, 50, 255),  IM_COL32(76, 166, 96, 255),
      IM_COL32(214, 69, 65, 255),   IM_COL32(155, 110, 210, 255), IM_COL32(60, 190, 190, 255),
      IM_COL32(220, 120, 180, 255), IM_COL32(180, 180, 80, 255),
  };
  constexpr int kCount = static_cast<int>(sizeof kColors / sizeof kColors[0]);
  return kColors[((i % kCount) + kCount) % kCount];
}

bool Hovering(const ImVec2& a, const ImVec2& b) {
  return ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(a, b);
}

}  // namespace nastavnik::ui::palette
