#pragma once
// First run: choose the language, create a new replica in the data directory (or open one
// that is there), then enroll the device with the server address and the one-time code
// from the methodologist, or continue without enrollment (work offline, enroll later on
// the Sync screen).

#include <string>

#include "client/ui/form_state.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class FirstRunView : public View {
 public:
  FirstRunView() : View("first_run", "ui.first_run.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawReplicaStep(FrameContext& ctx);
  void DrawEnrollStep(FrameContext& ctx);

  std::string data_dir_;
  bool data_dir_loaded_ = false;
  std::string server_url_;
  std::string code_;
  FormState enroll_state_{"enroll"};
};

}  // namespace nastavnik::ui
