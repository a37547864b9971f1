#include "syncserver/http/bounded_task_queue.h"

namespace nastavnik::server::http {
namespace {

thread_local bool t_overflowing = false;

}  // namespace

BoundedTaskQueue::BoundedTaskQueue(size_t workers, size_t max_queued) : max_queued_(max_queued) {
  threads_.reserve(workers);
  for (size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

BoundedTaskQueue::~BoundedTaskQueue() { shutdown(); }

bool BoundedTaskQueue::overflowing() { return t_overflowing; }

void BoundedTaskQueue::enqueue(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!shutting_down_ && queue_.size() < max_queued_) {
      queue_.push_back(std::move(fn));
      ready_.notify_one();
      return;
    }
  }
  t_overflowing = true;
  fn();
  t_overflowing = false;
}

void BoundedTaskQueue::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shutting_down_ && threads_.empty()) return;
    shutting_down_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void BoundedTaskQueue::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return shutting_down_ || !queue_.empty(); });
      if (queue_.empty()) return;  // shutting down with nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace nastavnik::server::http
