#include "client/ui/widgets/gantt_chart.h"

#include <algorithm>
#include <chrono>

#include "client/ui/widgets/palette.h"
#include "shared/domain/validation.h"

namespace nastavnik::ui::widgets {
namespace {

// Days since 1970 of an ISO date (0 for text that is not one).
int DayNumber(const std::string& iso) {
  if (!is_iso_date(iso)) return 0;
  using namespace std::chrono;
  const year_month_day d{year{std::stoi(iso.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                         day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
  return static_cast<int>(sys_days{d}.time_since_epoch().count());
}

int FirstOfMonth(int day_number, int months_ahead) {
  using namespace std::chrono;
  const year_month_day d{sys_days{days{day_number}}};
  const year_month ym = year_month{d.year(), d.month()} + months{months_ahead};
  return static_cast<int>(sys_days{ym / 1}.time_since_epoch().count());
}

std::string MonthLabel(const Catalog& text, int first_day) {
  using namespace std::chrono;
  const year_month_day d{sys_days{days{first_day}}};
  char key[32];
  std::snprintf(key, sizeof key, "ui.month.%02u", static_cast<unsigned>(d.month()));
  return text.tr(key) + " " + std::to_string(static_cast<int>(d.year()) % 100);
}

}  // namespace

std::string GanttChart(const char* id, const Catalog& text, const std::vector<GanttRow>& rows,
                       const std::vector<LegendEntry>& legend, const std::string& today, const std::string& selected) {
  ImGui::PushID(id);
  Legend(legend);
  std::string clicked;
  int lo = 0, hi = 0;
  for (const auto& row : rows)
    for (const auto& mark : row.marks) {
      const int a = DayNumber(mark.start);
      const int b = std::max(a, DayNumber(mark.end));
      if (a == 0) continue;
      lo = lo == 0 ? a : std::min(lo, a);
      hi = std::max(hi, b);
    }
  if (rows.empty() || lo == 0) {
    ImGui::TextDisabled("%s", text.tr("ui.common.no_data").c_str());
    ImGui::PopID();
    return clicked;
  }
  lo = FirstOfMonth(lo, 0);
  hi = FirstOfMonth(hi, 1);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row_h = ImGui::GetTextLineHeightWithSpacing() * 1.1f;
  const float axis_h = ImGui::GetTextLineHeightWithSpacing();
  if (ImGui::BeginChild("rows", ImVec2(0, 0), false)) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float width = ImGui::GetContentRegionAvail().x;
    const float label_w = std::min(width * 0.4f, ImGui::GetFontSize() * 16.0f);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float x0 = top.x + label_w + style.ItemSpacing.x;
    const float x1 = top.x + width - style.ItemSpacing.x;
    const float per_day = (x1 - x0) / static_cast<float>(std::max(1, hi - lo));
    auto x_of = [&](int day) { return x0 + static_cast<float>(day - lo) * per_day; };

    // The month axis, pinned above the rows.
    const float scroll = ImGui::GetScrollY();
    const float axis_y = top.y + scroll;
    const float label_every = ImGui::CalcTextSize("сен 00").x + style.ItemSpacing.x;
    float last_label_x = -1e9f;
    for (int m = lo; m < hi; m = FirstOfMonth(m, 1)) {
      const float x = x_of(m);
      dl->AddLine(ImVec2(x, axis_y + axis_h), ImVec2(x, axis_y + ImGui::GetWindowHeight()), palette::Grid());
      if (x - last_label_x >= label_every) {
        dl->AddText(ImVec2(x + 2, axis_y), palette::ChartText(), MonthLabel(text, m).c_str());
        last_label_x = x;
      }
    }
    if (const int t = DayNumber(today); t >= lo && t <= hi)
      dl->AddLine(ImVec2(x_of(t), axis_y + axis_h), ImVec2(x_of(t), axis_y + ImGui::GetWindowHeight()),
                  palette::Threshold(), 2.0f);
    ImGui::Dummy(ImVec2(width, axis_h));

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), row_h);
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const GanttRow& row = rows[static_cast<size_t>(i)];
        ImGui::PushID(i);
        const ImVec2 row0 = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##row", !row.id.empty() && row.id == selected, ImGuiSelectableFlags_None,
                              ImVec2(width, row_h - style.ItemSpacing.y)))
          clicked = row.id;
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PushClipRect(row0, ImVec2(row0.x + label_w, row0.y + row_h), true);
        dl->AddText(ImVec2(row0.x, row0.y + (row_h - ImGui::GetTextLineHeight()) * 0.3f), palette::ChartText(),
                    row.label.c_str());
        ImGui::PopClipRect();
        const float cy = row0.y + row_h * 0.42f;
        const GanttMark* under_mouse = nullptr;
        for (const GanttMark& mark : row.marks) {
          const int a = DayNumber(mark.start);
          if (a == 0) continue;
          const int b = std::max(a, DayNumber(mark.end));
          ImVec2 m0, m1;
          if (b > a) {
            m0 = ImVec2(x_of(a), cy - row_h * 0.25f);
            m1 = ImVec2(std::max(x_of(b), x_of(a) + 4), cy + row_h * 0.25f);
            dl->AddRectFilled(m0, m1, mark.color, 3.0f);
          } else {
            const ImVec2 at(x_of(a) + per_day * 0.5f, cy);
            const float r = row_h * 0.26f;
            DrawMarker(dl, at, r, mark.color, 3);
            m0 = ImVec2(at.x - r, at.y - r);
            m1 = ImVec2(at.x + r, at.y + r);
          }
          if (hovered && ImGui::IsMouseHoveringRect(m0, m1)) under_mouse = &mark;
        }
        if (hovered) {
          ImGui::BeginTooltip();
          ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
          ImGui::TextUnformatted(row.label.c_str());
          if (under_mouse) ImGui::TextDisabled("%s", under_mouse->tooltip.c_str());
          else if (row.marks.size() == 1) ImGui::TextDisabled("%s", row.marks.front().tooltip.c_str());
          ImGui::PopTextWrapPos();
          ImGui::EndTooltip();
        }
        ImGui::PopID();
      }
    }
  }
  ImGui::EndChild();
  ImGui::PopID();
  return clicked;
}

}  // namespace nastavnik::ui::widgets
