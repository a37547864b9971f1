#include "client/ui/role_screens.h"

#include <algorithm>

namespace nastavnik::ui {
namespace {

using S = Screen;

// Each role's screens in the order of its work (home and sync are added around them).
std::vector<Screen> WorkOf(const std::string& role) {
  if (role == "teacher") return {S::kSessions, S::kSelfAssessment, S::kRoute, S::kVisits, S::kRoadmap};
  if (role == "tutor")
    return {S::kSessions, S::kVisits, S::kRoute, S::kPairReview, S::kSelfAssessment, S::kRoadmap, S::kRegistry};
  if (role == "mentor")
    return {S::kPairReview, S::kMonitoring, S::kSessions, S::kVisits, S::kRoute, S::kSelfAssessment, S::kRoadmap,
            S::kRegistry};
  if (role == "school_admin")
    return {S::kRoadmap, S::kMonitoring, S::kVisits, S::kSessions, S::kSelfAssessment, S::kPairReview, S::kRegistry};
  if (role == "methodologist")
    return {S::kMunicipality, S::kMonitoring, S::kRegistry, S::kRoadmap, S::kPairReview, S::kSessions, S::kVisits, S::kSelfAssessment,
            S::kRoute};
  if (role == "municipal_office")
    return {S::kMunicipality, S::kMonitoring, S::kRoadmap, S::kPairReview, S::kRegistry};
  return {};
}

std::vector<HomeAction> ActionsOf(const std::string& role) {
  if (role == "teacher")
    return {{"ui.home.action_session", S::kSessions},
            {"ui.home.action_assessment", S::kSelfAssessment},
            {"ui.home.action_route", S::kRoute}};
  if (role == "tutor")
    return {{"ui.home.action_session", S::kSessions},
            {"ui.home.action_visit", S::kVisits},
            {"ui.home.action_routes", S::kRoute}};
  if (role == "mentor")
    return {{"ui.home.action_pair_review", S::kPairReview},
            {"ui.home.action_session", S::kSessions},
            {"ui.home.action_visit", S::kVisits}};
  if (role == "school_admin")
    return {{"ui.home.action_roadmap", S::kRoadmap},
            {"ui.home.action_visit", S::kVisits},
            {"ui.home.action_assessment", S::kSelfAssessment}};
  if (role == "methodologist")
    return {{"ui.home.action_overview", S::kMunicipality},
            {"ui.home.action_registry", S::kRegistry},
            {"ui.home.action_roadmap", S::kRoadmap}};
  if (role == "municipal_office")
    return {{"ui.home.action_overview", S::kMunicipality}, {"ui.home.action_roadmap", S::kRoadmap}};
  return {};
}

}  // namespace

std::vector<Screen> ScreensFor(const std::vector<std::string>& roles) {
  std::vector<Screen> out{S::kHome};
  if (roles.empty()) {
    for (int i = 1; i < kScreenCount; ++i)
      if (static_cast<Screen>(i) != S::kSync && static_cast<Screen>(i) != S::kSettings) out.push_back(static_cast<Screen>(i));
  }
  for (const auto& role : roles)
    for (Screen s : WorkOf(role))
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  out.push_back(S::kSync);
  return out;
}

std::vector<HomeAction> HomeActionsFor(const std::vector<std::string>& roles) {
  std::vector<HomeAction> out;
  for (const auto& role : roles)
    for (const HomeAction& a : ActionsOf(role))
      if (std::none_of(out.begin(), out.end(), [&](const HomeAction& b) { return b.screen == a.screen; }))
        out.push_back(a);
  if (out.empty())
    out = {{"ui.home.action_session", S::kSessions},
           {"ui.home.action_visit", S::kVisits},
           {"ui.home.action_assessment", S::kSelfAssessment}};
  if (out.size() > 4) out.resize(4);
  return out;
}

bool OverseesMunicipality(const std::vector<std::string>& roles) {
  return std::any_of(roles.begin(), roles.end(),
                     [](const std::string& r) { return r == "methodologist" || r == "municipal_office"; });
}

}  // namespace nastavnik::ui
