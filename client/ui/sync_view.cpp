#include "client/ui/sync_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>

#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/form_field.h"
#include "client/ui/widgets/palette.h"
#include "client/ui/widgets/table_headers.h"

namespace nastavnik::ui {
namespace {

// A compact JSON value as a person reads it: strings without quotes, lists joined.
std::string Readable(const std::string& json_text) {
  const nlohmann::json v = nlohmann::json::parse(json_text, nullptr, false);
  if (v.is_discarded()) return json_text;
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "—";
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v)
      out += (out.empty() ? "" : ", ") + (e.is_string() ? e.get<std::string>() : e.dump());
    return out;
  }
  return v.dump();
}

// How far the run is: whole changesets sent, plus the share of the request on its way.
float RunFraction(const view::SyncView& sync) {
  if (sync.changesets_total <= 0) return 0.0f;
  double done = static_cast<double>(sync.changesets_sent);
  if (sync.request_bytes > 0)
    done += static_cast<double>(sync.changesets_in_request) * static_cast<double>(sync.request_bytes_sent) /
            static_cast<double>(sync.request_bytes);
  return static_cast<float>(done / static_cast<double>(sync.changesets_total));
}

Message RunOverlay(const view::SyncView& sync) {
  if (sync.request_bytes > 0 && sync.request_bytes_sent < sync.request_bytes)
    return Message("ui.sync.progress_uploading")
        .with("sent", sync.changesets_sent)
        .with("total", sync.changesets_total)
        .with("kib_sent", (sync.request_bytes_sent + 1023) / 1024)
        .with("kib", (sync.request_bytes + 1023) / 1024);
  return Message("ui.sync.progress")
      .with("sent", sync.changesets_sent)
      .with("total", sync.changesets_total)
      .with("received", sync.ops_received);
}

}  // namespace

void SyncView::DrawContent(FrameContext& ctx) {
  if (!ctx.snap.home.revoked_message.empty())
    ErrorText(ctx.text.format("ui.home.revoked", {{"reason", ctx.snap.home.revoked_message}}));
  DrawEnrollment(ctx);
  DrawProgress(ctx);
  if (ctx.snap.home.enrolled) DrawCourier(ctx);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::BeginChild("rejections", ImVec2(half, 0), true);
  DrawRejections(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("conflicts", ImVec2(0, 0), true);
  DrawConflicts(ctx);
  ImGui::EndChild();
}

void SyncView::DrawEnrollment(FrameContext& ctx) {
  const view::HomeData& home = ctx.snap.home;
  SectionTitle(ctx, ctx.tr("ui.sync.server"));
  if (home.enrolled) {
    ImGui::TextUnformatted(ctx.text.format("ui.home.enrolled", {{"url", home.server_url}}).c_str());
    if (!enroll_message_.empty()) SuccessText(enroll_message_);
    return;
  }
  Hint(ctx.tr("ui.sync.enroll_hint"));
  if (enroll_form_.Draw(ctx)) enroll_message_ = ctx.text.render(enroll_form_.message());
}

void SyncView::DrawProgress(FrameContext& ctx) {
  const view::SyncView& sync = ctx.snap.sync;
  sync_state_.Poll(ctx.snap);
  SectionTitle(ctx, ctx.tr("ui.sync.sync"));
  if (Button(ctx.tr("ui.sync.start"),
             ctx.snap.home.enrolled && !sync.running && ctx.snap.home.revoked_message.empty()))
    sync_state_.Post(ctx, command::StartSync{});
  ImGui::SameLine();
  Hint(ctx.tr("ui.sync.shortcut"));
  if (ctx.snap.home.enrolled && !sync.running) DrawBudget(ctx);
  if (!ctx.snap.home.enrolled) {
    ImGui::SameLine();
    Hint(ctx.tr("ui.sync.needs_enrollment"));
  }

  float fraction = 0;
  std::string overlay;
  const bool failed = !sync.last_error.empty();
  if (sync.running) {
    fraction = RunFraction(sync);
    overlay = ctx.text.render(RunOverlay(sync));
  } else if (sync.last_sync_ms > 0 || !sync.last_result.empty()) {
    fraction = failed ? 0.0f : 1.0f;
    // After a restart the last run's result is not known, only when it was.
    overlay = failed                     ? ctx.tr("ui.sync.idle_failed")
              : sync.last_result.empty() ? ctx.text.format("ui.home.last_sync", {{"time", ctx.text.date_time(sync.last_sync_ms)}})
                                         : ctx.text.render(sync.last_result);
  } else {
    overlay = ctx.tr("ui.sync.never");
  }
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram,
                        !failed || sync.running ? palette::kSessions : palette::kDeficit);
  ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), ImVec2(-FLT_MIN, 0), overlay.c_str());
  ImGui::PopStyleColor();

  if (ImGui::BeginTable("counters", 4, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    if (sync.running) StatCard(ctx, "sent", sync.changesets_sent, "ui.sync.sent_changesets", false);
    else StatCard(ctx, "sent", sync.last_sent, "ui.sync.sent", false);
    ImGui::TableSetColumnIndex(1);
    StatCard(ctx, "received", sync.running ? sync.ops_received : sync.last_received,
             "ui.sync.received", false);
    ImGui::TableSetColumnIndex(2);
    StatCard(ctx, "conflicts", sync.last_conflicts, "ui.sync.new_conflicts", true);
    ImGui::TableSetColumnIndex(3);
    StatCard(ctx, "pending", ctx.snap.home.pending_ops, "ui.home.pending_ops", false);
    ImGui::EndTable();
  }
  const std::string when = sync.last_sync_ms ? ctx.text.date_time(sync.last_sync_ms) : ctx.tr("ui.home.never");
  ImGui::TextUnformatted(ctx.text.format("ui.home.last_sync", {{"time", when}}).c_str());
  if (!sync.clock_warning.empty()) WarningText(ctx.text.render(sync.clock_warning));
  if (!sync.scope_notice.empty()) WarningText(ctx.text.render(sync.scope_notice));
  if (failed) {
    ErrorText(ctx.text.render(sync.last_error));
    if (!sync.last_error_detail.empty() && ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", sync.last_error_detail.c_str());
  }
  const std::string sync_error = sync_state_.GeneralError(ctx.text, {});
  if (!sync_error.empty()) ErrorText(sync_error);
}

void SyncView::DrawBudget(FrameContext& ctx) {
  const view::SyncBudgetView& b = ctx.snap.sync.budget;
  const std::string kb = std::to_string((b.bytes_to_send + 1023) / 1024);
  if (b.measured)
    Hint(ctx.text.format("ui.sync.budget", {{"kb", kb},
                                            {"seconds", std::to_string((b.estimated_ms + 999) / 1000)},
                                            {"speed", std::to_string(b.bytes_per_s / 1024)},
                                            {"received", std::to_string(b.last_received)}}));
  else
    Hint(ctx.text.format("ui.sync.budget_unmeasured", {{"kb", kb}}));
}

// The file a bundle goes to by default, in the home folder; a USB stick's path is typed over it.
static std::string DefaultBundlePath() {
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/nastavnik.nbundle";
}

void SyncView::DrawCourier(FrameContext& ctx) {
  for (FormState* state : {&export_state_, &import_state_, &resend_state_}) {
    const auto outcome = state->Poll(ctx.snap);
    if (outcome == FormState::Outcome::kNone) continue;
    courier_failed_ = outcome == FormState::Outcome::kFailed;
    courier_message_ = ctx.text.render(state->message());
  }
  if (bundle_path_.empty()) bundle_path_ = DefaultBundlePath();
  SectionTitle(ctx, ctx.tr("ui.sync.courier"));
  Hint(ctx.tr("ui.sync.courier_hint"));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
  ImGui::InputText(ctx.tr("ui.sync.courier_path").c_str(), &bundle_path_);
  const bool busy = export_state_.pending() || import_state_.pending() || ctx.snap.sync.running;
  if (Button(ctx.tr("ui.sync.courier_export"), !busy && !bundle_path_.empty()))
    export_state_.Post(ctx, command::ExportBundle{bundle_path_, false});
  ImGui::SameLine();
  const view::SyncBudgetView& b = ctx.snap.sync.budget;
  if (Button(ctx.tr("ui.sync.courier_export_carried"),
             !busy && !bundle_path_.empty() && b.carried_for_server + b.carried_for_devices > 0))
    export_state_.Post(ctx, command::ExportBundle{bundle_path_, true});
  ImGui::SameLine();
  if (Button(ctx.tr("ui.sync.courier_import"), !busy && !bundle_path_.empty()))
    import_state_.Post(ctx, command::ImportBundle{bundle_path_});
  if (b.carried_for_server + b.carried_for_devices > 0)
    Hint(ctx.text.format("ui.sync.courier_carried", {{"server", std::to_string(b.carried_for_server)},
                                                      {"devices", std::to_string(b.carried_for_devices)}}));
  if (!courier_message_.empty()) {
    if (courier_failed_) ErrorText(courier_message_);
    else SuccessText(courier_message_);
  }
}

void SyncView::DrawRejections(FrameContext& ctx) {
  const auto& rejections = ctx.snap.sync.rejections;
  SectionTitle(ctx, ctx.text.format("ui.sync.rejections", {{"count", std::to_string(rejections.size())}}));
  if (rejections.empty()) {
    Hint(ctx.tr("ui.sync.no_rejections"));
    return;
  }
  Hint(ctx.tr("ui.sync.rejections_hint"));
  if (ImGui::Button(ctx.tr("ui.sync.acknowledge_all").c_str()))
    ctx.out.post(command::AcknowledgeRejections{});
  const bool clock_refusals = std::any_of(rejections.begin(), rejections.end(),
                                          [](const view::RejectionView& r) { return r.code == "clock_ahead"; });
  if (clock_refusals) {
    ImGui::SameLine();
    if (Button(ctx.tr("ui.sync.resend"), !resend_state_.pending() && !ctx.snap.sync.running))
      resend_state_.Post(ctx, command::ResendRefused{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("ui.sync.resend_tip").c_str());
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("rejections_table", 2, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("ui.sync.col_record").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(ctx.tr("ui.sync.col_reason").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  widgets::HeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rejections.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const view::RejectionView& r = rejections[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImGui::TableNextRow();
      // Every row is two single lines (the list is clipped); full texts are in the tooltip.
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(EntityLabel(ctx.text, r.entity).c_str());
      ImGui::TextDisabled("%s", (r.title.empty() ? r.record_id.substr(0, 13) : r.title).c_str());
      ImGui::TableSetColumnIndex(1);
      const std::string key = "ui.sync.reject." + r.code;
      const std::string reason = ctx.text.has(key) ? ctx.tr(key) : r.code;
      ImGui::TextUnformatted(reason.c_str());
      ImGui::TextDisabled("%s", r.message.c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s\n%s\n%s", r.title.c_str(), reason.c_str(), r.message.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void SyncView::DrawConflicts(FrameContext& ctx) {
  const auto& conflicts = ctx.snap.sync.conflicts;
  conflict_state_.Poll(ctx.snap);
  ack_state_.Poll(ctx.snap);
  SectionTitle(ctx, ctx.text.format("ui.sync.conflicts", {{"count", std::to_string(conflicts.size())}}));
  for (FormState* s : {&conflict_state_, &ack_state_}) {
    const std::string e = s->GeneralError(ctx.text, {});
    if (!e.empty()) ErrorText(e);
  }
  if (conflicts.empty()) {
    Hint(ctx.tr("ui.sync.no_conflicts"));
    return;
  }
  // Conflicts wait for a person to look at each, so the list stays short; its entries wrap
  // to different heights, which a list clipper cannot handle.
  ImGui::BeginChild("conflict_list", ImVec2(0, 0), false);
  {
    for (size_t i = 0; i < conflicts.size(); ++i) {
      const view::ConflictView& c = conflicts[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::BeginGroup();
      const std::string field =
          c.field == "*" ? ctx.tr("ui.sync.whole_record") : ctx.field_label(c.entity, c.field);
      ImGui::TextColored(palette::WarnText(), "%s · %s", EntityLabel(ctx.text, c.entity).c_str(),
                         field.c_str());
      if (!c.title.empty()) ImGui::TextDisabled("%s", c.title.c_str());
      ImGui::PushTextWrapPos(0.0f);
      std::string line;
      if (c.kind == "edit_of_deleted")
        line =
            ctx.text.format(c.mine_lost ? "ui.sync.conflict_deleted_mine" : "ui.sync.conflict_deleted_other",
                            {{"author", c.their_author_name}, {"loser", c.your_author_name}});
      else
        line = ctx.text.format(
            c.mine_lost ? "ui.sync.conflict_superseded_mine" : "ui.sync.conflict_superseded_other",
            {{"yours", Readable(c.your_value)},
             {"theirs", Readable(c.their_value)},
             {"author", c.their_author_name},
             {"loser", c.your_author_name}});
      ImGui::TextUnformatted(line.c_str());
      ImGui::PopTextWrapPos();
      ImGui::BeginDisabled(ack_state_.pending() || conflict_state_.pending());
      if (ImGui::Button(ctx.tr("ui.sync.acknowledge").c_str()))
        ack_state_.Post(ctx, command::AcknowledgeConflict{c.record_id, c.field, c.loser_hlc, c.winner_hlc});
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("ui.sync.acknowledge_tip").c_str());
      ImGui::SameLine();
      if (ImGui::Button(ctx.tr("ui.sync.reapply").c_str()))
        conflict_state_.Post(ctx, command::ReapplyConflict{c.record_id, c.field, c.loser_hlc, c.winner_hlc});
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("ui.sync.reapply_tip").c_str());
      ImGui::EndDisabled();
      ImGui::EndGroup();
      ImGui::Separator();
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

}  // namespace nastavnik::ui
