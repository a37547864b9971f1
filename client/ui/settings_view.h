#pragma once
// Settings: the language, the theme (dark, or light for a bright classroom), the size of
// the text (older eyes), where exports go, and the address of the server this device is
// enrolled with (changed only when the server there has the same key). Language, theme,
// text size and export folder are remembered for the user of the computer.

#include <string>

#include "client/ui/form_state.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class SettingsView : public View {
 public:
  SettingsView() : View("settings", "ui.settings.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawLook(FrameContext& ctx);
  void DrawExports(FrameContext& ctx);
  void DrawServer(FrameContext& ctx);

  std::string export_dir_, export_dir_shown_for_;
  std::string server_url_;
  int font_px_ = 0;  // while the slider is dragged
  FormState server_state_{"change_server"};
};

}  // namespace nastavnik::ui
