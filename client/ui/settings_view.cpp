#include "client/ui/settings_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/form_field.h"

namespace nastavnik::ui {

void SettingsView::DrawContent(FrameContext& ctx) {
  if (widgets::BeginForm("settings", ImGui::GetFontSize() * 11.0f)) {
    DrawLook(ctx);
    DrawExports(ctx);
    widgets::EndForm();
  }
  DrawServer(ctx);
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextDisabled("%s", ctx.text.format("ui.settings.kept_in", {{"path", ctx.app.settings_path}}).c_str());
  if (!ctx.app.settings_error.empty()) ErrorText(ctx.app.settings_error);
  ImGui::TextDisabled("%s", ctx.text.format("ui.settings.renderer", {{"renderer", ctx.app.renderer}}).c_str());
}

void SettingsView::DrawLook(FrameContext& ctx) {
  widgets::FormRow(ctx.tr("ui.settings.language").c_str());
  for (const char* lang : kLanguages) {
    ImGui::PushID(lang);
    if (ImGui::RadioButton(ctx.tr(std::string("ui.language.") + lang).c_str(), ctx.app.lang == lang) &&
        ctx.app.lang != lang)
      ctx.out.request(request::SetLanguage{lang});
    Mark(std::string("settings.lang.") + lang);
    ImGui::PopID();
    ImGui::SameLine();
  }
  ImGui::NewLine();

  widgets::FormRow(ctx.tr("ui.settings.theme").c_str());
  for (const char* theme : {"dark", "light"}) {
    ImGui::PushID(theme);
    if (ImGui::RadioButton(ctx.tr(std::string("ui.settings.theme_") + theme).c_str(), ctx.app.theme == theme) &&
        ctx.app.theme != theme)
      ctx.out.request(request::SetTheme{theme});
    Mark(std::string("settings.theme.") + theme);
    ImGui::PopID();
    ImGui::SameLine();
  }
  ImGui::NewLine();

  widgets::FormRow(ctx.tr("ui.settings.font_size").c_str());
  // The atlas is rebuilt when the slider is let go, not on every step of a drag.
  if (font_px_ == 0) font_px_ = ctx.app.font_px;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
  ImGui::SliderInt("##font", &font_px_, 12, 26, "%d px", ImGuiSliderFlags_AlwaysClamp);
  if (ImGui::IsItemDeactivatedAfterEdit() && font_px_ != ctx.app.font_px) ctx.out.request(request::SetFontSize{font_px_});
  if (!ImGui::IsItemActive()) font_px_ = ctx.app.font_px;
  ImGui::SameLine();
  for (int px : {14, 16, 20, 24}) {
    ImGui::PushID(px);
    if (ImGui::SmallButton(std::to_string(px).c_str())) ctx.out.request(request::SetFontSize{px});
    ImGui::PopID();
    ImGui::SameLine();
  }
  ImGui::NewLine();
  Hint(ctx.tr("ui.settings.font_sample"));
}

void SettingsView::DrawExports(FrameContext& ctx) {
  widgets::FormRow(ctx.tr("ui.settings.export_dir").c_str());
  if (export_dir_shown_for_ != ctx.app.export_dir) {
    export_dir_ = export_dir_shown_for_ = ctx.app.export_dir;
  }
  const std::string apply = ctx.tr("ui.settings.apply");
  const std::string open = ctx.tr("ui.export.open_folder");
  const float buttons = ImGui::CalcTextSize(apply.c_str()).x + ImGui::CalcTextSize(open.c_str()).x +
                        ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x * 2;
  ImGui::SetNextItemWidth(-buttons);
  ImGui::InputText("##export_dir", &export_dir_);
  Mark("settings.export_dir");
  ImGui::SameLine();
  if (Button(apply, !export_dir_.empty() && export_dir_ != ctx.app.export_dir))
    ctx.out.request(request::SetExportDir{export_dir_});
  ImGui::SameLine();
  if (ImGui::Button(open.c_str())) ctx.out.request(request::OpenFolder{ctx.app.export_dir});
  Hint(ctx.tr(ctx.app.lang == "ru" ? "ui.settings.csv_semicolon" : "ui.settings.csv_comma"));
}

void SettingsView::DrawServer(FrameContext& ctx) {
  const view::HomeData& home = ctx.snap.home;
  server_state_.Poll(ctx.snap);
  SectionTitle(ctx, ctx.tr("ui.settings.server"));
  if (!home.enrolled) {
    Hint(ctx.tr("ui.settings.server_not_enrolled"));
    if (ImGui::Button(ctx.tr("ui.home.enroll_now").c_str())) ctx.out.request(request::Navigate{Screen::kSync});
    return;
  }
  ImGui::TextUnformatted(ctx.text.format("ui.home.enrolled", {{"url", home.server_url}}).c_str());
  ImGui::TextDisabled("%s", ctx.text.format("ui.settings.server_key", {{"key", home.server_key_id}}).c_str());
  Hint(ctx.tr("ui.settings.server_change_hint"));
  if (server_url_.empty()) server_url_ = home.server_url;
  const std::string change = ctx.tr("ui.settings.server_change");
  ImGui::SetNextItemWidth(-(ImGui::CalcTextSize(change.c_str()).x + ImGui::GetStyle().FramePadding.x * 2 +
                            ImGui::GetStyle().ItemSpacing.x));
  ImGui::InputTextWithHint("##server_url", "https://…", &server_url_);
  ImGui::SameLine();
  if (Button(change, !server_state_.pending() && !server_url_.empty() && server_url_ != home.server_url &&
                         !ctx.snap.sync.running))
    server_state_.Post(ctx, command::ChangeServerAddress{server_url_});
  if (server_state_.pending()) Hint(ctx.tr("ui.sync.checking_server"));
  const std::string error = server_state_.GeneralError(ctx.text, {});
  if (!error.empty()) {
    ErrorText(error);
    if (!server_state_.detail().empty()) ReasonTooltip(server_state_.detail());
  } else if (!server_state_.message().empty()) {
    SuccessText(ctx.text.render(server_state_.message()));
  }
}

}  // namespace nastavnik::ui
