#pragma once
// App: the desktop client's state between frames. It owns the i18n catalog, the person's
// settings (user_settings.h), the AppModel (once a replica is open), the Shell with every
// view, and what the views asked for. A frame is Frame() (draw from the latest snapshot;
// views only queue) followed by AfterFrame() (post the queued commands to the model, carry
// out app requests, collect a finished CSV export). Nothing here blocks on the network;
// creating or opening the replica is the only disk work done on this thread, once, at
// start or on the first-run screen. Close() saves what forms hold unsaved before the
// window goes.

#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "client/app/app_options.h"
#include "client/app/fonts.h"
#include "client/app/user_settings.h"
#include "client/model/app_model.h"
#include "client/ui/shell.h"
#include "shared/i18n/catalog.h"

namespace nastavnik::app {

class App {
 public:
  explicit App(AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Loads the settings, the catalog and the fonts and opens the replica of the data
  // directory; without one the first-run screen shows. Fails only when the catalogs are
  // missing or the data directory cannot be resolved.
  Status Init(float content_scale, const std::string& renderer);

  // Draws one frame (between PlatformWindow::BeginFrame and Render).
  void Frame(double now_s);
  // After the frame: commands to the model, requests, export results.
  void AfterFrame();
  // The window is closing: every form's unsaved changes are saved as drafts and the model
  // has applied them when this returns.
  void Close();

  // True while something changes without input (a sync or an export runs): the frame loop
  // should not sleep.
  bool animating() const;
  // True once after the text size changed: the window must upload the new font atlas.
  bool TakeFontsChanged() { return std::exchange(fonts_changed_, false); }
  bool first_run() const { return first_run_; }
  AppModel* model() { return model_.get(); }
  ui::Shell& shell() { return shell_; }
  const ui::AppStatus& status() const { return status_; }
  const Fonts& fonts() const { return fonts_; }
  const Catalog& catalog() const { return catalog_; }
  // Blocks until the model applied every command posted so far (screenshots, benchmark).
  void WaitIdle();

 private:
  void HandleShortcuts();
  void Handle(const ui::Request& request);
  void SetLanguage(const std::string& lang);
  void ApplyLook();
  void SaveSettings();
  void OpenModel(const std::string& dir, bool create);
  void StartExport(ui::ExportTable table, const std::string& dir);
  void OpenFolder(const std::string& dir);
  AppModelOptions ModelOptions() const;

  AppOptions options_;
  UserSettings settings_;
  std::filesystem::path settings_path_;
  Catalog catalog_;
  Fonts fonts_;
  float content_scale_ = 1.0f;
  bool fonts_changed_ = false;
  ui::AppStatus status_;
  ui::Outbox outbox_;
  ui::Shell shell_;
  std::unique_ptr<AppModel> model_;
  std::shared_ptr<const AppSnapshot> snapshot_;  // held for the frame being drawn
  AppSnapshot empty_snapshot_;                   // before a replica is open
  bool first_run_ = false;
  bool language_restored_ = false;
  std::optional<std::future<Result<std::filesystem::path>>> export_job_;
};

}  // namespace nastavnik::app
