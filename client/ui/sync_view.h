#pragma once
// Sync: enrollment with the server (enroll_form.h) while the device is not enrolled; the sync button and a progress bar (changesets sent of total, changes
// received, requests); the last result or error; changes the server rejected, with the
// reason to read; and conflicts ("your value was superseded by …") to acknowledge or to
// write again.

#include <string>

#include "client/ui/enroll_form.h"
#include "client/ui/form_state.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class SyncView : public View {
 public:
  SyncView() : View("sync", "ui.sync.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawEnrollment(FrameContext& ctx);
  void DrawProgress(FrameContext& ctx);
  void DrawRejections(FrameContext& ctx);
  void DrawConflicts(FrameContext& ctx);

  EnrollForm enroll_form_;
  FormState conflict_state_{"reapply_conflict"};
  FormState ack_state_{"acknowledge_conflict"};
  FormState sync_state_{"start_sync"};
  std::string enroll_message_;
};

}  // namespace nastavnik::ui
