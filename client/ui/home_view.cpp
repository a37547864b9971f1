#include "client/ui/home_view.h"

#include <imgui.h>

#include "client/ui/layout.h"
#include "client/ui/role_screens.h"
#include "client/ui/ui_helpers.h"
#include "client/ui/widgets/pickers.h"
#include "client/ui/widgets/table_headers.h"

namespace nastavnik::ui {

void HomeView::DrawContent(FrameContext& ctx) {
  const view::HomeData& home = ctx.snap.home;
  if (ctx.heading_font) ImGui::PushFont(ctx.heading_font);
  const std::string greeting = home.me.id.empty()
                                   ? ctx.tr("ui.home.greeting_unbound")
                                   : ctx.text.format("ui.home.greeting", {{"name", ShownName(ctx.text, home.me.name)}});
  ImGui::TextUnformatted(greeting.c_str());
  if (ctx.heading_font) ImGui::PopFont();
  if (!home.roles.empty()) ImGui::TextDisabled("%s", RolesLabel(ctx.text, home.roles).c_str());
  if (!home.revoked_message.empty())
    ErrorText(ctx.text.format("ui.home.revoked", {{"reason", home.revoked_message}}));

  DrawStatus(ctx);

  ImGui::Spacing();
  // The role's own tasks first; the actions flow onto a second line on a narrow window.
  FlowRow actions;
  for (const HomeAction& a : HomeActionsFor(home.roles)) {
    const std::string label = ctx.tr(a.label_key);
    actions.Item(ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2, [&] {
      if (ImGui::Button(label.c_str())) ctx.out.request(request::Navigate{a.screen});
      Mark(std::string("home.") + a.label_key);
    });
  }
  const std::string sync_label = ctx.tr("ui.home.action_sync");
  actions.Item(ImGui::CalcTextSize(sync_label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2, [&] {
    if (Button(sync_label, home.enrolled && !ctx.snap.sync.running)) {
      ctx.out.post(command::StartSync{});
      ctx.out.request(request::Navigate{Screen::kSync});
    }
    if (!home.enrolled) ReasonTooltip(ctx.tr("ui.sync.needs_enrollment"));
  });
  actions.End();

  const float height = ImGui::GetContentRegionAvail().y;
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::BeginChild("upcoming", ImVec2(half, height), false);
  if (OverseesMunicipality(home.roles)) DrawQuietPairs(ctx);
  DrawUpcoming(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("recent", ImVec2(0, height), false);
  DrawRecent(ctx);
  ImGui::EndChild();
}

void HomeView::DrawQuietPairs(FrameContext& ctx) {
  // Pairs with nothing recorded for 30 days (or ever): where a methodologist looks first.
  const std::string since = AddDays(ctx.app.today, -30);
  std::vector<const view::PairActivityRow*> quiet;
  for (const auto& p : ctx.snap.municipality.pairs)
    if (p.last_activity.empty() || p.last_activity < since) quiet.push_back(&p);
  SectionTitle(ctx, ctx.text.render(Message("ui.home.quiet_pairs").with("count", quiet.size())));
  if (quiet.empty()) {
    Hint(ctx.tr("ui.home.quiet_pairs_none"));
    return;
  }
  for (size_t i = 0; i < quiet.size() && i < 6; ++i) {
    const view::PairActivityRow& p = *quiet[i];
    ImGui::PushID(static_cast<int>(i));
    const std::string label = widgets::PairLabel(p.pair);
    if (ImGui::Selectable(label.c_str())) {
      ctx.out.post(command::SelectPair{p.pair.id});
      ctx.out.request(request::Navigate{Screen::kPairReview});
    }
    if (ImGui::IsItemHovered()) WrappedTooltip(widgets::PairFullLabel(p.pair));
    ImGui::TextDisabled("%s", p.last_activity.empty()
                                  ? ctx.tr("ui.home.no_activity_yet").c_str()
                                  : ctx.text.format("ui.home.last_activity", {{"date", ctx.text.date(p.last_activity)}}).c_str());
    ImGui::PopID();
  }
  ImGui::Spacing();
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
  const std::string last = home.last_sync_ms ? ctx.text.date_time(home.last_sync_ms) : ctx.tr("ui.home.never");
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
  ImGui::TableSetupColumn(ctx.tr("ui.common.date").c_str(), ImGuiTableColumnFlags_WidthFixed, DateColumnWidth());
  ImGui::TableSetupColumn(ctx.tr("ui.home.what").c_str(), ImGuiTableColumnFlags_WidthStretch);
  widgets::HeadersRow();
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(ctx.text.date(it.date).c_str());
    ImGui::TableSetColumnIndex(1);
    const std::string kind =
        ctx.tr(it.kind == "next_session" ? "ui.home.kind_next_session" : "ui.home.kind_event");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(it.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("%s%s%s", kind.c_str(), it.pair_label.empty() ? "" : " · ",
                        it.pair_label.empty() ? "" : ShownName(ctx.text, it.pair_label).c_str());
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
  ImGui::TableSetupColumn(ctx.tr("ui.common.date").c_str(), ImGuiTableColumnFlags_WidthFixed, DateColumnWidth());
  ImGui::TableSetupColumn(ctx.tr("ui.home.record").c_str(), ImGuiTableColumnFlags_WidthStretch);
  widgets::HeadersRow();
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(ctx.text.date(it.date).c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(it.title.empty() ? "—" : ShownName(ctx.text, it.title).c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("%s", EntityLabel(ctx.text, it.entity).c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace nastavnik::ui
