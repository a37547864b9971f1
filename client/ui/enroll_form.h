#pragma once
// The enrollment form of the first run and of the Sync screen: the server address is
// checked first (GET /v1/info through the model) and the server's key id shown in groups of
// four, for the person to compare with the one the methodologist read out with the code;
// only then the code can be sent, and the enrollment is pinned to the key the person saw.

#include <string>

#include "client/ui/form_state.h"
#include "client/ui/frame_context.h"

namespace nastavnik::ui {

class EnrollForm {
 public:
  // Draws the form; true in the frame the enrollment succeeded.
  bool Draw(FrameContext& ctx);
  // The model's message about the enrollment that succeeded (msg::kEnrolled).
  const Message& message() const { return enroll_state_.message(); }

 private:
  std::string server_url_;
  std::string code_;
  FormState check_state_{"check_server"};
  FormState enroll_state_{"enroll"};
};

// "447ceb6b0c53626c…" -> "447c eb6b 0c53 626c …": the groups a person reads out by phone.
std::string KeyInGroups(const std::string& key_id);

}  // namespace nastavnik::ui
