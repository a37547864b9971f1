#include "client/ui/layout.h"

#include <imgui.h>

#include <algorithm>

#include "client/ui/icons.h"
#include "client/ui/item_marks.h"

namespace nastavnik::ui {

SplitWidths SplitListAndForm(float form_share, float min_form_em) {
  const float total = ImGui::GetContentRegionAvail().x;
  if (form_share <= 0) return {total, 0};
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float min_form = ImGui::GetFontSize() * min_form_em;
  float form = std::max(min_form, total * form_share);
  form = std::min(form, std::max(total * 0.5f, total - min_form));
  return {std::max(0.0f, total - form - spacing), form};
}

FlowRow::FlowRow() : right_(ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x) {}

void FlowRow::Item(float width, const std::function<void()>& draw) {
  if (!first_) {
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + width > right_) ImGui::NewLine();
  }
  first_ = false;
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();  // labels of every item on one baseline
  ImGui::PushItemWidth(width);
  draw();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
}

void FlowRow::End() { first_ = true; }

void SameLineIfFits(float width) {
  ImGui::SameLine();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

float DateColumnWidth() { return ImGui::CalcTextSize("00 Mmm 00000").x; }

void ExportButton(FrameContext& ctx, ExportTable table) {
  const std::string label = Icon(icon::kDownload) + ctx.tr("ui.common.export_csv");
  ImGui::SameLine();
  const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
  if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();  // on its own line when the row is full
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - w));
  ImGui::BeginDisabled(ctx.app.export_running);
  if (ImGui::SmallButton(label.c_str())) ctx.out.request(request::ExportCsv{table, ctx.app.export_dir});
  Mark(std::string("export.") + export_table_stem(table));
  ImGui::EndDisabled();
}

}  // namespace nastavnik::ui
