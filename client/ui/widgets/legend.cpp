#include "client/ui/widgets/legend.h"

#include <algorithm>

#include "client/ui/widgets/text_fit.h"

namespace nastavnik::ui::widgets {

void DrawMarker(ImDrawList* dl, const ImVec2& at, float r, ImU32 color, int shape) {
  switch (((shape % 4) + 4) % 4) {
    case 0:
      dl->AddCircleFilled(at, r, color);
      break;
    case 1:
      dl->AddRectFilled(ImVec2(at.x - r, at.y - r), ImVec2(at.x + r, at.y + r), color);
      break;
    case 2:
      dl->AddTriangleFilled(ImVec2(at.x, at.y - r * 1.2f), ImVec2(at.x + r * 1.1f, at.y + r * 0.8f),
                            ImVec2(at.x - r * 1.1f, at.y + r * 0.8f), color);
      break;
    default:
      dl->AddQuadFilled(ImVec2(at.x, at.y - r * 1.3f), ImVec2(at.x + r * 1.3f, at.y), ImVec2(at.x, at.y + r * 1.3f),
                        ImVec2(at.x - r * 1.3f, at.y), color);
      break;
  }
}

void Legend(const std::vector<LegendEntry>& entries) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line_h = ImGui::GetTextLineHeight();
  const float mark_w = line_h * 1.1f;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float right = ImGui::GetCursorScreenPos().x + avail;
  // An entry never takes more than half the width (two columns at least): longer labels
  // are shortened, whole in the tooltip.
  const float max_label = std::max(avail * 0.5f - mark_w - style.ItemSpacing.x * 3.0f, ImGui::GetFontSize() * 4.0f);
  for (size_t i = 0; i < entries.size(); ++i) {
    const LegendEntry& e = entries[i];
    ImGui::PushID(static_cast<int>(i));
    const std::string label = Ellipsize(e.label, max_label);
    const float item_w = mark_w + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str()).x;
    if (i > 0) {
      ImGui::SameLine(0, style.ItemSpacing.x * 2.5f);
      if (ImGui::GetCursorScreenPos().x + item_w > right) ImGui::NewLine();
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float cy = p.y + line_h * 0.5f;
    const float sq = line_h * 0.65f;
    switch (e.mark) {
      case LegendMark::kSquare:
        dl->AddRectFilled(ImVec2(p.x, cy - sq * 0.5f), ImVec2(p.x + sq, cy + sq * 0.5f), e.color);
        break;
      case LegendMark::kOutline:
        dl->AddRect(ImVec2(p.x, cy - sq * 0.5f), ImVec2(p.x + sq, cy + sq * 0.5f), e.color, 0, 0, 2.0f);
        break;
      case LegendMark::kLine:
        dl->AddLine(ImVec2(p.x, cy), ImVec2(p.x + mark_w, cy), e.color, 2.0f);
        DrawMarker(dl, ImVec2(p.x + mark_w * 0.5f, cy), line_h * 0.22f, e.color, e.shape);
        break;
    }
    ImGui::Dummy(ImVec2(e.mark == LegendMark::kLine ? mark_w : sq, line_h));
    ImGui::SameLine(0, style.ItemInnerSpacing.x);
    ImGui::TextUnformatted(label.c_str());
    if (label != e.label && ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
      ImGui::TextUnformatted(e.label.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
}

}  // namespace nastavnik::ui::widgets
