#pragma once
// httplib's task queue for the embedded server: a fixed number of worker threads and a
// bounded queue of accepted connections waiting for one. A connection that finds the queue
// full is not queued without limit (httplib's own pool would): its task runs at once on the
// accepting thread with overflowing() true, and the server answers it 503 with Retry-After
// without reading anything (guarded_server.cpp).

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace nastavnik::server::http {

class BoundedTaskQueue : public httplib::TaskQueue {
 public:
  BoundedTaskQueue(size_t workers, size_t max_queued);
  ~BoundedTaskQueue() override;

  void enqueue(std::function<void()> fn) override;
  // Runs what is queued (each task sees the server stopping and ends quickly), then joins.
  void shutdown() override;

  // True inside a task that enqueue() ran because the queue was full.
  static bool overflowing();

 private:
  void work();

  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool shutting_down_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace nastavnik::server::http
