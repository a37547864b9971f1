#include "client/ui/home_view.h"

#include <imgui.h>

#include "client/ui/ui_helpers.h"

namespace nastavnik::ui {

void HomeView::DrawContent(FrameContext& ctx) {
  const view::HomeData& home = ctx.snap.home;
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  const std::string greeting = home.me.name.empty()
                                   ? ctx.tr("ui.home.greeting_unbound")
                                   : ctx.text.format("ui.home.greeting", {{"name", home.me.name}});
  ImGui::TextUnformatted(greeting.c_str());
  if (ctx.heading_font) ImGui::PopFont();
  if (!home.roles.empty()) ImGui::TextDisabled("%s", RolesLabel(ctx.text, home.roles).c_str());
  if (!home.revoked_message.empty())
    ErrorText(ctx.text.format("ui.home.revoked", {{"reason", home.revoked_message}}));

  DrawStatus(ctx);

  ImGui::Spacing();
  if (Button(ctx.tr("ui.home.action_session"))) ctx.out.request(request::Navigate{Screen::kSessions});
  ImGui::SameLine();
  if (Button(ctx.tr("ui.home.action_visit"))) ctx.out.request(request::Navigate{Screen::kVisits});
  ImGui::SameLine();
  if (Button(ctx.tr("ui.home.action_assessment")))
    ctx.out.request(request::Navigate{Screen::kSelfAssessment});
  ImGui::SameLine();
  if (Button(ctx.tr("ui.home.action_sync"), home.enrolled && !ctx.snap.sync.running)) {
    ctx.out.post(command::StartSync{});
    ctx.out.request(request::Navigate{Screen::kSync});
  }

  const float height = ImGui::GetContentRegionAvail().y;
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::BeginChild("upcoming", ImVec2(half, height), false);
  DrawUpcoming(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("recent", ImVec2(0, height), false);
  DrawRecent(ctx);
  ImGui::EndChild();
}

void HomeView::DrawStatus(FrameContext& ctx) {
  const view::HomeData& home = ctx.snap.home;
  SectionTitle(ctx, ctx.tr("ui.home.status"));
  if (home.enrolled) {
    ImGui::TextUnformatted(ctx.text.format("ui.home.enrolled", {{"url", home.server_url}}).c_str());
  } else {
    ImGui::TextUnformatted(ctx.tr("ui.home.not_enrolled").c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(ctx.tr("ui.home.enroll_now").c_str()))
      ctx.out.request(request::Navigate{Screen::kSync});
  }
  const std::string last = home.last_sync_ms ? FormatTime(home.last_sync_ms) : ctx.tr("ui.home.never");
  ImGui::TextUnformatted(ctx.text.format("ui.home.last_sync", {{"time", last}}).c_str());
  ImGui::Spacing();
  if (ImGui::BeginTable("cards", 4, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    StatCard(ctx, "pending", home.pending_ops, "ui.home.pending_ops", false);
    ImGui::TableSetColumnIndex(1);
    StatCard(ctx, "unacked", home.unacked_changesets, "ui.home.unacked", false);
    ImGui::TableSetColumnIndex(2);
    StatCard(ctx, "conflicts", home.open_conflicts, "ui.home.conflicts", true);
    ImGui::TableSetColumnIndex(3);
    StatCard(ctx, "rejections", home.open_rejections, "ui.home.rejections", true);
    ImGui::EndTable();
  }
  if (home.open_conflicts > 0 || home.open_rejections > 0) {
    if (ImGui::SmallButton(ctx.tr("ui.home.review_sync_issues").c_str()))
      ctx.out.request(request::Navigate{Screen::kSync});
  }
}

void HomeView::DrawUpcoming(FrameContext& ctx) {
  SectionTitle(ctx, ctx.tr("ui.home.upcoming"));
  const auto& items = ctx.snap.home.upcoming;
  if (items.empty()) {
    Hint(ctx.tr("ui.home.upcoming_empty"));
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("upcoming_table", 2, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("ui.common.date").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.tr("ui.home.what").c_str(), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(it.date.c_str());
    ImGui::TableSetColumnIndex(1);
    const std::string kind =
        ctx.tr(it.kind == "next_session" ? "ui.home.kind_next_session" : "ui.home.kind_event");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(it.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("%s%s%s", kind.c_str(), it.pair_label.empty() ? "" : " · ", it.pair_label.c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void HomeView::DrawRecent(FrameContext& ctx) {
  SectionTitle(ctx, ctx.tr("ui.home.recent"));
  const auto& items = ctx.snap.home.recent;
  if (items.empty()) {
    Hint(ctx.tr("ui.home.recent_empty"));
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("recent_table", 2, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(ctx.tr("ui.common.date").c_str(), ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn(ctx.tr("ui.home.record").c_str(), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(it.date.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(it.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("%s", EntityLabel(ctx.text, it.entity).c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace nastavnik::ui
