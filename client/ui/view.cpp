#include "client/ui/view.h"

#include <imgui.h>

namespace nastavnik::ui {

void View::Draw(FrameContext& ctx, const ImVec2& pos, const ImVec2& size) {
  window_name_ = ctx.tr(title_key_) + "###" + id_;
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin(window_name_.c_str(), nullptr, kFlags)) DrawContent(ctx);
  ImGui::End();
}

}  // namespace nastavnik::ui
