#include "client/ui/widgets/table_headers.h"

#include <imgui.h>

#include <string>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/text_fit.h"

namespace nastavnik::ui::widgets {

void HeadersRow() {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  const int columns = ImGui::TableGetColumnCount();
  for (int c = 0; c < columns; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const std::string name = ImGui::TableGetColumnName(c);
    // Room for the sort arrow ImGui may draw beside a sortable column's name.
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 0.2f;
    const std::string shown = Ellipsize(name, room);
    ImGui::PushID(c);
    ImGui::TableHeader(shown.c_str());
    if (shown != name && ImGui::IsItemHovered()) WrappedTooltip(name);
    ImGui::PopID();
  }
}

}  // namespace nastavnik::ui::widgets
