#pragma once
// FormState: what every form of the client does besides drawing itself.
//  - Drafts: the fields of an unsaved form are sent as command::SaveDraft one second after
//    the last change (and at once when the window closes: Outbox::flush_drafts), and
//    restored once from snapshot.drafts when the form first appears, so a half-filled form
//    survives closing the app or a crash.
//  - Saving: Submit() posts the SaveRecord (with this form's draft key) and Poll() reads
//    the CommandFeedback meant for this form: saved, or failed with field errors that the
//    form shows inline under each input.
// It holds no ImGui and no I/O: it only reads snapshots and pushes commands.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "client/ui/frame_context.h"

namespace nastavnik::ui {

class FormState {
 public:
  // Seconds of no change after which the draft is saved.
  static constexpr double kDraftDelay = 1.0;

  explicit FormState(std::string key) : key_(std::move(key)) {}
  const std::string& key() const { return key_; }

  // The stored draft of this form the first time a published snapshot is seen; nullptr
  // afterwards or when there is none.
  const nlohmann::json* RestoreOnce(const AppSnapshot& snap);

  // The user changed the form at `now` (seconds).
  void Touch(double now);
  // Every frame: posts SaveDraft with `fields` once the form has been still for kDraftDelay.
  void MaybeSaveDraft(FrameContext& ctx, const nlohmann::json& fields);
  // The user cleared the form: drop the stored draft.
  void Discard(FrameContext& ctx);

  enum class Outcome { kNone, kSaved, kFailed };
  // Posts `save` with draft_key = key(); the outcome comes through Poll().
  void Submit(FrameContext& ctx, command::SaveRecord save);
  // Posts another command whose feedback names key() as its form (e.g. key "enroll" for
  // command::Enroll); the outcome comes through Poll() the same way.
  void Post(FrameContext& ctx, Command command);
  // kSaved or kFailed once, when the feedback of the last Submit/Post arrives.
  Outcome Poll(const AppSnapshot& snap);
  bool pending() const { return pending_; }
  // The model's message about the last outcome (a key with arguments: render it through the
  // catalog), and its technical detail (English, for a tooltip).
  const Message& message() const { return message_; }
  const std::string& detail() const { return detail_; }
  // The id of the record the last successful save created (empty for updates).
  const std::string& created_id() const { return created_id_; }

  // The inline error of `field` from the last failed save, in the catalog's language.
  std::string ErrorFor(std::string_view field, const Catalog& text) const;
  // Errors that name no field of the form, and the model's message when there are none.
  std::string GeneralError(const Catalog& text, const std::vector<std::string>& form_fields) const;
  void ClearError(std::string_view field);
  void ClearErrors();

 private:
  std::string key_;
  bool restored_ = false;
  bool dirty_ = false;
  double changed_at_ = 0;
  double remembered_at_ = -1;
  bool pending_ = false;
  bool failed_ = false;
  uint64_t submitted_after_ = 0;
  std::vector<FieldError> errors_;
  Message message_;
  std::string detail_;
  std::string created_id_;
};

}  // namespace nastavnik::ui
