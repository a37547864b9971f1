#pragma once
// Sync: enrollment with the server (enroll_form.h) while the device is not enrolled; the sync button and a progress bar (changesets sent of total, changes
// received, requests) with the sync budget (what will be sent, how long it may take on the
// link as last measured); courier bundles (write one to a USB stick, take one); the last
// result or error; changes the server rejected, with the reason to read (and "send again"
// for those refused for a wrong clock); and conflicts ("your value was superseded by …") to acknowledge or to
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
  void DrawBudget(FrameContext& ctx);
  void DrawCourier(FrameContext& ctx);

  EnrollForm enroll_form_;
  FormState conflict_state_{"reapply_conflict"};
  FormState ack_state_{"acknowledge_conflict"};
  FormState sync_state_{"start_sync"};
  FormState resend_state_{"resend"};
  FormState export_state_{"export_bundle"};
  FormState import_state_{"import_bundle"};
  std::string enroll_message_;
  std::string bundle_path_;   // the courier bundle's file; a default in the home folder
  std::string courier_message_;  // what the last bundle command did, rendered
  bool courier_failed_ = false;
};

}  // namespace nastavnik::ui
