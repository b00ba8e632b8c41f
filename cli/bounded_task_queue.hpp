#pragma once
// The thread pool under `idx serve`. cpp-httplib runs each connection as one
// task for its whole keep-alive life, and its own pool queues connections
// without bound. This one keeps `workers` threads and lets at most
// `max_waiting` connections wait for one; a connection past that is answered
// by a turn-away thread, whose requests the server answers 429 at once with
// `Connection: close` (turning_away()), so an overload is told, not queued.

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace idx::cli {

class BoundedTaskQueue : public httplib::TaskQueue {
public:
    BoundedTaskQueue(std::size_t workers, std::size_t max_waiting);
    BoundedTaskQueue(const BoundedTaskQueue&) = delete;
    BoundedTaskQueue& operator=(const BoundedTaskQueue&) = delete;
    ~BoundedTaskQueue() override;

    void enqueue(std::function<void()> task) override;
    void shutdown() override;

    // True on the thread that answers connections past the limit.
    static bool turning_away();

private:
    struct Lane {
        std::deque<std::function<void()>> tasks;
        std::condition_variable ready;
    };
    void work(Lane& lane, bool turn_away);

    std::size_t m_max_waiting;
    std::mutex m_mutex;
    bool m_stopping = false;
    Lane m_main;
    Lane m_overflow;
    std::vector<std::thread> m_threads;
};

}  // namespace idx::cli
