#pragma once
// First run: choose the language, create a new replica in the data directory (or open one
// that is there), then enroll the device: the server address is checked first and the
// server's key id shown, for the person to compare with the one the methodologist read
// out; only then the one-time code is sent, pinned to that key. Or continue without
// enrollment (work offline, enroll later).

#include <string>

#include "client/ui/enroll_form.h"
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
  EnrollForm enroll_form_;
};

}  // namespace nastavnik::ui
