#include "client/ui/form_state.h"

#include <algorithm>

#include "shared/domain/validation.h"

namespace nastavnik::ui {

const nlohmann::json* FormState::RestoreOnce(const AppSnapshot& snap) {
  if (restored_ || snap.version == 0) return nullptr;
  restored_ = true;
  auto it = snap.drafts.find(key_);
  return it == snap.drafts.end() || !it->second.is_object() ? nullptr : &it->second;
}

void FormState::Touch(double now) {
  dirty_ = true;
  changed_at_ = now;
}

void FormState::MaybeSaveDraft(FrameContext& ctx, const nlohmann::json& fields) {
  if (!dirty_) return;
  if (ctx.now - changed_at_ < kDraftDelay) {
    // Not yet: but if the window closes now, the app saves it anyway.
    if (ctx.now != remembered_at_) ctx.out.remember_draft(key_, fields);
    remembered_at_ = ctx.now;
    return;
  }
  dirty_ = false;
  ctx.out.forget_draft(key_);
  ctx.out.post(command::SaveDraft{key_, fields});
}

void FormState::Discard(FrameContext& ctx) {
  dirty_ = false;
  ClearErrors();
  ctx.out.forget_draft(key_);
  ctx.out.post(command::DiscardDraft{key_});
}

void FormState::Submit(FrameContext& ctx, command::SaveRecord save) {
  save.draft_key = key_;
  dirty_ = false;  // the record replaces the draft
  ctx.out.forget_draft(key_);
  Post(ctx, std::move(save));
}

void FormState::Post(FrameContext& ctx, Command command) {
  pending_ = true;
  submitted_after_ = ctx.snap.feedback.sequence;
  ctx.out.post(std::move(command));
}

FormState::Outcome FormState::Poll(const AppSnapshot& snap) {
  const CommandFeedback& fb = snap.feedback;
  if (!pending_ || fb.sequence <= submitted_after_ || fb.form != key_) return Outcome::kNone;
  pending_ = false;
  failed_ = !fb.ok;
  message_ = fb.message;
  detail_ = fb.detail;
  if (fb.ok) {
    errors_.clear();
    created_id_ = fb.created_id;
    return Outcome::kSaved;
  }
  errors_ = fb.field_errors;
  return Outcome::kFailed;
}

std::string FormState::ErrorFor(std::string_view field, const Catalog& text) const {
  std::string out;
  for (const auto& e : errors_) {
    if (e.field != field) continue;
    if (!out.empty()) out += "; ";
    out += render_error(e, text);
  }
  return out;
}

std::string FormState::GeneralError(const Catalog& text, const std::vector<std::string>& form_fields) const {
  if (!failed_) return "";
  std::string out;
  for (const auto& e : errors_) {
    if (std::find(form_fields.begin(), form_fields.end(), e.field) != form_fields.end()) continue;
    if (!out.empty()) out += "; ";
    out += render_error(e, text);
  }
  if (out.empty() && errors_.empty()) out = text.render(message_);
  return out;
}

void FormState::ClearError(std::string_view field) {
  std::erase_if(errors_, [&](const FieldError& e) { return e.field == field; });
}

void FormState::ClearErrors() {
  errors_.clear();
  message_ = Message();
  detail_.clear();
  failed_ = false;
}

}  // namespace nastavnik::ui
