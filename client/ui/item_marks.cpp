#include "client/ui/item_marks.h"

#include <imgui.h>

#include <vector>

namespace nastavnik::ui {
namespace {

bool g_enabled = false;
std::map<std::string, MarkedRect> g_marks;
std::vector<std::string> g_scopes;

}  // namespace

void Mark(const std::string& name) {
  if (!g_enabled) return;
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  g_marks[name] = MarkedRect{a.x, a.y, b.x, b.y, ImGui::IsItemVisible()};
}

void PushMarkScope(const std::string& scope) {
  if (g_enabled) g_scopes.push_back(scope);
}

void PopMarkScope() {
  if (g_enabled && !g_scopes.empty()) g_scopes.pop_back();
}

void MarkInScope(const std::string& suffix) {
  if (!g_enabled || g_scopes.empty()) return;
  Mark(suffix.empty() ? g_scopes.back() : g_scopes.back() + "." + suffix);
}

void EnableMarks(bool on) { g_enabled = on; }
bool MarksEnabled() { return g_enabled; }
const std::map<std::string, MarkedRect>& Marks() { return g_marks; }
void ClearMarks() { g_marks.clear(); }

}  // namespace nastavnik::ui
