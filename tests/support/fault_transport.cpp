#include "tests/support/fault_transport.h"

namespace nastavnik::testing {

namespace {
constexpr size_t kStaleHistory = 8;
}

FaultCounts& FaultCounts::operator+=(const FaultCounts& o) {
  requests += o.requests;
  dropped_requests += o.dropped_requests;
  dropped_replies += o.dropped_replies;
  duplicates += o.duplicates;
  stale_replays += o.stale_replays;
  truncated += o.truncated;
  offline_refusals += o.offline_refusals;
  return *this;
}

bool FaultTransport::roll(double p) {
  if (p <= 0) return false;
  return std::uniform_real_distribution<double>(0, 1)(rng_) < p;
}

Result<HttpReply> FaultTransport::post(const std::string& path, const std::string& content_type,
                                       const std::string& body, const HttpHeaders& headers) {
  ++counts_.requests;
  if (offline_) {
    ++counts_.offline_refusals;
    return Status::Unavailable("network is down (partition)");
  }
  // Every roll happens on every request, so the sequence of decisions depends only on the
  // seed and the number of requests, never on what earlier answers contained.
  const bool stale = roll(faults_.replay_stale) && !history_.empty();
  const size_t stale_index = history_.empty() ? 0 : rng_() % history_.size();
  const bool drop_request = roll(faults_.drop_request);
  const bool duplicate = roll(faults_.duplicate);
  const bool drop_reply = roll(faults_.drop_reply);
  const bool truncate = roll(faults_.truncate_reply);
  const uint64_t cut_at = rng_();

  if (stale) {
    // A request sent earlier arrives now, before this one; its answer goes nowhere.
    const Sent old = history_[stale_index];
    ++counts_.stale_replays;
    (void)inner_.post(old.path, old.content_type, old.body, old.headers);
  }
  if (drop_request) {
    ++counts_.dropped_requests;
    return Status::Unavailable("connection reset before the request was delivered");
  }
  history_.push_back(Sent{path, content_type, body, headers});
  if (history_.size() > kStaleHistory) history_.pop_front();
  auto reply = inner_.post(path, content_type, body, headers);
  if (duplicate) {
    // The network delivered the request twice; the device sees the second answer.
    ++counts_.duplicates;
    reply = inner_.post(path, content_type, body, headers);
  }
  if (!reply.ok()) return reply;
  if (drop_reply) {
    ++counts_.dropped_replies;
    return Status::Unavailable("connection reset while reading the answer");
  }
  if (truncate && !reply->body.empty()) {
    ++counts_.truncated;
    reply->body.resize(cut_at % reply->body.size());
  }
  return reply;
}

Result<HttpReply> FaultTransport::get(const std::string& path) {
  if (offline_) return Status::Unavailable("network is down (partition)");
  return inner_.get(path);
}

}  // namespace nastavnik::testing
