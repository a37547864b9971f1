#pragma once
// Russian text for generated mentoring sessions: topics, notes, agreed actions and
// reflections composed from sentence templates whose slots (subject, lesson theme, teaching
// technique, class, numbers, pupils' names, dates) are drawn at random. The result reads
// like the free text people type, with «quotes», № signs and dashes, and is nearly unique
// per record, so compression on the wire is not flattered by repeated sentences.

#include <random>
#include <string>
#include <vector>

namespace nastavnik::bench {

class SessionText {
 public:
  explicit SessionText(std::mt19937_64& rng) : rng_(rng) {}

  // `stage` indexes the learning-by-action chain (0..7); `pair_topics` are the event topics
  // of the pair from the registry, used now and then as they are.
  std::string topic(size_t stage, int meeting, const std::vector<std::string>& pair_topics);
  std::string notes();
  std::string agreed_actions(const std::string& next_date);
  std::string reflection();

 private:
  size_t pick(size_t n) { return static_cast<size_t>(rng_() % n); }
  // Replaces every {slot} of `text` with a random value for that slot.
  std::string fill(const std::string& text);

  std::mt19937_64& rng_;
};

}  // namespace nastavnik::bench
