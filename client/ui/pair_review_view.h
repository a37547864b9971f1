#pragma once
// Pair review (for mentors on a laptop): the card of one network pair (schools, agreement,
// problem zones, topics, mentors and mentees), plan vs done by month, the timeline of its
// records, the mentees' deficit trends, earlier reviews and the form of a new review.

#include <string>

#include "client/ui/form_state.h"
#include "client/ui/view.h"

namespace nastavnik::ui {

class PairReviewView : public View {
 public:
  PairReviewView() : View("pair_review", "ui.pair.title") {}

 protected:
  void DrawContent(FrameContext& ctx) override;

 private:
  void DrawCard(FrameContext& ctx);
  void DrawReviewForm(FrameContext& ctx);
  void DrawActivity(FrameContext& ctx);
  void DrawTimeline(FrameContext& ctx, float height);
  void DrawTrends(FrameContext& ctx);

  std::string date_, summary_, recommendations_;
  bool form_initialised_ = false;
  FormState state_{"form.pair_review"};
  std::string saved_message_;
};

}  // namespace nastavnik::ui
