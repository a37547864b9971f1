#include "client/app/app.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstring>
#include <ctime>

#include "client/model/user_messages.h"
#include "client/store/data_dir.h"
#include "client/ui/icons.h"
#include "client/ui/item_marks.h"
#include "shared/assets_dir.h"
#include "shared/core/csv_writer.h"

extern char** environ;

namespace nastavnik::app {
namespace {

// Where earlier versions kept the language chosen last: a "draft" in the replica. Read once
// when the user's settings name no language yet.
constexpr const char* kLegacySettingsDraft = "app.settings";

std::string LocalDate() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Milliseconds at local noon of a YYYY-MM-DD date (for a pinned calendar).
uint64_t NoonOf(const std::string& date) {
  std::tm tm{};
  tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(date.substr(8, 2));
  tm.tm_hour = 12;
  tm.tm_isdst = -1;
  return static_cast<uint64_t>(std::mktime(&tm)) * 1000;
}

}  // namespace

App::App(AppOptions options) : options_(std::move(options)) {}

App::~App() {
  if (export_job_) export_job_->wait();
}

Status App::Init(float content_scale, const std::string& renderer) {
  content_scale_ = content_scale;
  settings_path_ = options_.settings.empty() ? default_settings_path() : std::filesystem::path(options_.settings);
  status_.settings_path = settings_path_.string();
  if (auto loaded = load_settings(settings_path_); loaded.ok()) settings_ = *loaded;
  else status_.settings_error = loaded.status().message();
  // The command line wins over what was chosen last, for this run only.
  status_.lang = !options_.lang.empty() ? options_.lang : !settings_.lang.empty() ? settings_.lang : kLanguages[0];
  status_.theme = !options_.theme.empty() ? options_.theme : settings_.theme;
  status_.font_px = options_.font_px > 0 ? options_.font_px : settings_.font_px;
  status_.renderer = renderer;
  language_restored_ = !options_.lang.empty() || !settings_.lang.empty();
  auto catalog = Catalog::load(assets_dir() / "i18n", status_.lang);
  if (!catalog.ok())
    return catalog.status().with_context("cannot load the interface texts from " + (assets_dir() / "i18n").string());
  catalog_ = std::move(catalog).value();
  ApplyLook();
  status_.today = options_.today.empty() ? LocalDate() : options_.today;

  auto dir = DataDir::resolve(options_.data_dir);
  if (!dir.ok()) return dir.status();
  status_.data_dir = dir->root().string();
  status_.export_dir = settings_.export_dir.empty() ? (dir->root() / "exports").string() : settings_.export_dir;
  if (dir->has_replica()) {
    OpenModel(status_.data_dir, /*create=*/false);
  } else {
    first_run_ = true;
  }
  return Status::Ok();
}

void App::ApplyLook() {
  ApplyStyle(status_.theme, content_scale_, status_.font_px);
  fonts_ = LoadFonts(content_scale_, status_.font_px);
  ui::SetIconsAvailable(fonts_.icons);
  fonts_changed_ = true;
}

void App::SaveSettings() {
  settings_.lang = status_.lang;
  settings_.theme = status_.theme;
  settings_.font_px = status_.font_px;
  const Status s = save_settings(settings_, settings_path_);
  status_.settings_error = s.ok() ? "" : s.message();
}

AppModelOptions App::ModelOptions() const {
  AppModelOptions o;
  o.assets = assets_dir();
  o.language = status_.lang;
  if (!options_.today.empty()) {
    const uint64_t noon = NoonOf(options_.today);
    o.calendar = [noon] { return noon; };
  }
  if (!options_.screenshot_dir.empty()) o.auto_sync = false;  // screenshots show the replica as it is
  return o;
}

void App::OpenModel(const std::string& dir, bool create) {
  const DataDir data_dir(dir);
  auto model = create ? AppModel::create(data_dir, ModelOptions()) : AppModel::open(data_dir, ModelOptions());
  if (!model.ok()) {
    status_.model_open = false;
    status_.open_error = catalog_.format(create ? "ui.first_run.create_failed" : "ui.first_run.open_failed",
                                         {{"reason", model.status().message()}});
    if (!create) first_run_ = true;  // show why on the first-run screen
    return;
  }
  model_ = std::move(model).value();
  status_.model_open = true;
  status_.open_error.clear();
  status_.data_dir = dir;
  if (settings_.export_dir.empty()) status_.export_dir = (std::filesystem::path(dir) / "exports").string();
  if (create) {
    // The language picked on the first-run screen is the person's from now on.
    language_restored_ = true;
    SaveSettings();
  }
}

void App::SetLanguage(const std::string& lang) {
  auto catalog = Catalog::load(assets_dir() / "i18n", lang);
  if (!catalog.ok()) return;  // the catalogs ship together; keep the current one
  catalog_ = std::move(catalog).value();
  status_.lang = lang;
  if (model_) model_->post(command::SetLanguage{lang});
}

void App::HandleShortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (first_run_) return;
  if (io.KeyCtrl && !io.KeyShift && !io.KeyAlt) {
    for (int i = 0; i < 10; ++i) {
      const int key = GLFW_KEY_0 + (i + 1) % 10;  // Ctrl+1 … Ctrl+9, Ctrl+0
      if (ImGui::IsKeyPressed(key, false)) shell_.NavigateToEntry(snapshot_ ? *snapshot_ : empty_snapshot_, i);
    }
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_F5, false) && snapshot_ && snapshot_->home.enrolled &&
      !snapshot_->sync.running)
    outbox_.post(command::StartSync{});
}

void App::Frame(double now_s) {
  snapshot_ = model_ ? model_->snapshot() : nullptr;
  if (snapshot_ && !language_restored_ && snapshot_->version > 0) {
    // A replica of an earlier version remembered the language itself: take it over once.
    language_restored_ = true;
    auto it = snapshot_->drafts.find(kLegacySettingsDraft);
    if (it != snapshot_->drafts.end() && it->second.is_object()) {
      const std::string lang = it->second.value("lang", "");
      if ((lang == "ru" || lang == "en") && lang != status_.lang) SetLanguage(lang);
    }
  }
  if (ui::MarksEnabled()) ui::ClearMarks();
  HandleShortcuts();
  ui::FrameContext ctx{catalog_,
                       snapshot_ ? *snapshot_ : empty_snapshot_,
                       model_ ? &model_->instruments() : nullptr,
                       status_,
                       outbox_,
                       now_s,
                       fonts_.heading};
  shell_.Draw(ctx, first_run_);
}

void App::AfterFrame() {
  for (auto& command : outbox_.take_commands())
    if (model_) model_->post(std::move(command));
  for (const auto& request : outbox_.take_requests()) Handle(request);
  if (export_job_ && export_job_->wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    Result<std::filesystem::path> result = export_job_->get();
    export_job_.reset();
    status_.export_running = false;
    status_.export_ok = result.ok();
    status_.export_message = result.ok() ? result->string() : result.status().message();
    status_.export_folder = result.ok() ? result->parent_path().string() : "";
  }
  // Reap the file managers started for "open folder" once they exit.
  while (waitpid(-1, nullptr, WNOHANG) > 0) {
  }
}

void App::Close() {
  outbox_.flush_drafts();
  for (auto& command : outbox_.take_commands())
    if (model_) model_->post(std::move(command));
  WaitIdle();
}

void App::Handle(const ui::Request& request) {
  std::visit(
      [this](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, ui::request::Navigate>) {
          shell_.Navigate(r.screen);
        } else if constexpr (std::is_same_v<T, ui::request::SetLanguage>) {
          SetLanguage(r.lang);
          SaveSettings();
        } else if constexpr (std::is_same_v<T, ui::request::SetTheme>) {
          status_.theme = r.theme == "light" ? "light" : "dark";
          ApplyLook();
          SaveSettings();
        } else if constexpr (std::is_same_v<T, ui::request::SetFontSize>) {
          status_.font_px = std::clamp(r.px, UserSettings::kMinFontPx, UserSettings::kMaxFontPx);
          ApplyLook();
          SaveSettings();
        } else if constexpr (std::is_same_v<T, ui::request::SetExportDir>) {
          status_.export_dir = r.dir;
          settings_.export_dir = r.dir;
          SaveSettings();
        } else if constexpr (std::is_same_v<T, ui::request::OpenFolder>) {
          OpenFolder(r.dir);
        } else if constexpr (std::is_same_v<T, ui::request::CreateReplica>) {
          OpenModel(r.data_dir, /*create=*/true);
        } else if constexpr (std::is_same_v<T, ui::request::OpenReplica>) {
          OpenModel(r.data_dir, /*create=*/false);
          if (model_) first_run_ = false;
        } else if constexpr (std::is_same_v<T, ui::request::FinishFirstRun>) {
          if (model_) first_run_ = false;
        } else if constexpr (std::is_same_v<T, ui::request::ExportCsv>) {
          StartExport(r.table, r.dir);
        }
      },
      request);
}

void App::StartExport(ui::ExportTable table, const std::string& dir) {
  if (export_job_ || !model_) return;
  std::shared_ptr<const AppSnapshot> snapshot = model_->snapshot();
  char stamp[32];
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&t, &tm);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  status_.export_running = true;
  status_.export_message.clear();
  // The table is built and written on a helper thread from an immutable snapshot; the
  // result comes back as a value (no exceptions cross threads).
  const char separator = csv_separator(status_.lang);
  export_job_ = std::async(std::launch::async,
                           [snapshot, table, dir, catalog = catalog_, separator,
                            stamp = std::string(stamp)]() -> Result<std::filesystem::path> {
                             const ui::CsvTable csv = ui::table_from_snapshot(table, *snapshot, catalog);
                             return ui::write_csv_file(csv, dir, ui::export_table_stem(table), stamp, separator);
                           });
}

void App::OpenFolder(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);  // the export folder may not exist yet
  // The desktop's file manager; NASTAVNIK_OPEN_FOLDER names another opener (tests).
  const char* env = std::getenv("NASTAVNIK_OPEN_FOLDER");
  const std::string opener = env && *env ? env : "xdg-open";
  std::vector<char*> argv = {const_cast<char*>(opener.c_str()), const_cast<char*>(dir.c_str()), nullptr};
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, opener.c_str(), nullptr, nullptr, argv.data(), environ);
  status_.folder_error = rc == 0 ? "" : opener + ": " + std::strerror(rc);
}

bool App::animating() const { return export_job_.has_value() || (snapshot_ && snapshot_->sync.running); }

void App::WaitIdle() {
  if (model_) model_->wait_idle();
}

}  // namespace nastavnik::app
