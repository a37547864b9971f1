#pragma once
// Pair review (for mentors on a laptop): the card of one network pair (schools, agreement,
// problem zones, topics, mentors and mentees) with the review form (RecordForm) and earlier
// reviews; beside it the pair's progress through the eight stages of the learning-by-action
// chain (the pair and each mentee), plan vs done by month (events on one panel, sessions and
// visits on another, each with its own axis), the chronicle of its records on a time axis,
// and the mentees' deficit trends.

#include <string>

#include "client/ui/record_form.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class PairReviewView : public View {
 public:
  PairReviewView();

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawCard(FrameContext& ctx);
  void DrawStages(FrameContext& ctx);
  void DrawActivity(FrameContext& ctx);
  void DrawChronicle(FrameContext& ctx, float height);
  void DrawTrends(FrameContext& ctx);

  RecordForm review_form_;
};

}  // namespace nastavnik::ui
