#pragma once
// What every view gets for one frame: the immutable snapshot to read, the catalog to
// translate with, and an outbox for what the user asked for. Views never call the model or
// the disk themselves: the app drains the outbox after the frame, posting model commands
// to AppModel and carrying out app requests (language, replica, export, navigation).

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "client/model/app_model.h"
#include "client/ui/export/table_export.h"
#include "shared/domain/instrument.h"
#include "shared/i18n/catalog.h"

struct ImFont;

namespace nastavnik::ui {

// The screens of the main window, in the order of the navigation panel.
enum class Screen {
  kHome,
  kSessions,
  kVisits,
  kSelfAssessment,
  kRoute,
  kRoadmap,
  kRegistry,
  kPairReview,
  kMunicipality,
  kSync,
  kSettings,
  kMonitoring,
};
inline constexpr int kScreenCount = 12;

// Requests for the app itself (not the model), carried out after the frame.
namespace request {
struct Navigate {
  Screen screen;
};
struct SetLanguage {
  std::string lang;
};
// First run: create a new replica in `data_dir`, or open the one that is there.
struct CreateReplica {
  std::string data_dir;
};
struct OpenReplica {
  std::string data_dir;
};
// First run is over (enrolled, or the user chose to continue without enrollment).
struct FinishFirstRun {};
// Write a table as CSV into `dir` (off the frame, by the app).
struct ExportCsv {
  ExportTable table;
  std::string dir;
};
// Settings (remembered per user of the computer).
struct SetTheme {
  std::string theme;  // "dark" or "light"
};
struct SetFontSize {
  int px;
};
struct SetExportDir {
  std::string dir;
};
// Shows a folder in the desktop's file manager (xdg-open).
struct OpenFolder {
  std::string dir;
};
}  // namespace request

using Request = std::variant<request::Navigate, request::SetLanguage, request::CreateReplica, request::OpenReplica,
                             request::FinishFirstRun, request::ExportCsv, request::SetTheme, request::SetFontSize,
                             request::SetExportDir, request::OpenFolder>;

// What the app tells the views about itself (not part of the model's snapshot).
struct AppStatus {
  std::string lang = "ru";
  std::string data_dir;    // the resolved data directory
  std::string export_dir;  // folder for CSV exports (settings, else the data folder's "exports")
  std::string theme = "dark";
  int font_px = 16;
  std::string settings_path;   // where the settings are kept
  std::string settings_error;  // why they could not be read or written; empty when fine
  std::string renderer;        // "OpenGL 3" or "OpenGL 2" (old laptops)
  bool model_open = false;
  std::string open_error;  // why creating/opening the replica failed (readable text)
  bool export_running = false;
  bool export_ok = true;
  std::string export_message;  // path written or the reason it failed
  std::string export_folder;   // the folder of the last file written
  std::string folder_error;    // why "open folder" could not start a file manager
  std::string today;           // YYYY-MM-DD, local time
};

// Collects what the user asked for during a frame.
class Outbox {
 public:
  void post(Command command) { commands_.push_back(std::move(command)); }
  // Builds the variant in place (constructing a temporary Request trips a false
  // -Wmaybe-uninitialized in GCC 12's std::variant).
  template <typename R>
  void request(R r) {
    requests_.emplace_back(std::in_place_type<R>, std::move(r));
  }
  std::vector<Command> take_commands() { return std::exchange(commands_, {}); }
  std::vector<Request> take_requests() { return std::exchange(requests_, {}); }

  // Drafts of forms changed since their last save (FormState keeps this up to date), so
  // that closing the window saves the last second of typing too: FlushDrafts() posts them.
  void remember_draft(const std::string& key, const nlohmann::json& fields) { unsaved_drafts_[key] = fields; }
  void forget_draft(const std::string& key) { unsaved_drafts_.erase(key); }
  void flush_drafts() {
    for (auto& [key, fields] : unsaved_drafts_) post(command::SaveDraft{key, std::move(fields)});
    unsaved_drafts_.clear();
  }

 private:
  std::vector<Command> commands_;
  std::vector<Request> requests_;
  std::map<std::string, nlohmann::json> unsaved_drafts_;
};

struct FrameContext {
  const Catalog& text;
  const AppSnapshot& snap;
  const InstrumentRegistry* instruments;  // null until a replica is open
  const AppStatus& app;
  Outbox& out;
  double now = 0;                  // seconds since start, for debouncing drafts
  ImFont* heading_font = nullptr;  // larger font for titles and big numbers (may be null)

  std::string tr(std::string_view key) const { return text.tr(key); }
  std::string enum_label(std::string_view enum_name, std::string_view value) const {
    return text.enum_label(enum_name, value);
  }
  std::string field_label(std::string_view entity, std::string_view field) const {
    return text.field_label(entity, field);
  }
};

}  // namespace nastavnik::ui
