#include "client/ui/icons.h"

namespace nastavnik::ui {
namespace {
bool g_icons = false;
}  // namespace

void SetIconsAvailable(bool available) { g_icons = available; }

std::string Icon(const char* glyph) { return g_icons ? std::string(glyph) + " " : std::string(); }

}  // namespace nastavnik::ui
